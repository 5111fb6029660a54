package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.sightline.config.OtlpReceivers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OTLP ingest into the embedded store end to end, with the OpenTelemetry Java SDK's own OTLP
 * exporters (gRPC and HTTP/protobuf) as the clients: what they send is read back through Jaeger's
 * {@code /api/traces/{id}}, {@code /api/dependencies} and the admin port's {@code /metrics}.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "sightline.demo.enabled=false",
      "SIGHTLINE_DEMO=false",
      "sightline.ingest.otlp.dependencies-interval=100ms"
    })
class OtlpIngestApplicationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @LocalManagementPort int adminPort;
  @Autowired OtlpReceivers receivers;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void grpcExporterSpansAreReadBackWithJaegersFields() throws Exception {
    SpanExporter exporter =
        OtlpGrpcSpanExporter.builder()
            .setEndpoint("http://127.0.0.1:" + receivers.grpcPort())
            .setCompression("gzip")
            .build();
    Sent sent = sendCheckoutTrace(exporter, "grpc-checkout", "grpc-inventory");

    JsonNode trace = awaitTrace(sent.traceId, 2);
    assertCheckoutTrace(trace, sent, "grpc-checkout", "grpc-inventory");
  }

  @Test
  void httpProtobufExporterSpansAreReadBackWithJaegersFields() throws Exception {
    SpanExporter exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint("http://127.0.0.1:" + receivers.httpPort() + "/v1/traces")
            .setCompression("gzip")
            .build();
    Sent sent = sendCheckoutTrace(exporter, "http-checkout", "http-inventory");

    JsonNode trace = awaitTrace(sent.traceId, 2);
    assertCheckoutTrace(trace, sent, "http-checkout", "http-inventory");
  }

  @Test
  void dependenciesAndMetricsReflectWhatArrived() throws Exception {
    SpanExporter exporter =
        OtlpGrpcSpanExporter.builder()
            .setEndpoint("http://127.0.0.1:" + receivers.grpcPort())
            .build();
    sendCheckoutTrace(exporter, "dep-checkout", "dep-inventory");
    sendCheckoutTrace(exporter, "dep-checkout", "dep-inventory");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    long calls = 0;
    while (System.nanoTime() < deadline && calls < 2) {
      JsonNode deps =
          JSON.readTree(
              get(
                      port,
                      "/api/dependencies?endTs=" + System.currentTimeMillis() + "&lookback=3600000")
                  .body());
      calls = 0;
      for (JsonNode link : deps.get("data")) {
        if (link.get("parent").asString().equals("dep-checkout")
            && link.get("child").asString().equals("dep-inventory")) {
          calls += link.get("callCount").asLong();
        }
      }
      Thread.sleep(50);
    }
    assertThat(calls).isEqualTo(2);

    String metrics = get(adminPort, "/metrics").body();
    assertThat(metric(metrics, "sightline_ingest_spans_received_total")).isGreaterThanOrEqualTo(4);
    assertThat(metric(metrics, "sightline_ingest_spans_written_total")).isGreaterThanOrEqualTo(4);
    assertThat(metric(metrics, "sightline_ingest_spans_dropped_total")).isZero();
    assertThat(metrics).contains("sightline_ingest_queue_depth");
  }

  private record Sent(String traceId, String serverSpanId, String clientSpanId, String linkedId) {}

  /**
   * A server span with an error status, an event and resource attributes, and a client child that
   * links to another trace; the same as both exporters send it.
   */
  private static Sent sendCheckoutTrace(SpanExporter exporter, String service, String peer)
      throws Exception {
    Resource resource =
        Resource.create(
            Attributes.of(
                AttributeKey.stringKey("service.name"),
                service,
                AttributeKey.stringKey("deployment.environment"),
                "test"));
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(resource)
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    Tracer tracer = provider.get("io.sightline.test", "1.2.3");
    Span other = tracer.spanBuilder("elsewhere").startSpan();
    other.end();
    Span server =
        tracer
            .spanBuilder("GET /cart")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", "GET")
            .setAttribute("http.response.status_code", 500L)
            .startSpan();
    server.addEvent("cache miss", Attributes.of(AttributeKey.stringKey("key"), "cart-7"));
    server.setStatus(StatusCode.ERROR, "boom");
    Span client =
        tracer
            .spanBuilder("reserve")
            .setParent(Context.root().with(server))
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("peer.service", peer)
            .addLink(other.getSpanContext())
            .startSpan();
    // The callee, in its own process: gives the dependency checkout → inventory.
    SdkTracerProvider peerProvider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), peer)))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    Span callee =
        peerProvider
            .get("io.sightline.test")
            .spanBuilder("reserve")
            .setParent(Context.root().with(client))
            .setSpanKind(SpanKind.SERVER)
            .startSpan();
    callee.end();
    client.end();
    server.end();
    assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(peerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    SpanContext sc = server.getSpanContext();
    return new Sent(
        sc.getTraceId(),
        sc.getSpanId(),
        client.getSpanContext().getSpanId(),
        other.getSpanContext().getSpanId());
  }

  private void assertCheckoutTrace(JsonNode trace, Sent sent, String service, String peer) {
    Map<String, JsonNode> spans = new HashMap<>();
    for (JsonNode span : trace.get("spans")) {
      spans.put(span.get("spanID").asString(), span);
    }
    JsonNode processes = trace.get("processes");
    JsonNode server = spans.get(sent.serverSpanId);
    assertThat(server.get("operationName").asString()).isEqualTo("GET /cart");
    JsonNode process = processes.get(server.get("processID").asString());
    assertThat(process.get("serviceName").asString()).isEqualTo(service);
    assertThat(tags(process.get("tags"))).containsEntry("deployment.environment", "test");
    Map<String, String> serverTags = tags(server.get("tags"));
    assertThat(serverTags)
        .containsEntry("otel.scope.name", "io.sightline.test")
        .containsEntry("otel.scope.version", "1.2.3")
        .containsEntry("http.request.method", "GET")
        .containsEntry("http.response.status_code", "500")
        .containsEntry("span.kind", "server")
        .containsEntry("otel.status_code", "ERROR")
        .containsEntry("otel.status_description", "boom")
        .containsEntry("error", "true");
    JsonNode log = server.get("logs").get(0);
    assertThat(tags(log.get("fields")))
        .containsEntry("event", "cache miss")
        .containsEntry("key", "cart-7");

    JsonNode client = spans.get(sent.clientSpanId);
    assertThat(tags(client.get("tags"))).containsEntry("span.kind", "client");
    List<String> refs = new ArrayList<>();
    for (JsonNode ref : client.get("references")) {
      refs.add(ref.get("refType").asString() + " " + ref.get("spanID").asString());
    }
    assertThat(refs)
        .containsExactly("CHILD_OF " + sent.serverSpanId, "FOLLOWS_FROM " + sent.linkedId);
    assertThat(client.get("startTime").asLong()).isGreaterThan(1_700_000_000_000_000L);

    boolean calleeFound = false;
    for (JsonNode span : trace.get("spans")) {
      String svc = processes.get(span.get("processID").asString()).get("serviceName").asString();
      if (svc.equals(peer)) {
        calleeFound = true;
        assertThat(tags(span.get("tags"))).containsEntry("span.kind", "server");
      }
    }
    assertThat(calleeFound).isTrue();
  }

  private static Map<String, String> tags(JsonNode tags) {
    Map<String, String> map = new HashMap<>();
    for (JsonNode tag : tags) {
      map.put(tag.get("key").asString(), tag.get("value").asText());
    }
    return map;
  }

  /** Polls Jaeger's trace endpoint: the spans must be searchable within 1 s of the export. */
  private JsonNode awaitTrace(String traceId, int minSpans) throws Exception {
    long start = System.nanoTime();
    while (true) {
      HttpResponse<String> response = get(port, "/api/traces/" + traceId);
      if (response.statusCode() == 200) {
        JsonNode trace = JSON.readTree(response.body()).get("data").get(0);
        if (trace.get("spans").size() >= minSpans + 1) {
          return trace;
        }
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("searchable within 1 s")
          .isLessThan(Duration.ofSeconds(1));
      Thread.sleep(20);
    }
  }

  private HttpResponse<String> get(int onPort, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onPort + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static double metric(String exposition, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$").matcher(exposition);
    double sum = 0;
    boolean found = false;
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
      found = true;
    }
    assertThat(found).as(name + " in /metrics").isTrue();
    return sum;
  }
}
