package io.sightline.api.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document, parsed: it describes every {@code /api/*} and {@code /api/v3/*} route the
 * application really serves (taken from Spring's handler mappings), with every parameter its parser
 * reads, each with a description; error answers are documented; and springdoc's own routes coexist
 * with Jaeger's.
 */
@SpringBootTest(properties = {"sightline.demo.enabled=false", "SIGHTLINE_DEMO=false"})
@AutoConfigureMockMvc
class OpenApiDocumentTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The parameters each endpoint's parser reads (path parameters included). */
  private static final Map<String, Set<String>> PARAMETERS = new LinkedHashMap<>();

  static {
    Set<String> search =
        Set.of(
            "service",
            "operation",
            "tags",
            "tag",
            "start",
            "end",
            "limit",
            "minDuration",
            "maxDuration",
            "traceID",
            "raw",
            "lookback",
            "prettyPrint");
    Set<String> fetch = Set.of("traceID", "start", "end", "raw");
    Set<String> metrics =
        Set.of("service", "groupByOperation", "spanKind", "endTs", "lookback", "step", "ratePer");
    Set<String> v3Search =
        Set.of(
            "query.serviceName",
            "query.service_name",
            "query.operationName",
            "query.operation_name",
            "query.attributes",
            "query.startTimeMin",
            "query.start_time_min",
            "query.startTimeMax",
            "query.start_time_max",
            "query.durationMin",
            "query.duration_min",
            "query.durationMax",
            "query.duration_max",
            "query.searchDepth",
            "query.search_depth",
            "query.num_traces",
            "query.rawTraces",
            "query.raw_traces");
    PARAMETERS.put("GET /api/services", Set.of("prettyPrint"));
    PARAMETERS.put("GET /api/services/{service}/operations", Set.of("service", "prettyPrint"));
    PARAMETERS.put("GET /api/operations", Set.of("service", "spanKind", "prettyPrint"));
    PARAMETERS.put("GET /api/traces", search);
    PARAMETERS.put("GET /api/traces/{traceID}", union(fetch, Set.of("prettyPrint")));
    PARAMETERS.put("POST /api/archive/{traceID}", fetch);
    PARAMETERS.put("GET /api/dependencies", Set.of("endTs", "lookback", "service", "prettyPrint"));
    PARAMETERS.put("POST /api/transform", Set.of("prettyPrint"));
    PARAMETERS.put("GET /api/metrics/latencies", union(metrics, Set.of("quantile")));
    PARAMETERS.put("GET /api/metrics/calls", metrics);
    PARAMETERS.put("GET /api/metrics/errors", metrics);
    PARAMETERS.put("GET /api/metrics/minstep", Set.of());
    PARAMETERS.put("GET /api/quality-metrics", Set.of("service", "hours", "prettyPrint"));
    PARAMETERS.put("GET /api/deep-dependencies", Set.of("service", "prettyPrint"));
    PARAMETERS.put("GET /api/v3/services", Set.of());
    PARAMETERS.put("GET /api/v3/operations", Set.of("service", "spanKind", "span_kind"));
    PARAMETERS.put(
        "GET /api/v3/traces/{trace_id}",
        Set.of(
            "trace_id",
            "startTime",
            "start_time",
            "endTime",
            "end_time",
            "rawTraces",
            "raw_traces"));
    PARAMETERS.put("GET /api/v3/traces", v3Search);
    PARAMETERS.put("GET /api/v3/trace-summaries", v3Search);
  }

  @Autowired MockMvc mvc;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  private JsonNode document() throws Exception {
    MockHttpServletResponse response = mvc.perform(get("/v3/api-docs")).andReturn().getResponse();
    assertThat(response.getStatus()).isEqualTo(200);
    return JSON.readTree(response.getContentAsString());
  }

  /** "METHOD /path" of every /api route the application serves, the /api catch-all aside. */
  private Set<String> servedRoutes() {
    Set<String> routes = new TreeSet<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      for (String pattern : info.getPatternValues()) {
        if (!pattern.startsWith("/api/") || pattern.equals("/api/**")) {
          continue;
        }
        for (RequestMethod method : info.getMethodsCondition().getMethods()) {
          routes.add(method.name() + " " + pattern);
        }
      }
    }
    return routes;
  }

  private static Set<String> documentedRoutes(JsonNode document) {
    Set<String> routes = new TreeSet<>();
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        routes.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }
    return routes;
  }

  @Test
  void documentsExactlyTheRoutesServed() throws Exception {
    Set<String> served = servedRoutes();

    assertThat(served).containsAll(PARAMETERS.keySet());
    assertThat(documentedRoutes(document())).isEqualTo(served);
  }

  @Test
  void documentsEveryParameterWithADescription() throws Exception {
    JsonNode paths = document().get("paths");
    for (Map.Entry<String, Set<String>> route : PARAMETERS.entrySet()) {
      String[] methodAndPath = route.getKey().split(" ", 2);
      JsonNode operation =
          paths.get(methodAndPath[1]).get(methodAndPath[0].toLowerCase(Locale.ROOT));
      List<String> names = new ArrayList<>();
      for (JsonNode parameter : operation.path("parameters")) {
        names.add(parameter.get("name").asString());
        assertThat(parameter.get("description").asString())
            .as("%s %s", route.getKey(), parameter.get("name"))
            .isNotBlank();
        assertThat(parameter.get("in").asString()).isIn("query", "path");
        assertThat(parameter.has("schema")).isTrue();
      }
      assertThat(names).as(route.getKey()).doesNotHaveDuplicates();
      assertThat(Set.copyOf(names)).as(route.getKey()).isEqualTo(route.getValue());
      assertThat(operation.get("summary").asString()).isNotBlank();
      assertThat(operation.get("description").asString()).isNotBlank();
    }
  }

  @Test
  void statesUnitsAndRequiredParameters() throws Exception {
    JsonNode paths = document().get("paths");
    assertThat(parameter(paths, "/api/traces", "get", "start").get("description").asString())
        .contains("microseconds");
    assertThat(parameter(paths, "/api/dependencies", "get", "endTs").get("description").asString())
        .contains("milliseconds");
    assertThat(parameter(paths, "/api/traces", "get", "minDuration").get("description").asString())
        .contains("Go duration");
    JsonNode min = parameter(paths, "/api/v3/traces", "get", "query.startTimeMin");
    assertThat(min.get("required").asBoolean()).isTrue();
    assertThat(min.get("description").asString()).contains("RFC 3339");
    assertThat(min.at("/schema/format").asString()).isEqualTo("date-time");
    assertThat(parameter(paths, "/api/traces", "get", "traceID").at("/schema/type").asString())
        .isEqualTo("array");
  }

  @Test
  void documentsErrorAnswers() throws Exception {
    JsonNode paths = document().get("paths");
    JsonNode getTrace = paths.at("/~1api~1traces~1{traceID}/get/responses");
    assertThat(getTrace.has("200")).isTrue();
    assertThat(getTrace.at("/404/content").has("text/plain; charset=utf-8")).isTrue();
    assertThat(getTrace.at("/400/description").asString()).isNotBlank();
    assertThat(paths.at("/~1api~1v3~1traces/get/responses/404/content").toString())
        .contains("No traces found");
    assertThat(paths.at("/~1api~1metrics~1calls/get/responses").has("501")).isTrue();
    assertThat(paths.at("/~1api~1transform/post/requestBody/required").asBoolean()).isTrue();
  }

  @Test
  void springdocRoutesCoexistWithJaegersV3Routes() throws Exception {
    assertThat(mvc.perform(get("/swagger-ui/index.html")).andReturn().getResponse().getStatus())
        .isEqualTo(200);
    MockHttpServletResponse config =
        mvc.perform(get("/v3/api-docs/swagger-config")).andReturn().getResponse();
    assertThat(config.getStatus()).isEqualTo(200);
    MockHttpServletResponse services =
        mvc.perform(get("/api/v3/services")).andReturn().getResponse();
    assertThat(services.getStatus()).isEqualTo(200);
    assertThat(services.getContentAsString()).startsWith("{\"services\":[");
  }

  private static JsonNode parameter(JsonNode paths, String path, String method, String name) {
    for (JsonNode parameter : paths.get(path).get(method).get("parameters")) {
      if (parameter.get("name").asString().equals(name)) {
        return parameter;
      }
    }
    throw new AssertionError("no parameter " + name + " on " + method + " " + path);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
