package io.sightline.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.testing.LoadedSightline;
import io.sightline.testing.search.IndexPrefix;
import io.sightline.testing.search.SearchServer;
import io.sightline.testing.search.SearchServerTest;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyLinker;
import io.sightline.trace.KeyValue;
import io.sightline.trace.RefType;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana Jaeger data source's requests (docs/JAEGER-COMPAT.md §5: frontend mode, backend mode
 * with its millisecond trace-ID times and its {@code /api/v3} search, the gRPC-over-HTTP mode)
 * replayed against the packaged jar reading a real Elasticsearch/OpenSearch that the loader filled.
 * Answers are checked field by field against the traces as generated: the fields Grafana reads.
 */
@SearchServerTest
class GrafanaOnElasticsearchIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration WINDOW = Duration.ofHours(2);

  private final SearchServer server;
  private LoadedSightline sightline;

  GrafanaOnElasticsearchIT(SearchServer server) {
    this.server = server;
  }

  /**
   * One test: the data is loaded and the jar started once (a prefix resolved in a static
   * {@code @BeforeAll} is not available under the class template), then each mode is replayed.
   */
  @Test
  void grafanasRequestsInEveryMode(IndexPrefix prefix) throws Exception {
    try (LoadedSightline loaded = LoadedSightline.start(server, prefix, 31, 3_000, WINDOW)) {
      sightline = loaded;
      servicesAndOperationsFillGrafanasDropdowns();
      searchAsGrafanasFrontendSendsIt();
      traceByIdInEveryModeAndUnknownIdsAre404();
      dependencyGraphCarriesNullErrorsAndTheDailyCounts();
      searchesStartNoThreadPerStorageRequest();
    }
  }

  /**
   * Each search sends two Elasticsearch requests. Once the pools are warm, 40 searches must not
   * start a thread per request: on a two-core machine the JDK's common pool has one worker and the
   * HTTP client's answers each started a thread until the jar sized the pool
   * (SightlineApplication).
   */
  private void searchesStartNoThreadPerStorageRequest() throws Exception {
    String service = services().iterator().next();
    String search = "/api/traces?limit=20&lookback=2h&service=" + encode(service);
    ok(search);
    long before = threadsStarted();
    for (int i = 0; i < 40; i++) {
      ok(search);
    }
    assertThat(threadsStarted() - before).as("threads started by 40 searches").isLessThan(20);
  }

  private long threadsStarted() throws Exception {
    HttpResponse<String> metrics = sightline.server().getAdmin("/actuator/prometheus");
    assertThat(metrics.statusCode()).isEqualTo(200);
    return metrics
        .body()
        .lines()
        .filter(l -> l.startsWith("jvm_threads_started_threads_total"))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no jvm_threads_started_threads_total"));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return sightline.server().get(path);
  }

  private JsonNode ok(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String encode(String text) {
    // encodeURIComponent: spaces as %20, not '+'
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }

  private Stream<Span> spans() {
    return sightline.traces().stream().flatMap(t -> t.spans().stream());
  }

  private Set<String> services() {
    Set<String> names = new TreeSet<>();
    spans().forEach(s -> names.add(s.process().serviceName()));
    return names;
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> values = new TreeSet<>();
    array.forEach(n -> values.add(n.asString()));
    return values;
  }

  private void servicesAndOperationsFillGrafanasDropdowns() throws Exception {
    HttpResponse<String> response = get("/api/services");
    assertThat(response.body()).endsWith("\"errors\":null}");
    JsonNode body = JSON.readTree(response.body());
    // "Save & test" succeeds only with at least one service.
    assertThat(texts(body.path("data"))).isEqualTo(services()).isNotEmpty();
    assertThat(body.path("total").asInt()).isEqualTo(services().size());

    for (String service : services()) {
      Set<String> operations = new TreeSet<>();
      spans()
          .filter(s -> s.process().serviceName().equals(service))
          .forEach(s -> operations.add(s.operationName()));
      JsonNode legacy = ok("/api/services/" + encode(service) + "/operations");
      assertThat(texts(legacy.path("data"))).as(service).isEqualTo(operations);
      // gRPC-over-HTTP mode
      JsonNode v3 = ok("/api/v3/operations?service=" + encode(service));
      Set<String> names = new TreeSet<>();
      v3.path("operations").forEach(o -> names.add(o.path("name").asString()));
      assertThat(names).as(service).isEqualTo(operations);
    }
    assertThat(texts(ok("/api/v3/services").path("services"))).isEqualTo(services());
  }

  /** The error span Grafana's search looks for: service, operation and tag of a real one. */
  private Span anErrorSpan() {
    return spans()
        .filter(s -> s.process().serviceName().equals("checkout-service") && s.isError())
        .findFirst()
        .or(() -> spans().filter(Span::isError).findFirst())
        .orElseThrow(() -> new AssertionError("the demo data has no error span"));
  }

  /** Jaeger's rule: every condition on one span; a tag matches span tags, process tags or logs. */
  private static boolean matches(
      Span span, String service, String operation, long minMicros, long maxMicros) {
    return span.process().serviceName().equals(service)
        && span.operationName().equals(operation)
        && span.duration() >= minMicros
        && span.duration() <= maxMicros
        && Stream.concat(
                Stream.concat(span.tags().stream(), span.process().tags().stream()),
                span.logs().stream().flatMap(l -> l.fields().stream()))
            .anyMatch(kv -> kv.key().equals("error") && kv.valueAsString().equals("true"));
  }

  private void searchAsGrafanasFrontendSendsIt() throws Exception {
    Span errorSpan = anErrorSpan();
    String service = errorSpan.process().serviceName();
    String operation = errorSpan.operationName();
    Instant from = sightline.now().minus(WINDOW).minusSeconds(60);
    Instant to = sightline.now().plusSeconds(60);
    Map<TraceId, Trace> expected = new TreeMap<>();
    for (Trace trace : sightline.traces()) {
      if (trace.spans().stream().anyMatch(s -> matches(s, service, operation, 1, 3_600_000_000L))) {
        expected.put(trace.traceId(), trace);
      }
    }
    assertThat(expected).isNotEmpty();
    // The parameters in Grafana's order; tags as the JSON of stringified logfmt values.
    String path =
        "/api/traces?service="
            + encode(service)
            + "&operation="
            + encode(operation)
            + "&tags="
            + encode("{\"error\":\"true\"}")
            + "&minDuration=1us&maxDuration=1h&limit=1500&start="
            + micros(from)
            + "&end="
            + micros(to)
            + "&lookback=custom";
    JsonNode body = ok(path);
    Map<TraceId, JsonNode> found = new TreeMap<>();
    body.path("data").forEach(t -> found.put(TraceId.parse(t.path("traceID").asString()), t));
    assertThat(found.keySet()).isEqualTo(expected.keySet());
    for (Map.Entry<TraceId, JsonNode> entry : found.entrySet()) {
      assertTraceAsGrafanaReadsIt(entry.getValue(), expected.get(entry.getKey()));
    }

    // Backend mode sends the same search to /api/v3/traces, times RFC 3339 unescaped, no limit.
    String v3 =
        "/api/v3/traces?query.service_name="
            + encode(service)
            + "&query.operation_name="
            + encode(operation)
            + "&query.attributes="
            + encode("{\"error\":\"true\"}")
            + "&query.duration_min=1us&query.duration_max=1h"
            + "&query.start_time_min="
            + DateTimeFormatter.ISO_INSTANT.format(from.atOffset(ZoneOffset.UTC))
            + "&query.start_time_max="
            + DateTimeFormatter.ISO_INSTANT.format(to.atOffset(ZoneOffset.UTC));
    Set<TraceId> v3Found = new TreeSet<>();
    Map<TraceId, Integer> v3Spans = new HashMap<>();
    ok(v3)
        .path("result")
        .path("resourceSpans")
        .forEach(
            rs ->
                rs.path("scopeSpans")
                    .forEach(
                        ss ->
                            ss.path("spans")
                                .forEach(
                                    s -> {
                                      TraceId id = TraceId.parse(s.path("traceId").asString());
                                      v3Found.add(id);
                                      v3Spans.merge(id, 1, Integer::sum);
                                    })));
    assertThat(v3Found).isEqualTo(expected.keySet());
    expected.forEach(
        (id, trace) ->
            assertThat(v3Spans.get(id)).as(id.toString()).isEqualTo(trace.spans().size()));
  }

  private void traceByIdInEveryModeAndUnknownIdsAre404() throws Exception {
    Trace trace =
        sightline.traces().stream()
            .max((a, b) -> Integer.compare(a.spans().size(), b.spans().size()))
            .orElseThrow();
    String id = trace.traceId().toString();
    Instant from = sightline.now().minus(WINDOW);
    Instant to = sightline.now();
    // frontend (µs times when "trace ID time params" is on), backend (ms), none
    for (String query :
        List.of(
            "",
            "?start=" + micros(from) + "&end=" + micros(to),
            "?start=" + from.toEpochMilli() + "&end=" + to.toEpochMilli())) {
      JsonNode body = ok("/api/traces/" + encode(id) + query);
      assertThat(body.path("data")).as(query).hasSize(1);
      assertTraceAsGrafanaReadsIt(body.path("data").path(0), trace);
    }

    // gRPC-over-HTTP mode: OTLP JSON, int64s and times as strings, kind and status as numbers
    JsonNode v3 = ok("/api/v3/traces/" + id);
    List<JsonNode> otlpSpans = new ArrayList<>();
    v3.path("result")
        .path("resourceSpans")
        .forEach(
            rs -> rs.path("scopeSpans").forEach(ss -> ss.path("spans").forEach(otlpSpans::add)));
    assertThat(otlpSpans).hasSize(trace.spans().size());
    for (JsonNode span : otlpSpans) {
      assertThat(span.path("startTimeUnixNano").isString()).isTrue();
      assertThat(span.path("kind").isNumber()).isTrue();
    }

    // Grafana reads data[0] without a length check: an unknown trace must be an error status.
    HttpResponse<String> missing = get("/api/traces/" + "0badc0de0badc0de");
    assertThat(missing.statusCode()).isEqualTo(404);
    JsonNode error = JSON.readTree(missing.body());
    assertThat(error.path("data").isNull()).isTrue();
    assertThat(error.path("errors").path(0).path("code").asInt()).isEqualTo(404);
    assertThat(error.path("errors").path(0).path("msg").asString()).isEqualTo("trace not found");
  }

  private void dependencyGraphCarriesNullErrorsAndTheDailyCounts() throws Exception {
    Instant end = sightline.now().plusSeconds(60);
    // Grafana: lookback = range.to − range.from in ms; a two-day range holds every daily document.
    long lookback = Duration.ofDays(2).toMillis();
    HttpResponse<String> response =
        get("/api/dependencies?endTs=" + end.toEpochMilli() + "&lookback=" + lookback);
    assertThat(response.statusCode()).isEqualTo(200);
    // Grafana checks `errors` for truthiness: [] would break the graph.
    assertThat(response.body()).endsWith("\"errors\":null}");
    Map<String, Long> expected = new TreeMap<>();
    DependencyLinker.byDay(sightline.traces())
        .values()
        .forEach(
            links -> {
              for (DependencyLink link : links) {
                expected.merge(link.parent() + " -> " + link.child(), link.callCount(), Long::sum);
              }
            });
    Map<String, Long> answered = new TreeMap<>();
    JSON.readTree(response.body())
        .path("data")
        .forEach(
            l ->
                answered.merge(
                    l.path("parent").asString() + " -> " + l.path("child").asString(),
                    l.path("callCount").asLong(),
                    Long::sum));
    assertThat(answered).isNotEmpty().isEqualTo(expected);
  }

  /** The fields Grafana's trace view and search table read, against the trace as generated. */
  private static void assertTraceAsGrafanaReadsIt(JsonNode json, Trace trace) {
    String traceId = json.path("traceID").asString();
    assertThat(TraceId.parse(traceId)).isEqualTo(trace.traceId());
    JsonNode processes = json.path("processes");
    Map<SpanId, Span> byId = new HashMap<>();
    trace.spans().forEach(s -> byId.put(s.spanId(), s));
    assertThat(json.path("spans")).hasSize(trace.spans().size());
    for (JsonNode span : json.path("spans")) {
      Span source = byId.get(SpanId.parse(span.path("spanID").asString()));
      assertThat(source).as("span " + span.path("spanID")).isNotNull();
      String what = traceId + "/" + source.spanId();
      assertThat(TraceId.parse(span.path("traceID").asString()))
          .as(what)
          .isEqualTo(trace.traceId());
      assertThat(span.path("operationName").asString()).as(what).isEqualTo(source.operationName());
      assertThat(span.path("startTime").asLong()).as(what).isEqualTo(source.startTime());
      assertThat(span.path("duration").asLong()).as(what).isEqualTo(source.duration());
      // The process must exist, or Grafana's frontend throws.
      JsonNode process = processes.path(span.path("processID").asString());
      assertThat(process.isObject()).as(what).isTrue();
      assertThat(process.path("serviceName").asString())
          .as(what)
          .isEqualTo(source.process().serviceName());
      assertThat(process.path("tags")).as(what).hasSize(source.process().tags().size());
      // Grafana's parent: the first CHILD_OF reference.
      String parent =
          source.references().stream()
              .filter(r -> r.refType() == RefType.CHILD_OF)
              .findFirst()
              .map(SpanReference::spanId)
              .map(SpanId::toString)
              .orElse(null);
      JsonNode firstChildOf = null;
      for (JsonNode ref : span.path("references")) {
        if (ref.path("refType").asString().equals("CHILD_OF")) {
          firstChildOf = ref;
          break;
        }
      }
      assertThat(firstChildOf == null ? null : firstChildOf.path("spanID").asString())
          .as(what)
          .isEqualTo(parent);
      assertThat(span.path("references")).as(what).hasSize(source.references().size());
      assertThat(span.path("logs").isArray()).as(what).isTrue();
      assertThat(span.path("logs")).as(what).hasSize(source.logs().size());
      int log = 0;
      for (SpanLog expected : source.logs()) {
        JsonNode actual = span.path("logs").path(log++);
        assertThat(actual.path("timestamp").asLong()).as(what).isEqualTo(expected.timestamp());
        assertThat(actual.path("fields")).as(what).hasSize(expected.fields().size());
      }
      Set<String> tagKeys = new TreeSet<>();
      span.path("tags").forEach(t -> tagKeys.add(t.path("key").asString()));
      Set<String> sourceKeys = new TreeSet<>();
      source.tags().stream().map(KeyValue::key).forEach(sourceKeys::add);
      assertThat(tagKeys).as(what).isEqualTo(sourceKeys);
    }
  }
}
