package io.sightline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.sightline.testing.Fixtures;
import io.sightline.testing.GoldenHttp;
import io.sightline.trace.ArchiveStorage;
import io.sightline.trace.DependencyWriter;
import io.sightline.trace.SpanWriter;
import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code /api/v3/*} endpoint and every error message against the embedded store (the data of
 * {@link ApiTestData}), byte for byte with the golden files in {@code src/test/resources/api-v3/};
 * and the bodies' structure and JSON types against Jaeger's own response snapshots.
 */
@SpringBootTest(
    properties = {
      "sightline.query.name-cache-ttl=0s",
      "sightline.demo.enabled=false",
      "SIGHTLINE_DEMO=false",
      // A context of its own: the data is seeded once per store.
      "sightline.test.context=api-v3"
    })
@AutoConfigureMockMvc
class ApiV3GoldenTest {

  private static final String SNAPSHOTS =
      "cmd/jaeger/internal/extension/jaegerquery/internal/apiv3/snapshots";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> OMITTED_WHEN_ZERO = Set.of("kind", "code");

  /** The hour before {@link ApiTestData#NOW}, in which every stored span starts. */
  private static final String WINDOW =
      "query.startTimeMin=2026-05-01T11:00:00Z&query.startTimeMax=2026-05-01T12:00:00Z";

  private static final String SNAKE_WINDOW =
      "query.start_time_min=2026-05-01T11:00:00.000000000Z"
          + "&query.start_time_max=2026-05-01T13:00:00%2B01:00";

  @TestConfiguration
  static class FixedClock {
    @Bean
    @Primary
    Clock testClock() {
      return Clock.fixed(ApiTestData.NOW, ZoneOffset.UTC);
    }
  }

  private static boolean seeded;

  @Autowired MockMvc mvc;
  @Autowired SpanWriter store;
  @Autowired ArchiveStorage archive;
  @Autowired DependencyWriter dependencies;

  @BeforeEach
  void seed() {
    synchronized (ApiV3GoldenTest.class) {
      if (!seeded) {
        ApiTestData.seed(store, archive.writer(), dependencies);
        seeded = true;
      }
    }
  }

  private MockHttpServletResponse call(String method, String url) throws Exception {
    return mvc.perform(request(HttpMethod.valueOf(method), URI.create(url)))
        .andReturn()
        .getResponse();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = ' ',
      value = {
        // services and operations
        "GET /api/v3/services services",
        "GET /api/v3/operations?service=customer operations",
        "GET /api/v3/operations?service=customer&spanKind=server operations",
        "GET /api/v3/operations?service=customer&span_kind=server operations",
        "GET /api/v3/operations?service=nobody operations-empty",
        "GET /api/v3/operations operations-empty",
        // one trace
        "GET /api/v3/traces/a1 trace-a",
        "GET /api/v3/traces/00000000000000a1 trace-a",
        "GET /api/v3/traces/00000000000000000000000000000A1 trace-a",
        "GET /api/v3/traces/a1?rawTraces=true trace-a-raw",
        "GET /api/v3/traces/a1?raw_traces=1 trace-a-raw",
        "GET /api/v3/traces/a1?rawTraces=false&raw_traces=true trace-a",
        "GET /api/v3/traces/463ac35c9f6413ad48485a3953bb6124 trace-b",
        "GET /api/v3/traces/RjrDXJ9kE61ISFo5U7thJA== trace-b",
        "GET /api/v3/traces/RjrDXJ9kE61ISFo5U7thJA trace-b",
        "GET /api/v3/traces/463ac35c9f6413ad48485a3953bb6124?startTime=2026-05-01T11:00:00Z&endTime=2026-05-01T12:00:00Z trace-b",
        "GET /api/v3/traces/463ac35c9f6413ad48485a3953bb6124?start_time=2026-05-01T12:00:00%2B01:00 trace-b",
        "GET /api/v3/traces/463ac35c9f6413ad48485a3953bb6124?startTime=2026-05-01T12:00:00%2001:00 trace-b",
        "GET /api/v3/traces/c3 trace-c-archived",
        // search
        "GET /api/v3/traces?" + WINDOW + " search-all",
        "GET /api/v3/traces?" + SNAKE_WINDOW + " search-all",
        "GET /api/v3/traces?query.serviceName=driver&" + WINDOW + " search-driver",
        "GET /api/v3/traces?query.service_name=driver&" + SNAKE_WINDOW + " search-driver",
        "GET /api/v3/traces?query.serviceName=customer&query.operationName=SQL%20SELECT&"
            + WINDOW
            + " search-sql",
        "GET /api/v3/traces?query.serviceName=customer&query.operation_name=SQL%20SELECT&query.rawTraces=true&"
            + WINDOW
            + " search-sql-raw",
        "GET /api/v3/traces?query.attributes=%7B%22db.statement%22%3A%22SELECT.*%22%7D&"
            + WINDOW
            + " search-sql",
        "GET /api/v3/traces?query.serviceName=customer&query.durationMin=900us&query.durationMax=1ms&"
            + WINDOW
            + " search-sql",
        "GET /api/v3/traces?query.serviceName=customer&query.duration_min=900%C2%B5s&query.duration_max=1.5ms&"
            + WINDOW
            + " search-sql",
        "GET /api/v3/traces?query.searchDepth=1&" + WINDOW + " search-one",
        "GET /api/v3/traces?query.search_depth=1&" + WINDOW + " search-one",
        "GET /api/v3/traces?query.num_traces=1&" + WINDOW + " search-one",
        "GET /api/v3/traces?query.serviceName=nobody&" + WINDOW + " error-no-traces",
        "GET /api/v3/traces/ffff error-no-traces",
        // summaries
        "GET /api/v3/trace-summaries?" + WINDOW + " summaries",
        "GET /api/v3/trace-summaries?query.rawTraces=true&" + SNAKE_WINDOW + " summaries",
        "GET /api/v3/trace-summaries?query.serviceName=nobody&" + WINDOW + " summaries-empty",
        // parameter errors
        "GET /api/v3/traces error-times-required",
        "GET /api/v3/traces?query.startTimeMin=2026-05-01T11:00:00Z error-times-required",
        "GET /api/v3/trace-summaries?query.start_time_max=2026-05-01T11:00:00Z error-times-required",
        "GET /api/v3/traces?query.startTimeMin=yesterday&query.startTimeMax=2026-05-01T11:00:00Z error-time-min",
        "GET /api/v3/traces?query.start_time_min=2026-05-01T11:00:00Z&query.start_time_max=2026-13-01T00:00:00Z error-time-max-month",
        "GET /api/v3/traces?query.startTimeMin=2026-05-01T11:00:00Z&query.startTimeMax=2026-05-01T11:00:00Z error-time-order",
        "GET /api/v3/traces?query.startTimeMin=2026-01-01T00:00:00Z&query.startTimeMax=2026-05-01T11:00:00Z error-time-window",
        "GET /api/v3/traces?query.searchDepth=many&" + WINDOW + " error-search-depth",
        "GET /api/v3/traces?query.num_traces=1.5&" + WINDOW + " error-num-traces",
        "GET /api/v3/traces?query.searchDepth=-1&" + WINDOW + " error-search-depth-negative",
        "GET /api/v3/traces?query.durationMin=100&" + WINDOW + " error-duration-min",
        "GET /api/v3/traces?query.duration_max=1d&" + WINDOW + " error-duration-max",
        "GET /api/v3/traces?query.durationMin=2s&query.durationMax=1s&"
            + WINDOW
            + " error-durations",
        "GET /api/v3/traces?query.attributes=%7B%22x%22%3A1%7D&" + WINDOW + " error-attributes",
        "GET /api/v3/traces?query.rawTraces=maybe&" + WINDOW + " error-raw",
        "GET /api/v3/trace-summaries?query.attributes=%7Bbad&"
            + WINDOW
            + " error-attributes-syntax",
        "GET /api/v3/traces/xyz! error-trace-id",
        "GET /api/v3/traces/zzzz error-trace-id-base64-length",
        "GET /api/v3/traces/123456789012345678901234567890123 error-trace-id-too-long",
        "GET /api/v3/traces/a1?startTime=1777633200000000 error-start-time",
        "GET /api/v3/traces/a1?end_time=2026-05-01T12:00:00 error-end-time",
        "GET /api/v3/traces/a1?rawTraces=x error-trace-raw",
        // routing: what the gateway does not register is the /api catch-all's plain 404
        "POST /api/v3/traces not-found",
        "GET /api/v3/dependencies not-found",
        "DELETE /api/v3/services not-found",
      })
  void matchesGolden(String method, String url, String golden) throws Exception {
    GoldenHttp.assertMatches("api-v3", golden, call(method, url));
  }

  // ---- Jaeger's snapshots: same structure and JSON types ----

  @Test
  void servicesHaveTheSnapshotsShape() throws Exception {
    assertSameShape(body("/api/v3/services"), snapshot("GetServices.json"));
  }

  @Test
  void operationsHaveTheSnapshotsShape() throws Exception {
    assertSameShape(body("/api/v3/operations?service=customer"), snapshot("GetOperations.json"));
  }

  @Test
  void aTraceHasTheSnapshotsShape() throws Exception {
    // Trace A's SQL span is, like the snapshot's, an error with a kind.
    JsonNode trace = body("/api/v3/traces/a1");
    assertSameShape(trace, snapshot("GetTrace.json"));
    JsonNode sql = null;
    for (JsonNode resource : trace.at("/result/resourceSpans")) {
      for (JsonNode span : resource.at("/scopeSpans/0/spans")) {
        if (span.get("name").asString().equals("SQL SELECT")) {
          sql = span;
        }
      }
    }
    assertThat(sql).isNotNull();
    assertThat(sql.get("kind").isInt()).isTrue();
    assertThat(sql.get("kind").asInt()).isEqualTo(3);
    assertThat(sql.at("/status/code").isInt()).isTrue();
    assertThat(sql.at("/status/code").asInt()).isEqualTo(2);
    assertThat(sql.get("traceId").asString()).isEqualTo("000000000000000000000000000000a1");
    assertThat(sql.get("spanId").asString()).isEqualTo("0000000000000003");
    assertThat(sql.get("startTimeUnixNano").isString()).isTrue();
    assertThat(sql.get("endTimeUnixNano").isString()).isTrue();
  }

  @Test
  void searchResultsHaveTheSnapshotsShape() throws Exception {
    assertSameShape(
        body("/api/v3/traces?query.serviceName=customer&" + WINDOW), snapshot("FindTraces.json"));
  }

  @Test
  void summariesHaveTheSnapshotsShape() throws Exception {
    JsonNode summaries = body("/api/v3/trace-summaries?" + WINDOW);
    JsonNode expected = snapshot("FindTraceSummaries.json");
    // Trace A has orphan-free spans of two services; the snapshot's single service and no
    // orphanSpanCount (zero, so left out) are the same shape.
    assertThat(summaries.get("summaries")).hasSize(2);
    for (JsonNode summary : summaries.get("summaries")) {
      assertTypesMatch(summary, expected.get("summaries").get(0));
    }
  }

  private JsonNode body(String url) throws Exception {
    MockHttpServletResponse response = call("GET", url);
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentType()).isEqualTo("application/json");
    return JSON.readTree(response.getContentAsString());
  }

  private static JsonNode snapshot(String name) {
    return JSON.readTree(Fixtures.read(Fixtures.JAEGER_HEAD, SNAPSHOTS, name));
  }

  /**
   * The snapshot's keys and JSON types, recursively (arrays element by element against the
   * snapshot's first element). Keys that proto3 JSON leaves out when zero ({@code kind}, {@code
   * code}) may be missing.
   */
  private static void assertSameShape(JsonNode actual, JsonNode expected) {
    assertTypesMatch(actual, expected);
    if (expected.isObject()) {
      for (Map.Entry<String, JsonNode> field : expected.properties()) {
        if (!actual.has(field.getKey()) && OMITTED_WHEN_ZERO.contains(field.getKey())) {
          continue;
        }
        assertThat(actual.has(field.getKey())).as("key %s in %s", field.getKey(), actual).isTrue();
        assertSameShape(actual.get(field.getKey()), field.getValue());
      }
    } else if (expected.isArray() && !expected.isEmpty()) {
      assertThat(actual).isNotEmpty();
      for (JsonNode element : actual) {
        assertSameShape(element, expected.get(0));
      }
    }
  }

  /** Where a key exists in both, its JSON type is the same. */
  private static void assertTypesMatch(JsonNode actual, JsonNode expected) {
    assertThat(actual.getNodeType()).as("type of %s", actual).isEqualTo(expected.getNodeType());
    if (expected.isObject()) {
      for (Map.Entry<String, JsonNode> field : expected.properties()) {
        if (actual.has(field.getKey())) {
          assertTypesMatch(actual.get(field.getKey()), field.getValue());
        }
      }
    } else if (expected.isArray() && !expected.isEmpty()) {
      for (JsonNode element : actual) {
        assertTypesMatch(element, expected.get(0));
      }
    }
  }
}
