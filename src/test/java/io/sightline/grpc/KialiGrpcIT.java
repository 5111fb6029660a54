package io.sightline.grpc;

import static io.sightline.grpc.GrpcTestClients.assertSameSpans;
import static io.sightline.grpc.GrpcTestClients.byTrace;
import static io.sightline.grpc.GrpcTestClients.hex;
import static io.sightline.grpc.GrpcTestClients.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.sightline.grpc.jaeger.v2.FindTracesRequest;
import io.sightline.grpc.jaeger.v2.GetOperationsRequest;
import io.sightline.grpc.jaeger.v2.GetServicesRequest;
import io.sightline.grpc.jaeger.v2.GetTraceRequest;
import io.sightline.grpc.jaeger.v2.QueryServiceGrpc;
import io.sightline.grpc.jaeger.v2.SpansResponseChunk;
import io.sightline.grpc.jaeger.v2.TraceQueryParameters;
import io.sightline.testing.LoadedSightline;
import io.sightline.testing.search.IndexPrefix;
import io.sightline.testing.search.SearchServer;
import io.sightline.testing.search.SearchServerTest;
import io.sightline.trace.Span;
import io.sightline.trace.TraceId;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kiali's calls to the gRPC query port (Kiali reads traces with {@code use_grpc: true}:
 * GetServices, FindTraces with service, tags, min/max duration and a time range, GetTrace), made
 * with the generated stubs against the packaged jar reading a real Elasticsearch/OpenSearch that
 * the loader filled, and compared span by span with what {@code /api/*} answers for the same
 * request: span IDs, operation names, start times, durations, typed tags, references, process. Both
 * ports sit on the same {@code TraceService}; what each server stores is the conformance suite's
 * business, so one server is enough.
 */
@SearchServerTest(oneServer = true)
class KialiGrpcIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration WINDOW = Duration.ofHours(2);

  private final SearchServer server;
  private LoadedSightline sightline;
  private QueryServiceGrpc.QueryServiceBlockingStub v2;
  private ManagedChannel channel;

  KialiGrpcIT(SearchServer server) {
    this.server = server;
  }

  @Test
  void kialisCallsAnswerWhatTheHttpApiAnswers(IndexPrefix prefix) throws Exception {
    try (LoadedSightline loaded = LoadedSightline.start(server, prefix, 47, 2_000, WINDOW)) {
      sightline = loaded;
      channel =
          ManagedChannelBuilder.forAddress("127.0.0.1", loaded.server().grpcPort())
              .usePlaintext()
              .build();
      try {
        v2 = QueryServiceGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.MINUTES);
        healthIsServingAndReflectionListsTheQueryServices();
        servicesAndOperationsAreTheHttpApis();
        searchWithTagsAndDurationsFindsWhatHttpFinds();
        getTraceIsTheHttpApisTrace();
        unknownTraceIsNotFoundAndABadQueryIsInvalid();
        apiV3StreamsOneTracesDataPerTrace();
      } finally {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }

  private JsonNode ok(String path) throws Exception {
    HttpResponse<String> response = sightline.server().get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> values = new TreeSet<>();
    array.forEach(n -> values.add(n.asString()));
    return values;
  }

  private void healthIsServingAndReflectionListsTheQueryServices() throws Exception {
    assertThat(
            HealthGrpc.newBlockingStub(channel)
                .check(HealthCheckRequest.getDefaultInstance())
                .getStatus())
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    assertThat(GrpcTestClients.reflectedServices(channel))
        .contains("jaeger.api_v2.QueryService", "jaeger.api_v3.QueryService");
  }

  private void servicesAndOperationsAreTheHttpApis() throws Exception {
    JsonNode services = ok("/api/services").path("data");
    List<String> grpc = v2.getServices(GetServicesRequest.getDefaultInstance()).getServicesList();
    // The same list in the same (store's) order.
    List<String> http = new ArrayList<>();
    services.forEach(n -> http.add(n.asString()));
    assertThat(grpc).isNotEmpty().isEqualTo(http);
    for (String service : grpc) {
      Set<String> names =
          new TreeSet<>(
              v2.getOperations(GetOperationsRequest.newBuilder().setService(service).build())
                  .getOperationNamesList());
      assertThat(names)
          .as(service)
          .isEqualTo(texts(ok("/api/services/" + encode(service) + "/operations").path("data")));
    }
  }

  private Span anErrorSpan() {
    return sightline.traces().stream()
        .flatMap(t -> t.spans().stream())
        .filter(Span::isError)
        .findFirst()
        .orElseThrow(() -> new AssertionError("the demo data has no error span"));
  }

  private void searchWithTagsAndDurationsFindsWhatHttpFinds() throws Exception {
    Span errorSpan = anErrorSpan();
    String service = errorSpan.process().serviceName();
    Instant from = sightline.now().minus(WINDOW).minusSeconds(60);
    Instant to = sightline.now().plusSeconds(60);
    // Kiali's query: service, tags, min and max duration, a window and a depth.
    TraceQueryParameters query =
        TraceQueryParameters.newBuilder()
            .setServiceName(service)
            .putTags("error", "true")
            .setDurationMin(com.google.protobuf.Duration.newBuilder().setNanos(1_000))
            .setDurationMax(com.google.protobuf.Duration.newBuilder().setSeconds(3600))
            .setStartTimeMin(ts(from))
            .setStartTimeMax(ts(to))
            .setSearchDepth(200)
            .build();
    Map<String, List<io.sightline.grpc.jaeger.v2.Span>> grpc =
        byTrace(v2.findTraces(FindTracesRequest.newBuilder().setQuery(query).build()));
    JsonNode http =
        ok(
            "/api/traces?service="
                + encode(service)
                + "&tags="
                + encode("{\"error\":\"true\"}")
                + "&minDuration=1us&maxDuration=1h&limit=200&start="
                + micros(from)
                + "&end="
                + micros(to));
    Map<String, JsonNode> httpTraces = new TreeMap<>();
    http.path("data").forEach(t -> httpTraces.put(paddedId(t.path("traceID").asString()), t));

    assertThat(grpc).isNotEmpty();
    assertThat(new TreeSet<>(grpc.keySet())).isEqualTo(httpTraces.keySet());
    // The same order: newest match first.
    List<String> httpOrder = new ArrayList<>();
    http.path("data").forEach(t -> httpOrder.add(paddedId(t.path("traceID").asString())));
    assertThat(new ArrayList<>(grpc.keySet())).isEqualTo(httpOrder);
    grpc.forEach((id, spans) -> assertSameSpans(spans, httpTraces.get(id)));
  }

  private void getTraceIsTheHttpApisTrace() throws Exception {
    var biggest =
        sightline.traces().stream()
            .max((a, b) -> Integer.compare(a.spans().size(), b.spans().size()))
            .orElseThrow();
    assertThat(biggest.spans().size()).isGreaterThan(JaegerProtoModel.SPANS_PER_CHUNK);
    TraceId id = biggest.traceId();
    List<SpansResponseChunk> chunks = new ArrayList<>();
    v2.getTrace(GetTraceRequest.newBuilder().setTraceId(ByteString.copyFrom(id.toBytes())).build())
        .forEachRemaining(chunks::add);
    for (SpansResponseChunk chunk : chunks) {
      assertThat(chunk.getSpansCount()).isBetween(1, JaegerProtoModel.SPANS_PER_CHUNK);
    }
    Map<String, List<io.sightline.grpc.jaeger.v2.Span>> grpc = byTrace(chunks.iterator());
    assertThat(grpc).containsOnlyKeys(id.toPaddedHex());
    JsonNode http = ok("/api/traces/" + id).path("data").path(0);
    assertSameSpans(grpc.get(id.toPaddedHex()), http);
  }

  private void unknownTraceIsNotFoundAndABadQueryIsInvalid() {
    assertThatThrownBy(
            () ->
                v2.getTrace(
                        GetTraceRequest.newBuilder()
                            .setTraceId(
                                ByteString.copyFrom(TraceId.parse("0badc0de0badc0de").toBytes()))
                            .build())
                    .forEachRemaining(c -> {}))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessage("NOT_FOUND: trace not found");
    assertThatThrownBy(
            () ->
                v2.findTraces(
                        FindTracesRequest.newBuilder()
                            .setQuery(
                                TraceQueryParameters.newBuilder()
                                    .setServiceName("frontend")
                                    .setStartTimeMin(ts(sightline.now()))
                                    .setStartTimeMax(ts(sightline.now().minusSeconds(60))))
                            .build())
                    .forEachRemaining(c -> {}))
        .isInstanceOf(StatusRuntimeException.class)
        .hasMessageStartingWith("INVALID_ARGUMENT: query.start_time_max:");
  }

  private void apiV3StreamsOneTracesDataPerTrace() {
    var v3 =
        io.sightline.grpc.jaeger.v3.QueryServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(2, TimeUnit.MINUTES);
    var trace = sightline.traces().get(0);
    List<TracesData> got = new ArrayList<>();
    v3.getTrace(
            io.sightline.grpc.jaeger.v3.GetTraceRequest.newBuilder()
                .setTraceId(trace.traceId().toPaddedHex())
                .build())
        .forEachRemaining(got::add);
    assertThat(got).hasSize(1);
    Set<String> spanIds = new TreeSet<>();
    got.get(0)
        .getResourceSpansList()
        .forEach(
            r ->
                r.getScopeSpansList()
                    .forEach(
                        s -> s.getSpansList().forEach(sp -> spanIds.add(hex(sp.getSpanId())))));
    Set<String> expected = new TreeSet<>();
    trace.spans().forEach(s -> expected.add(s.spanId().toString()));
    assertThat(spanIds).isEqualTo(expected);
  }

  // ---- comparison ----

  private static String paddedId(String hex) {
    return TraceId.parse(hex).toPaddedHex();
  }
}
