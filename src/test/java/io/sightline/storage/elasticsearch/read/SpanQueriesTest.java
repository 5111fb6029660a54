package io.sightline.storage.elasticsearch.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sightline.storage.elasticsearch.client.JsonCodec;
import io.sightline.storage.elasticsearch.dsl.MultiSearchHeader;
import io.sightline.storage.elasticsearch.index.IndexRotation;
import io.sightline.storage.elasticsearch.index.RolloverFrequency;
import io.sightline.storage.elasticsearch.index.TimeWindow;
import io.sightline.testing.Fixtures;
import io.sightline.testing.GoldenFiles;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.json.JSONException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

/**
 * The request bodies, compared with Jaeger's wire snapshots (HEAD, v2.20+ reader) where they exist,
 * and with our own golden files for every request.
 *
 * <p>Deliberate differences from Jaeger, each asserted below by undoing exactly that difference and
 * then requiring equality:
 *
 * <ul>
 *   <li>top-level conditions are in {@code bool.filter} (Jaeger: {@code bool.must}, or a bare query
 *       for operations and dependencies): no scoring, cacheable;
 *   <li>a trace is fetched with {@code terms} over every stored spelling of its ID (Jaeger HEAD:
 *       {@code term} on one spelling), so 16-char, 32-char and legacy documents all come back.
 * </ul>
 */
class SpanQueriesTest {

  private static final String CORE = "internal/storage/v2/elasticsearch/tracestore/core/testdata/";
  private static final String DEPSTORE = "internal/storage/v2/elasticsearch/depstore/testdata/";

  private static final GoldenFiles GOLDEN = new GoldenFiles("es-requests");

  private final SpanQueries queries = new SpanQueries("@");

  @Test
  void servicesEqualJaegersSnapshot() throws Exception {
    JsonNode snapshot = snapshot(Fixtures.JAEGER_HEAD, CORE + "get_services.json");
    assertJsonEquals(snapshot.get("body"), tree(queries.services(10)));
    GOLDEN.assertMatches("services.json", JsonCodec.write(queries.services(10_000)));
  }

  @Test
  void operationsEqualJaegersSnapshotWithTheQueryInFilterContext() throws Exception {
    JsonNode snapshot = snapshot(Fixtures.JAEGER_HEAD, CORE + "get_operations.json");
    ObjectNode ours = tree(queries.operations("test-service", 10));
    assertThat(ours.at("/query/bool/filter").isObject()).isTrue();
    ours.set("query", ours.at("/query/bool/filter"));
    assertJsonEquals(snapshot.get("body"), ours);
    GOLDEN.assertMatches(
        "operations.json", JsonCodec.write(queries.operations("frontend", 10_000)));
  }

  @Test
  void findTraceIdsEqualsJaegersSnapshotWithFilterForMust() throws Exception {
    // The snapshot's test used dot replacement "" (tag.httpstatus_code).
    SpanQueries noDotReplacement = new SpanQueries("");
    TraceQuery query =
        TraceQuery.builder(
                Instant.ofEpochMilli(1577934245000L), Instant.ofEpochMilli(1577937845000L))
            .serviceName("test-service")
            .operationName("test-operation")
            .tag("http.status_code", "200")
            .durationMin(Duration.ofSeconds(1))
            .durationMax(Duration.ofSeconds(60))
            .limit(20)
            .build();
    ObjectNode ours = tree(noDotReplacement.findTraceIds(query));
    ObjectNode bool = (ObjectNode) ours.at("/query/bool");
    assertThat(bool.has("must")).isFalse();
    bool.set("must", bool.remove("filter"));
    JsonNode snapshot = snapshot(Fixtures.JAEGER_HEAD, CORE + "find_trace_ids.json");
    assertJsonEquals(snapshot.get("body"), ours);
  }

  @ParameterizedTest
  @CsvSource({"query_01.json, spook", "query_02.json, spo.*", "query_03.json, spo\\*"})
  void tagQueriesEqualJaegersFixturesInAllVersions(String file, String value) throws Exception {
    JsonNode ours = tree(queries.tagQuery("bat.foo", value));
    assertJsonEquals(
        snapshot(
            Fixtures.JAEGER_HEAD,
            "internal/storage/v2/elasticsearch/tracestore/core/fixtures/" + file),
        ours);
    assertJsonEquals(
        snapshot(
            Fixtures.JAEGER_V1_76, "internal/storage/v1/elasticsearch/spanstore/fixtures/" + file),
        ours);
    assertJsonEquals(
        snapshot(Fixtures.JAEGER_V1_60, "plugin/storage/es/spanstore/fixtures/" + file), ours);
  }

  @Test
  void tracePageEqualsJaegersSnapshotExceptTermsOverAllSpellings() throws Exception {
    JsonNode snapshot = snapshot(Fixtures.JAEGER_HEAD, CORE + "get_traces.json");
    JsonNode ndjson = snapshot.get("ndjson");
    // The header: Jaeger's test ran in alias mode.
    assertJsonEquals(ndjson.get(0), tree(MultiSearchHeader.of(List.of("jaeger-span-read"))));

    TraceId traceId = TraceId.parse("1234567890abcdef");
    // The window of the find_trace_ids snapshot, padded by max_trace_duration (24h).
    TimeWindow window =
        new TimeWindow(Instant.ofEpochMilli(1577934245000L), Instant.ofEpochMilli(1577937845000L))
            .pad(Duration.ofHours(24));
    ObjectNode ours = tree(queries.tracePage(traceId, window, 100, null));

    ObjectNode bool = (ObjectNode) ours.at("/query/bool");
    ArrayNode conditions = (ArrayNode) bool.remove("filter");
    JsonNode spellings = conditions.get(0).at("/terms/traceID");
    assertThat(spellings)
        .extracting(JsonNode::asText)
        .containsExactly("00000000000000001234567890abcdef", "1234567890abcdef");
    String jaegers = ndjson.get(1).at("/query/bool/must/0/term/traceID").asText();
    assertThat(spellings).extracting(JsonNode::asText).contains(jaegers);
    ObjectNode term = JsonNodeFactory.instance.objectNode();
    term.putObject("term").put("traceID", jaegers);
    conditions.set(0, term);
    bool.set("must", conditions);
    assertJsonEquals(ndjson.get(1), ours);
  }

  @Test
  void dependenciesEqualJaegersSnapshotWithTheRangeInFilterContext() throws Exception {
    JsonNode snapshot = snapshot(Fixtures.JAEGER_HEAD, DEPSTORE + "get_dependencies.json");
    ObjectNode ours =
        tree(
            queries.dependencies(
                Instant.parse("2020-01-02T02:04:05Z"),
                Instant.parse("2020-01-02T03:04:05Z"),
                10_000));
    ours.set("query", ours.at("/query/bool/filter"));
    assertJsonEquals(snapshot.get("body"), ours);
    // The index: daily, for the window's one day.
    assertThat(
            IndexRotation.defaults()
                .readIndices(
                    IndexRotation.Kind.DEPENDENCIES,
                    Instant.parse("2020-01-02T02:04:05Z"),
                    Instant.parse("2020-01-02T03:04:05Z")))
        .containsExactly(snapshot.get("path").asText().split("/")[1]);
  }

  @Test
  void aliasNamesEqualJaegersSnapshotPaths() throws Exception {
    IndexRotation aliases =
        new IndexRotation(
            "test", "-", RolloverFrequency.DAY, RolloverFrequency.DAY, true, List.of());
    Instant now = Instant.parse("2020-01-02T03:04:05Z");
    assertThat("/" + aliases.readIndices(IndexRotation.Kind.SERVICE, now, now).get(0) + "/_search")
        .isEqualTo(snapshot(Fixtures.JAEGER_HEAD, CORE + "get_services.json").get("path").asText());
    IndexRotation unprefixed =
        new IndexRotation("", "-", RolloverFrequency.DAY, RolloverFrequency.DAY, true, List.of());
    assertThat("/" + unprefixed.readIndices(IndexRotation.Kind.SPAN, now, now).get(0) + "/_search")
        .isEqualTo(
            snapshot(Fixtures.JAEGER_HEAD, CORE + "find_trace_ids.json").get("path").asText());
  }

  @Test
  void aMinimumOnlyDurationSearchIsCappedAt24Hours() throws Exception {
    TraceQuery query =
        TraceQuery.builder(
                Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-01T01:00:00Z"))
            .durationMin(Duration.ofMillis(150))
            .build();
    JsonNode range = tree(queries.findTraceIds(query)).at("/query/bool/filter/0/range/duration");
    assertThat(range.get("gte").asLong()).isEqualTo(150_000);
    assertThat(range.get("lte").asLong()).isEqualTo(86_400_000_000L);
    GOLDEN.assertMatches(
        "find_trace_ids_min_duration.json", JsonCodec.write(queries.findTraceIds(query)));
  }

  @Test
  void aMaximumOnlyDurationSearchStartsAtZero() throws Exception {
    TraceQuery query =
        TraceQuery.builder(
                Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-01T01:00:00Z"))
            .durationMax(Duration.ofNanos(1_999))
            .build();
    JsonNode range = tree(queries.findTraceIds(query)).at("/query/bool/filter/0/range/duration");
    assertThat(range.get("gte").asLong()).isZero();
    assertThat(range.get("lte").asLong()).isEqualTo(1); // truncated to whole microseconds
  }

  @Test
  void aPlainSearchHasOnlyTheTimeRangeAndTheDefaultLimit() throws Exception {
    TraceQuery query =
        TraceQuery.builder(
                Instant.parse("2024-05-01T00:00:00.123456Z"),
                Instant.parse("2024-05-01T01:00:00.999999Z"))
            .build();
    JsonNode body = tree(queries.findTraceIds(query));
    JsonNode range = body.at("/query/bool/filter/range/startTimeMillis");
    assertThat(range.get("gte").asLong()).isEqualTo(1714521600123L);
    assertThat(range.get("lte").asLong()).isEqualTo(1714525200999L);
    assertThat(body.at("/aggregations/traceIDs/terms/size").asInt()).isEqualTo(100);
    assertThat(body.get("size").asInt()).isZero();
    GOLDEN.assertMatches("find_trace_ids_plain.json", JsonCodec.write(queries.findTraceIds(query)));
  }

  @Test
  void userInputStaysInsideJsonStrings() throws Exception {
    String nasty = "\"},{\"match_all\":{}}]}}//\u0000\u2028";
    TraceQuery query =
        TraceQuery.builder(
                Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-01T01:00:00Z"))
            .serviceName(nasty)
            .operationName(nasty)
            .tag(nasty, nasty)
            .build();
    JsonNode body = tree(queries.findTraceIds(query));
    assertThat(body.at("/query/bool/filter/1/match/process.serviceName/query").asText())
        .isEqualTo(nasty);
    assertThat(body.at("/query/bool/filter/2/match/operationName/query").asText()).isEqualTo(nasty);
    JsonNode nested = body.at("/query/bool/filter/3/bool/should/2/nested/query/bool/must");
    assertThat(nested.at("/0/match/tags.key/query").asText()).isEqualTo(nasty);
    assertThat(nested.at("/1/regexp/tags.value/value").asText()).isEqualTo(nasty);
    assertThat(body.toString()).doesNotContain("{\"match_all\"");
  }

  @Test
  void fullSearchGolden() {
    TraceQuery query =
        TraceQuery.builder(
                Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-01T06:00:00Z"))
            .serviceName("frontend")
            .operationName("HTTP GET /dispatch")
            .tag("http.status_code", "20.*")
            .tag("error", "true")
            .durationMin(Duration.ofMillis(10))
            .durationMax(Duration.ofSeconds(2))
            .limit(20)
            .build();
    GOLDEN.assertMatches("find_trace_ids_full.json", JsonCodec.write(queries.findTraceIds(query)));
  }

  @Test
  void tracePagesGolden() {
    TraceId traceId = TraceId.parse("00000000000000000000000000abcdef");
    TimeWindow window =
        new TimeWindow(Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-04T00:00:00Z"))
            .pad(Duration.ofHours(24));
    GOLDEN.assertMatches(
        "trace_page_first.json", JsonCodec.write(queries.tracePage(traceId, window, 10_000, null)));
    GOLDEN.assertMatches(
        "trace_page_next.json",
        JsonCodec.write(
            queries.tracePage(
                traceId, window, 10_000, List.of(1714521600000000L, "00000000000000ff"))));
    GOLDEN.assertMatches(
        "trace_page_unbounded_128bit.json",
        JsonCodec.write(
            queries.tracePage(
                TraceId.parse("0af7651916cd43dd8448eb211c80319c"), null, 10_000, null)));
    GOLDEN.assertMatches(
        "msearch_header.json",
        JsonCodec.write(
            MultiSearchHeader.of(List.of("jaeger-span-2024-05-05", "jaeger-span-2024-05-04"))));
  }

  @Test
  void dependenciesGolden() {
    GOLDEN.assertMatches(
        "dependencies.json",
        JsonCodec.write(
            queries.dependencies(
                Instant.parse("2024-04-24T10:00:00Z"),
                Instant.parse("2024-05-01T10:00:00.750Z"),
                10_000)));
  }

  private static JsonNode snapshot(String version, String path) throws Exception {
    return JsonCodec.mapper().readTree(Fixtures.read(version, path));
  }

  private static ObjectNode tree(Object request) {
    return (ObjectNode) JsonCodec.mapper().valueToTree(request);
  }

  private static void assertJsonEquals(JsonNode expected, JsonNode actual) throws JSONException {
    JSONAssert.assertEquals(expected.toString(), actual.toString(), JSONCompareMode.STRICT);
  }
}
