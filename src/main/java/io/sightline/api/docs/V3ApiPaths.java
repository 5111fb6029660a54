package io.sightline.api.docs;

import static io.sightline.api.docs.ApiDocumentation.V3;
import static io.sightline.api.docs.OpenApiParts.alias;
import static io.sightline.api.docs.OpenApiParts.bool;
import static io.sightline.api.docs.OpenApiParts.dateTime;
import static io.sightline.api.docs.OpenApiParts.int32;
import static io.sightline.api.docs.OpenApiParts.op;
import static io.sightline.api.docs.OpenApiParts.pathParam;
import static io.sightline.api.docs.OpenApiParts.query;
import static io.sightline.api.docs.OpenApiParts.required;
import static io.sightline.api.docs.OpenApiParts.string;
import static io.sightline.api.docs.OpenApiParts.v3Responses;

import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;

/** The {@code /api/v3/*} endpoints of {@link ApiDocumentation}, with their parameter set. */
final class V3ApiPaths {

  private V3ApiPaths() {}

  // ---- /api/v3 ----

  static void add(Paths paths) {
    paths.addPathItem(
        "/api/v3/services",
        new PathItem()
            .get(
                op(V3, "Service names", "{\"services\":[…]}, [] when none.")
                    .responses(v3Responses("{\"services\":[\"frontend\",\"driver\"]}", 500, 503))));
    paths.addPathItem(
        "/api/v3/operations",
        new PathItem()
            .get(
                op(
                        V3,
                        "Operations of a service",
                        "An unknown span kind (Elasticsearch records none) is reported as"
                            + " \"internal\", as Jaeger's gateway does.")
                    .addParametersItem(query("service", "The service name", string(), "frontend"))
                    .addParametersItem(query("spanKind", "A span kind", string(), "server"))
                    .addParametersItem(alias("span_kind", "spanKind"))
                    .responses(
                        v3Responses(
                            "{\"operations\":[{\"name\":\"HTTP GET /dispatch\","
                                + "\"spanKind\":\"internal\"}]}",
                            500,
                            503))));
    paths.addPathItem(
        "/api/v3/traces/{trace_id}",
        new PathItem()
            .get(
                op(
                        V3,
                        "One trace as OTLP/JSON",
                        "{\"result\": TracesData} with lower-case hex IDs, integer enums and 64-bit"
                            + " integers as strings; from the trace store, else the archive.")
                    .addParametersItem(
                        pathParam(
                            "trace_id",
                            "The trace ID: 1 to 32 hex characters, or base64 of its 16 bytes",
                            "463ac35c9f6413ad48485a3953bb6124"))
                    .addParametersItem(
                        query(
                            "startTime",
                            "Earliest span start the caller expects (RFC 3339 with nanoseconds); a"
                                + " hint",
                            dateTime(),
                            "2026-05-01T11:00:00Z"))
                    .addParametersItem(alias("start_time", "startTime"))
                    .addParametersItem(
                        query(
                            "endTime",
                            "Latest span start the caller expects (RFC 3339); a hint",
                            dateTime(),
                            "2026-05-01T12:00:00Z"))
                    .addParametersItem(alias("end_time", "endTime"))
                    .addParametersItem(
                        query("rawTraces", "Skip the adjusters (Go bool)", bool(), false))
                    .addParametersItem(alias("raw_traces", "rawTraces"))
                    .responses(v3Responses(TRACES_EXAMPLE, 400, 404, 500, 503))));
    paths.addPathItem(
        "/api/v3/traces",
        new PathItem()
            .get(
                op(
                        V3,
                        "Search traces, as OTLP/JSON",
                        "All matching traces in one {\"result\": TracesData}; none is a 404 \"No"
                            + " traces found\".")
                    .parameters(v3SearchParameters(true))
                    .responses(v3Responses(TRACES_EXAMPLE, 400, 404, 500, 503))));
    paths.addPathItem(
        "/api/v3/trace-summaries",
        new PathItem()
            .get(
                op(
                        V3,
                        "Search traces, as summaries",
                        "One summary per matching trace (root service and operation, time span in"
                            + " ns, span, error and orphan counts, per-service counts), computed"
                            + " from the adjusted traces; zero counts are left out. No match is"
                            + " {\"summaries\":[]}.")
                    .parameters(v3SearchParameters(false))
                    .responses(
                        v3Responses(
                            "{\"summaries\":[{\"traceId\":\"00000000000000000000000000000001\","
                                + "\"rootServiceName\":\"frontend\",\"rootOperationName\":\"HTTP"
                                + " GET /\",\"minStartTimeUnixNano\":\"1000000000000\","
                                + "\"maxEndTimeUnixNano\":\"1001000000000\",\"spanCount\":2,"
                                + "\"errorSpanCount\":1,\"services\":[{\"name\":\"frontend\","
                                + "\"spanCount\":2,\"errorSpanCount\":1}]}]}",
                            400,
                            500,
                            503))));
  }

  private static final String TRACES_EXAMPLE =
      "{\"result\":{\"resourceSpans\":[{\"resource\":{},\"scopeSpans\":[{\"scope\":{},\"spans\":[{"
          + "\"traceId\":\"00000000000000000000000000000001\",\"spanId\":\"0000000000000002\","
          + "\"name\":\"foobar\",\"kind\":2,\"status\":{\"code\":2}}]}]}]}}";

  private static List<Parameter> v3SearchParameters(boolean rawMatters) {
    List<Parameter> p = new ArrayList<>();
    p.add(query("query.serviceName", "Service name", string(), "frontend"));
    p.add(alias("query.service_name", "query.serviceName"));
    p.add(query("query.operationName", "Operation name", string(), "HTTP GET /dispatch"));
    p.add(alias("query.operation_name", "query.operationName"));
    p.add(
        query(
            "query.attributes",
            "A JSON object of string values, each an anchored regular expression a span's"
                + " attribute must match",
            string(),
            "{\"http.status_code\":\"200\"}"));
    p.add(
        required(
            query(
                "query.startTimeMin",
                "Earliest span start, RFC 3339 with nanoseconds; required (a space in place of"
                    + " an offset's + is read as +)",
                dateTime(),
                "2026-05-01T11:00:00Z")));
    p.add(alias("query.start_time_min", "query.startTimeMin"));
    p.add(
        required(
            query(
                "query.startTimeMax",
                "Latest span start, RFC 3339; required, after query.startTimeMin",
                dateTime(),
                "2026-05-01T12:00:00Z")));
    p.add(alias("query.start_time_max", "query.startTimeMax"));
    p.add(query("query.durationMin", "Minimum span duration, a Go duration", string(), "100ms"));
    p.add(alias("query.duration_min", "query.durationMin"));
    p.add(query("query.durationMax", "Maximum span duration, a Go duration", string(), "2s"));
    p.add(alias("query.duration_max", "query.durationMax"));
    p.add(query("query.searchDepth", "Most traces (default 100)", int32(), 20));
    p.add(alias("query.search_depth", "query.searchDepth"));
    p.add(alias("query.num_traces", "query.searchDepth"));
    p.add(
        query(
            "query.rawTraces",
            rawMatters
                ? "Skip the adjusters (Go bool)"
                : "Ignored: summaries always come from adjusted traces",
            bool(),
            false));
    p.add(alias("query.raw_traces", "query.rawTraces"));
    return p;
  }
}
