package io.sightline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.sightline.testing.Fixtures;
import io.sightline.testing.GoldenHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/transform}, the span metrics endpoints (501 after Jaeger's parameter checks),
 * {@code /api/quality-metrics} and {@code /api/deep-dependencies}, byte for byte with the golden
 * files in {@code src/test/resources/api-extra/}; the transform also against Jaeger's own expected
 * output.
 */
@SpringBootTest(
    properties = {
      "sightline.query.name-cache-ttl=0s",
      "sightline.demo.enabled=false",
      "SIGHTLINE_DEMO=false",
      "sightline.test.context=api-v3"
    })
@AutoConfigureMockMvc
class ApiExtrasGoldenTest {

  private static final String FIXTURE =
      "cmd/jaeger/internal/extension/jaegerquery/internal/fixture";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired MockMvc mvc;

  private MockHttpServletResponse call(String method, String url, String body) throws Exception {
    return mvc.perform(
            request(HttpMethod.valueOf(method), URI.create(url))
                .contentType("application/json")
                .content(body.getBytes(StandardCharsets.UTF_8)))
        .andReturn()
        .getResponse();
  }

  @Test
  void transformsJaegersFixtureIntoJaegersExpectedOutput() throws Exception {
    MockHttpServletResponse response =
        call(
            "POST",
            "/api/transform",
            Fixtures.read(Fixtures.JAEGER_HEAD, FIXTURE, "otlp2jaeger-in.json"));

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getContentType()).isEqualTo("application/json");
    assertThat(JSON.readTree(response.getContentAsString()))
        .isEqualTo(
            JSON.readTree(Fixtures.read(Fixtures.JAEGER_HEAD, FIXTURE, "otlp2jaeger-out.json")));
    GoldenHttp.assertMatches("api-extra", "transform", response);
  }

  @Test
  void transformPrettyPrints() throws Exception {
    GoldenHttp.assertMatches(
        "api-extra",
        "transform-pretty",
        call(
            "POST",
            "/api/transform?prettyPrint=true",
            Fixtures.read(Fixtures.JAEGER_HEAD, FIXTURE, "otlp2jaeger-in.json")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''| transform-empty-body",
        "'{'| transform-bad-syntax",
        "'[1]'| transform-not-an-object",
        "'{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz\"}]}]}]}'| transform-bad-id",
        "'{}'| transform-nothing",
      })
  void transformErrors(String body, String golden) throws Exception {
    GoldenHttp.assertMatches("api-extra", golden, call("POST", "/api/transform", body));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = ' ',
      value = {
        // Jaeger checks parameters first, then answers 501 for want of a metrics backend.
        "GET /api/metrics/latencies?service=frontend&quantile=0.95 metrics-disabled",
        "GET /api/metrics/calls?service=frontend metrics-disabled",
        "GET /api/metrics/errors?service=frontend&service=driver&groupByOperation=true&spanKind=client&spanKind=SERVER&endTs=1777636800000&lookback=3600000&step=60000&ratePer=600000 metrics-disabled",
        "GET /api/metrics/minstep metrics-disabled",
        "GET /api/metrics/latencies?service=frontend metrics-quantile-missing",
        "GET /api/metrics/latencies?quantile=high metrics-quantile",
        "GET /api/metrics/latencies?quantile=0.5 metrics-service",
        "GET /api/metrics/calls metrics-service",
        "GET /api/metrics/calls?service=a&groupByOperation=maybe metrics-group",
        "GET /api/metrics/errors?service=a&spanKind=sideways metrics-span-kind",
        "GET /api/metrics/calls?service=a&endTs=now metrics-end-ts",
        "GET /api/metrics/calls?service=a&lookback=1h metrics-lookback",
        "GET /api/metrics/calls?service=a&step=5s metrics-step",
        "GET /api/metrics/calls?service=a&ratePer=1.5 metrics-rate-per",
        // the experimental analytics endpoints: honest empty answers
        "GET /api/quality-metrics?service=frontend&hours=24 quality-metrics",
        "GET /api/deep-dependencies?service=frontend deep-dependencies",
        "GET /api/deep-dependencies?prettyPrint=true deep-dependencies-pretty",
        // wrong methods fall to the /api catch-all
        "GET /api/transform not-found",
        "POST /api/metrics/calls not-found",
      })
  void matchesGolden(String method, String url, String golden) throws Exception {
    GoldenHttp.assertMatches("api-extra", golden, call(method, url, ""));
  }
}
