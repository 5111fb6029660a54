package io.sightline.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v3}, the OpenAPI document and the admin port on a real Tomcat under {@code
 * QUERY_BASE_PATH=/jaeger}: what only real HTTP shows (a {@code +} sent unescaped in a query string
 * arrives as a space; Go's error framing on the wire).
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "QUERY_BASE_PATH=/jaeger",
      "management.server.port=0",
      "sightline.demo.enabled=false",
      "SIGHTLINE_DEMO=false"
    })
class ApiV3RealServerTest {

  static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TestConfiguration
  static class FixedClock {
    @Bean
    @Primary
    Clock testClock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  @LocalServerPort int port;
  @LocalManagementPort int adminPort;
  @Autowired SpanWriter store;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void seed() {
    if (seeded) {
      return;
    }
    seeded = true;
    store.writeSpans(
        List.of(
            new Span(
                TraceId.parse("abc"),
                new SpanId(1),
                "GET /grafana",
                List.of(),
                1,
                NOW.getEpochSecond() * 1_000_000 - 30 * 60 * 1_000_000L,
                2_000,
                List.of(KeyValue.string("span.kind", "server")),
                List.of(),
                new TracedProcess("grafana-test", List.of()),
                List.of())));
  }

  private static boolean seeded;

  private HttpResponse<String> get(int onPort, String rawPathAndQuery) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + onPort + rawPathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void grafanasUnescapedOffsetsAreUnderstood() throws Exception {
    // Grafana's backend appends the times as they are: the '+' of "+01:00" becomes a space.
    HttpResponse<String> response =
        get(
            port,
            "/jaeger/api/v3/traces?query.service_name=grafana-test"
                + "&query.start_time_min=2026-05-01T12:00:00+01:00"
                + "&query.start_time_max=2026-05-01T13:00:00+01:00");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode span =
        JSON.readTree(response.body()).at("/result/resourceSpans/0/scopeSpans/0/spans/0");
    assertThat(span.get("traceId").asString()).isEqualTo("00000000000000000000000000000abc");
    assertThat(span.get("kind").asInt()).isEqualTo(2);
  }

  @Test
  void errorsAreGoHttpErrorsOnTheWire() throws Exception {
    HttpResponse<String> response = get(port, "/jaeger/api/v3/traces/ffff");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .isEqualTo("{\"error\":{\"httpCode\":404,\"message\":\"No traces found\"}}\n");
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .isEqualToIgnoringWhitespace("text/plain;charset=utf-8");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void openApiAndSwaggerUiLiveUnderTheBasePath() throws Exception {
    HttpResponse<String> docs = get(port, "/jaeger/v3/api-docs");
    assertThat(docs.statusCode()).isEqualTo(200);
    JsonNode document = JSON.readTree(docs.body());
    assertThat(document.at("/servers/0/url").asString()).endsWith("/jaeger");
    assertThat(document.get("paths").has("/api/v3/traces")).isTrue();
    assertThat(get(port, "/jaeger/swagger-ui/index.html").statusCode()).isEqualTo(200);
    assertThat(get(port, "/jaeger/api/v3/services").body()).contains("grafana-test");
  }

  @Test
  void theAdminPortIgnoresTheBasePath() throws Exception {
    HttpResponse<String> health = get(adminPort, "/");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).startsWith("{\"status\":\"Server available\",\"upSince\":\"");
    assertThat(get(adminPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
    assertThat(get(adminPort, "/metrics").body()).contains("jvm_memory_used_bytes");
  }
}
