package io.sightline.api.docs;

import static io.sightline.api.docs.OpenApiParts.ENVELOPE_NOTE;
import static io.sightline.api.docs.OpenApiParts.JSON;
import static io.sightline.api.docs.OpenApiParts.int32;
import static io.sightline.api.docs.OpenApiParts.op;
import static io.sightline.api.docs.OpenApiParts.prettyPrint;
import static io.sightline.api.docs.OpenApiParts.query;
import static io.sightline.api.docs.OpenApiParts.response;
import static io.sightline.api.docs.OpenApiParts.string;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;

/**
 * The OpenAPI description of Jaeger's HTTP API as Sightline serves it: every {@code /api/*} and
 * {@code /api/v3/*} endpoint with its parameters (units stated: µs, ms, RFC 3339, Go durations),
 * examples and error answers. It is written out rather than inferred from the controllers, which
 * take raw parameter maps to reproduce Jaeger's parsing and errors exactly; a test holds the two
 * together.
 */
final class ApiDocumentation {

  static final String CLASSIC = "Jaeger API";
  static final String V3 = "Jaeger API v3";
  static final String OTHER = "UI helpers";

  private ApiDocumentation() {}

  static OpenAPI build() {
    Paths paths = new Paths();
    ClassicApiPaths.add(paths);
    V3ApiPaths.add(paths);
    helpers(paths);
    return new OpenAPI()
        .info(
            new Info()
                .title("Sightline — Jaeger-compatible query API")
                .version("v1 (Jaeger v2.20) and v3")
                .description(
                    "Jaeger's HTTP query API (the one jaeger-query serves on port 16686), read from"
                        + " the indices Jaeger writes to Elasticsearch/OpenSearch. Every path moves"
                        + " under QUERY_BASE_PATH. Times in the classic API are microseconds since"
                        + " the epoch (dependencies and metrics: milliseconds); /api/v3 uses RFC"
                        + " 3339 times and Go durations. "
                        + ENVELOPE_NOTE)
                .license(new License().name("Apache 2.0")))
        .tags(
            List.of(
                new Tag()
                    .name(CLASSIC)
                    .description("The classic /api endpoints (Jaeger v1.x, v2.20)"),
                new Tag().name(V3).description("Jaeger's api_v3 HTTP gateway: OTLP/JSON traces"),
                new Tag().name(OTHER).description("Endpoints the Jaeger UI calls besides traces")))
        .paths(paths)
        .components(new Components());
  }

  // ---- UI helpers ----

  private static void helpers(Paths paths) {
    paths.addPathItem(
        "/api/quality-metrics",
        new PathItem()
            .get(
                op(
                        OTHER,
                        "Trace quality metrics",
                        "Jaeger v2 returns made-up sample data here; Sightline computes no quality"
                            + " metrics and says so: no scores, no metrics, a banner. Not in the"
                            + " envelope.")
                    .addParametersItem(query("service", "Ignored", string(), "frontend"))
                    .addParametersItem(query("hours", "Ignored", int32(), 24))
                    .addParametersItem(prettyPrint())
                    .responses(
                        new ApiResponses()
                            .addApiResponse(
                                "200",
                                response(
                                    "No quality metrics",
                                    JSON,
                                    "{\"traceQualityDocumentationLink\":\"https://github.com/"
                                        + "jaegertracing/jaeger-analytics-java#trace-quality-"
                                        + "metrics\",\"bannerText\":{\"value\":\"Sightline does"
                                        + " not compute trace quality metrics.\"},\"scores\":[],"
                                        + "\"metrics\":[]}")))));
    paths.addPathItem(
        "/api/deep-dependencies",
        new PathItem()
            .get(
                op(
                        OTHER,
                        "Deep dependency paths",
                        "Jaeger v2 returns made-up sample paths here; Sightline returns none. Not"
                            + " in the envelope.")
                    .addParametersItem(query("service", "Ignored", string(), "frontend"))
                    .addParametersItem(prettyPrint())
                    .responses(
                        new ApiResponses()
                            .addApiResponse(
                                "200", response("No paths", JSON, "{\"dependencies\":[]}")))));
  }
}
