package io.sightline.ingest;

import static io.sightline.ingest.OtlpIngestApplicationTest.metric;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.sightline.grpc.GrpcTestClients;
import io.sightline.grpc.jaeger.v2.GetTraceRequest;
import io.sightline.grpc.jaeger.v2.QueryServiceGrpc;
import io.sightline.storage.elasticsearch.client.EsResponse;
import io.sightline.testing.LoadedSightline;
import io.sightline.testing.PackagedJar;
import io.sightline.testing.search.IndexPrefix;
import io.sightline.testing.search.SearchServer;
import io.sightline.testing.search.SearchServerTest;
import io.sightline.trace.TraceId;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OTLP ingest into Elasticsearch/OpenSearch end to end: the packaged jar as jaeger-query with
 * {@code COLLECTOR_OTLP_ENABLED=true} on a harness server, the OpenTelemetry Java SDK's own OTLP
 * exporters (gRPC and HTTP/protobuf) sending spans of three services (every span kind, attributes
 * of every type, events, a link, error and OK status, typed resource attributes). Then:
 *
 * <ul>
 *   <li>every span reads back through {@code /api/traces/{id}} with the tags, logs, references and
 *       process Jaeger's OTLP → model translation gives (stated here from what the SDK sent), and
 *       through gRPC {@code GetTrace} (generated stubs) exactly as over HTTP;
 *   <li>the span documents are the loader's: the same spans, written by the SDK's own OTLP JSON
 *       encoder to a file and loaded with {@code java -jar … load} under another prefix, give equal
 *       {@code _source} documents in the same daily indices; the service index holds the service
 *       and operation pairs;
 *   <li>the admin port's metrics: received = written, none refused or dropped.
 * </ul>
 */
@SearchServerTest
class OtlpElasticsearchIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration STARTUP = Duration.ofMinutes(3);

  private final SearchServer search;

  OtlpElasticsearchIT(SearchServer search) {
    this.search = search;
  }

  /** Keeps what an exporter sent, as the SDK handed it over. */
  private static final class Kept implements SpanExporter {
    final ConcurrentLinkedQueue<SpanData> spans = new ConcurrentLinkedQueue<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  @Test
  void sdkSpansAreWrittenAsTheLoaderWritesThemAndReadBack(IndexPrefix prefix, @TempDir Path dir)
      throws Exception {
    Map<String, String> env = LoadedSightline.environment(search, prefix);
    env.put("COLLECTOR_OTLP_ENABLED", "true");
    int otlpGrpc = PackagedJar.freePort();
    int otlpHttp = PackagedJar.freePort();
    Kept kept = new Kept();
    String traceId;
    try (PackagedJar.Server server = PackagedJar.startServer(env, STARTUP, otlpGrpc, otlpHttp)) {
      SpanExporter grpc =
          OtlpGrpcSpanExporter.builder()
              .setEndpoint("http://127.0.0.1:" + otlpGrpc)
              .setCompression("gzip")
              .build();
      SpanExporter http =
          OtlpHttpSpanExporter.builder()
              .setEndpoint("http://127.0.0.1:" + otlpHttp + "/v1/traces")
              .build();
      traceId = OtlpCheckout.send(grpc, http, kept);
      grpc.shutdown().join(10, TimeUnit.SECONDS);
      http.shutdown().join(10, TimeUnit.SECONDS);
      List<SpanData> sent = List.copyOf(kept.spans);

      awaitWritten(server, sent.size());
      refresh(prefix.value());

      // (a) Jaeger's API and gRPC answer every span as Jaeger's translation gives it.
      JsonNode trace = okJson(server, "/api/traces/" + traceId).path("data").path(0);
      OtlpCheckout.assertTranslated(trace, sent, traceId);
      String otherTrace =
          sent.stream()
              .map(SpanData::getTraceId)
              .filter(id -> !id.equals(traceId))
              .findFirst()
              .orElseThrow();
      OtlpCheckout.assertTranslated(
          okJson(server, "/api/traces/" + otherTrace).path("data").path(0), sent, otherTrace);
      assertGrpcGetTraceIsTheHttpTrace(server, trace, traceId);

      // (d) nothing refused, nothing dropped.
      String metrics = server.getAdmin("/metrics").body();
      assertThat(metric(metrics, "sightline_ingest_spans_received_total")).isEqualTo(sent.size());
      assertThat(metric(metrics, "sightline_ingest_spans_written_total")).isEqualTo(sent.size());
      assertThat(metric(metrics, "sightline_ingest_spans_refused_total")).isZero();
      assertThat(metric(metrics, "sightline_ingest_spans_dropped_total")).isZero();
    }

    // (b) The loader, given the same spans as OTLP JSON (the SDK's own encoder), writes the same
    // documents into the same daily indices.
    List<SpanData> sent = List.copyOf(kept.spans);
    Path file = dir.resolve("sent.json");
    try (OutputStream out = Files.newOutputStream(file)) {
      TraceRequestMarshaler.create(sent).writeJsonTo(out);
    }
    String loadedPrefix = prefix.value() + "-loaded";
    Map<String, String> loaderEnv = LoadedSightline.environment(search, prefix);
    loaderEnv.put("ES_INDEX_PREFIX", loadedPrefix);
    PackagedJar.Result load =
        PackagedJar.run(
            loaderEnv,
            Duration.ofMinutes(3),
            List.of("load", "--no-dependencies", "--progress", "0", file.toString()));
    assertThat(load.exitCode()).as(load.toString()).isZero();

    Map<String, JsonNode> viaOtlp = spanDocuments(prefix.value());
    Map<String, JsonNode> viaLoader = spanDocuments(loadedPrefix);
    assertThat(viaOtlp).hasSize(sent.size());
    assertThat(viaOtlp.keySet()).isEqualTo(viaLoader.keySet());
    viaOtlp.forEach(
        (key, doc) -> assertThat(doc).as("document " + key).isEqualTo(viaLoader.get(key)));
    OtlpCheckout.assertDocumentFields(viaOtlp, sent);

    // (c) the service index: each service with each of its operations.
    Set<String> pairs = new TreeSet<>();
    for (SpanData span : sent) {
      pairs.add(
          span.getResource().getAttribute(AttributeKey.stringKey("service.name"))
              + " "
              + span.getName());
    }
    assertThat(servicePairs(prefix.value())).isEqualTo(pairs);
    assertThat(servicePairs(loadedPrefix)).isEqualTo(pairs);
  }

  private static void assertGrpcGetTraceIsTheHttpTrace(
      PackagedJar.Server server, JsonNode http, String traceId) throws Exception {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.grpcPort()).usePlaintext().build();
    try {
      var v2 = QueryServiceGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.MINUTES);
      var chunks =
          v2.getTrace(
              GetTraceRequest.newBuilder()
                  .setTraceId(ByteString.copyFrom(TraceId.parse(traceId).toBytes()))
                  .build());
      var byTrace = GrpcTestClients.byTrace(chunks);
      assertThat(byTrace).containsOnlyKeys(traceId);
      GrpcTestClients.assertSameSpans(byTrace.get(traceId), http);
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /** Waits until the admin port's metrics say every span sent is written. */
  private static void awaitWritten(PackagedJar.Server server, int spans) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    double written = 0;
    while (System.nanoTime() < deadline) {
      written = metric(server.getAdmin("/metrics").body(), "sightline_ingest_spans_written_total");
      if (written >= spans) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("written " + written + " of " + spans + " spans within 30 s");
  }

  private static JsonNode okJson(PackagedJar.Server server, String path) throws Exception {
    HttpResponse<String> response = server.get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private void refresh(String indexPrefix) throws Exception {
    send("POST", "/" + indexPrefix + "-jaeger-*/_refresh", null);
  }

  /**
   * The span documents under a prefix: {@code <index without prefix> <spanID>} → {@code _source}.
   */
  private Map<String, JsonNode> spanDocuments(String indexPrefix) throws Exception {
    refresh(indexPrefix);
    Map<String, JsonNode> docs = new TreeMap<>();
    for (JsonNode hit : hits(indexPrefix + "-jaeger-span-*")) {
      String index = hit.path("_index").asString().substring(indexPrefix.length() + 1);
      docs.put(index + " " + hit.path("_source").path("spanID").asString(), hit.path("_source"));
    }
    return docs;
  }

  private Set<String> servicePairs(String indexPrefix) throws Exception {
    Set<String> pairs = new TreeSet<>();
    for (JsonNode hit : hits(indexPrefix + "-jaeger-service-*")) {
      JsonNode source = hit.path("_source");
      pairs.add(
          source.path("serviceName").asString() + " " + source.path("operationName").asString());
    }
    return pairs;
  }

  private List<JsonNode> hits(String indices) throws Exception {
    JsonNode answer = JSON.readTree(send("POST", "/" + indices + "/_search", "{\"size\":1000}"));
    List<JsonNode> hits = new ArrayList<>();
    answer.path("hits").path("hits").forEach(hits::add);
    return hits;
  }

  /** A request through the harness's client (Sightline's own); the body of its 2xx answer. */
  private String send(String method, String path, String body) {
    try (EsResponse response =
        search
            .client()
            .execute(
                method,
                path,
                Map.of(),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8))) {
      return new String(response.bytes(), StandardCharsets.UTF_8);
    }
  }
}
