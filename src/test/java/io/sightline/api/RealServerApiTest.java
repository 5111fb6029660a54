package io.sightline.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanReference;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/** The API over real HTTP (Tomcat), where MockMvc cannot tell: URL decoding, headers, streaming. */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "sightline.demo.enabled=false",
      "SIGHTLINE_DEMO=false"
    })
class RealServerApiTest {

  static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

  @TestConfiguration
  static class FixedClock {
    @Bean
    @Primary
    Clock testClock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  @LocalServerPort int port;
  @Autowired SpanWriter store;
  @Autowired ApplicationContext context;

  @Test
  void linksAreNotRunThroughTheResourceChain() {
    // Swagger UI's webjar would enable it, and every link a page writes would cost a class-path
    // lookup (most of a trace page's CPU).
    // (Thymeleaf's auto-configuration registers it through a FilterRegistrationBean.)
    assertThat(context.getBeansOfType(ResourceUrlEncodingFilter.class)).isEmpty();
    assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
        .extracting(FilterRegistrationBean::getFilter)
        .noneMatch(ResourceUrlEncodingFilter.class::isInstance);
  }

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Span span(TraceId trace, long id, long parent, String service, String op) {
    long start = NOW.getEpochSecond() * 1_000_000 - 60_000_000 + id;
    return new Span(
        trace,
        new SpanId(id),
        op,
        parent == 0 ? List.of() : List.of(SpanReference.childOf(trace, new SpanId(parent))),
        1,
        start,
        10,
        List.of(KeyValue.string("k", "v")),
        List.of(),
        new TracedProcess(service, List.of(KeyValue.string("ip", "10.0.0.1"))),
        List.of());
  }

  @Test
  void serviceNamesWithSlashesAndPlusSignsWorkWhenEncoded() throws Exception {
    TraceId trace = new TraceId(0, 0x5e5);
    store.writeSpans(List.of(span(trace, 1, 0, "a/b+c d", "GET /x")));
    // Grafana sends encodeURIComponent(service).
    HttpResponse<String> response = get("/api/services/a%2Fb%2Bc%20d/operations");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("{\"data\":[\"GET /x\"],\"total\":1,");
    assertThat(get("/api/operations?service=a%2Fb%2Bc+d").body())
        .startsWith("{\"data\":[{\"name\":\"GET /x\",\"spanKind\":\"\"}],\"total\":1,");
  }

  @Test
  void errorHeadersAreGos() throws Exception {
    HttpResponse<String> response = get("/api/traces?service=s&start=x");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    // Tomcat writes "text/plain;charset=utf-8" (Go: "text/plain; charset=utf-8"); same meaning.
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .isEqualToIgnoringWhitespace("text/plain;charset=utf-8");
    assertThat(response.body()).endsWith("}]}\n");
    HttpResponse<String> ok = get("/api/services");
    assertThat(ok.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(ok.body()).endsWith("\"errors\":null}");
  }

  @Test
  void aHundredThousandSpanTraceStreams() throws Exception {
    TraceId trace = new TraceId(0, 0xb16);
    int count = 100_000;
    List<Span> spans = new ArrayList<>(count);
    spans.add(span(trace, 1, 0, "big-root", "root"));
    for (int i = 2; i <= count; i++) {
      // A deep chain: every span the child of the one before, across two services.
      spans.add(span(trace, i, i - 1, i % 2 == 0 ? "big-even" : "big-odd", "op-" + (i % 7)));
    }
    store.writeSpans(spans);

    long begin = System.nanoTime();
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/traces/b16"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long firstByteMillis = (System.nanoTime() - begin) / 1_000_000;
    long bytes = 0;
    long spanIds = 0;
    byte[] buffer = new byte[64 * 1024];
    byte[] needle = "\"spanID\"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int matched = 0;
    try (InputStream in = response.body()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        bytes += n;
        for (int i = 0; i < n; i++) {
          matched = buffer[i] == needle[matched] ? matched + 1 : (buffer[i] == needle[0] ? 1 : 0);
          if (matched == needle.length) {
            spanIds++;
            matched = 0;
          }
        }
      }
    }
    long totalMillis = (System.nanoTime() - begin) / 1_000_000;
    System.out.printf(
        "100k-span trace: %d bytes, headers after %d ms, complete after %d ms%n",
        bytes, firstByteMillis, totalMillis);
    assertThat(response.statusCode()).isEqualTo(200);
    // Each span's own spanID plus its reference's spanID.
    assertThat(spanIds).isEqualTo(count + (count - 1));
    assertThat(response.headers().firstValue("Content-Length")).isEmpty(); // streamed (chunked)
  }
}
