package io.sightline.api.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
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

  private static final String JSON = "application/json";
  private static final String TEXT = "text/plain; charset=utf-8";

  private static final String ENVELOPE_NOTE =
      "Answers use Jaeger's envelope {\"data\",\"total\",\"limit\",\"offset\",\"errors\"}. Errors"
          + " come as Go's http.Error writes them: Content-Type text/plain; charset=utf-8, the"
          + " envelope with errors[0].code and errors[0].msg as the body, and a trailing newline.";

  private ApiDocumentation() {}

  static OpenAPI build() {
    Paths paths = new Paths();
    classic(paths);
    v3(paths);
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

  // ---- classic /api ----

  private static void classic(Paths paths) {
    paths.addPathItem(
        "/api/services",
        new PathItem()
            .get(
                op(
                        CLASSIC,
                        "Service names",
                        "The services seen recently (Elasticsearch: within the max span age, 72h by"
                            + " default), most spans first. total = their number; [] when none.")
                    .addParametersItem(prettyPrint())
                    .responses(
                        envelopeResponses(
                            "{\"data\":[\"frontend\",\"driver\"],\"total\":2,\"limit\":0,"
                                + "\"offset\":0,\"errors\":null}",
                            500,
                            503))));
    paths.addPathItem(
        "/api/services/{service}/operations",
        new PathItem()
            .get(
                op(
                        CLASSIC,
                        "Operation names of a service (legacy)",
                        "Distinct operation names of all span kinds. data is null when there are"
                            + " none, as in Jaeger.")
                    .addParametersItem(
                        pathParam(
                            "service",
                            "The service name, URL-encoded (%2F for a slash)",
                            "frontend"))
                    .addParametersItem(prettyPrint())
                    .responses(
                        envelopeResponses(
                            "{\"data\":[\"HTTP GET /dispatch\"],\"total\":1,\"limit\":0,"
                                + "\"offset\":0,\"errors\":null}",
                            500,
                            503))));
    paths.addPathItem(
        "/api/operations",
        new PathItem()
            .get(
                op(
                        CLASSIC,
                        "Operations of a service",
                        "Operations with their span kinds. Elasticsearch records no span kinds: they"
                            + " are \"\" and spanKind filters nothing there.")
                    .addParametersItem(
                        required(query("service", "The service name", string(), "frontend")))
                    .addParametersItem(
                        query(
                            "spanKind",
                            "A span kind: server, client, producer, consumer or internal",
                            string(),
                            "server"))
                    .addParametersItem(prettyPrint())
                    .responses(
                        envelopeResponses(
                            "{\"data\":[{\"name\":\"HTTP GET /dispatch\",\"spanKind\":\"\"}],"
                                + "\"total\":1,\"limit\":0,\"offset\":0,\"errors\":null}",
                            400,
                            500,
                            503))));
    paths.addPathItem(
        "/api/traces",
        new PathItem()
            .get(
                op(
                        CLASSIC,
                        "Search traces, or fetch traces by ID",
                        "With traceID parameters: those traces (the ones not found listed in errors"
                            + " as {\"msg\":\"trace not found\",\"traceID\":…}). Otherwise a search:"
                            + " every condition must hold on one and the same span. Adjusted for"
                            + " display unless raw=true.")
                    .parameters(searchParameters())
                    .responses(
                        envelopeResponses(
                            "{\"data\":[{\"traceID\":\"463ac35c9f6413ad48485a3953bb6124\","
                                + "\"spans\":[],\"processes\":{},\"warnings\":null}],\"total\":0,"
                                + "\"limit\":0,\"offset\":0,\"errors\":null}",
                            400,
                            500,
                            503))));
    paths.addPathItem(
        "/api/traces/{traceID}",
        new PathItem()
            .get(
                op(
                        CLASSIC,
                        "One trace",
                        "From the trace store, else the archive. data holds the one trace.")
                    .parameters(traceFetchParameters())
                    .addParametersItem(prettyPrint())
                    .responses(
                        envelopeResponses(
                            "{\"data\":[{\"traceID\":\"463ac35c9f6413ad48485a3953bb6124\","
                                + "\"spans\":[],\"processes\":{},\"warnings\":null}],\"total\":0,"
                                + "\"limit\":0,\"offset\":0,\"errors\":null}",
                            400,
                            404,
                            500,
                            503))));
    paths.addPathItem(
        "/api/archive/{traceID}",
        new PathItem()
            .post(
                op(
                        CLASSIC,
                        "Archive a trace",
                        "Copies the trace, as stored, into the archive storage. Success answers"
                            + " data:[] and errors:[]; without archive storage 500 \"archive span"
                            + " storage was not configured\".")
                    .parameters(traceFetchParameters())
                    .responses(
                        envelopeResponses(
                            "{\"data\":[],\"total\":0,\"limit\":0,\"offset\":0,\"errors\":[]}",
                            400,
                            404,
                            500,
                            503))));
    paths.addPathItem(
        "/api/dependencies",
        new PathItem()
            .get(
                op(
                        CLASSIC,
                        "Service dependencies",
                        "Links in [endTs − lookback, endTs] from the daily dependencies job,"
                            + " duplicate (parent, child) pairs merged. errors is null on success"
                            + " (Grafana treats [] as a failure).")
                    .addParametersItem(
                        query(
                            "endTs",
                            "End of the window, milliseconds since the epoch; default now",
                            int64(),
                            1777636800000L))
                    .addParametersItem(
                        query(
                            "lookback",
                            "Length of the window in milliseconds; default 86400000 (24h)",
                            int64(),
                            604800000L))
                    .addParametersItem(
                        query(
                            "service",
                            "Keep only links from or to this service",
                            string(),
                            "frontend"))
                    .addParametersItem(prettyPrint())
                    .responses(
                        envelopeResponses(
                            "{\"data\":[{\"parent\":\"frontend\",\"child\":\"driver\","
                                + "\"callCount\":31}],\"total\":0,\"limit\":0,\"offset\":0,"
                                + "\"errors\":null}",
                            400,
                            500,
                            503))));
    paths.addPathItem(
        "/api/transform",
        new PathItem()
            .post(
                op(
                        CLASSIC,
                        "Convert OTLP/JSON to Jaeger UI traces",
                        "The body is OTLP/JSON (an export request {\"resourceSpans\":[…]}, or JSON"
                            + " lines of them). The answer holds the traces in Jaeger UI JSON,"
                            + " without adjusters. A body that is not OTLP/JSON is a 400 naming the"
                            + " line and column.")
                    .addParametersItem(prettyPrint())
                    .requestBody(
                        new RequestBody()
                            .required(true)
                            .content(
                                json(
                                    new ObjectSchema(),
                                    "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":"
                                        + "\"service.name\",\"value\":{\"stringValue\":\"svc\"}}]},"
                                        + "\"scopeSpans\":[{\"scope\":{},\"spans\":[{\"traceId\":"
                                        + "\"83a9efd15c1c98a977e0711cc93ee28b\",\"spanId\":"
                                        + "\"e127af99e3b3e074\",\"name\":\"op\",\"kind\":2,"
                                        + "\"startTimeUnixNano\":\"1706678909209712000\","
                                        + "\"endTimeUnixNano\":\"1706678909209835000\"}]}]}]}")))
                    .responses(
                        envelopeResponses(
                            "{\"data\":[{\"traceID\":\"83a9efd15c1c98a977e0711cc93ee28b\","
                                + "\"spans\":[],\"processes\":{},\"warnings\":null}],\"total\":0,"
                                + "\"limit\":0,\"offset\":0,\"errors\":null}",
                            400))));
    for (String kind : List.of("latencies", "calls", "errors")) {
      Operation operation =
          op(
                  OTHER,
                  "Span metrics: " + kind,
                  "For the UI's Monitor tab. Sightline has no metrics backend: a well-formed request"
                      + " is answered 501, like Jaeger without one; parameters are checked first.")
              .parameters(metricsParameters(kind.equals("latencies")))
              .responses(envelopeResponses(null, 400, 501));
      paths.addPathItem("/api/metrics/" + kind, new PathItem().get(operation));
    }
    paths.addPathItem(
        "/api/metrics/minstep",
        new PathItem()
            .get(
                op(OTHER, "Span metrics: minimum step", "Jaeger v1's endpoint; always 501 here.")
                    .responses(envelopeResponses(null, 501))));
  }

  // ---- /api/v3 ----

  private static void v3(Paths paths) {
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

  // ---- parameter sets ----

  private static List<Parameter> searchParameters() {
    List<Parameter> p = new ArrayList<>();
    p.add(query("service", "Service name; required unless traceID is given", string(), "frontend"));
    p.add(query("operation", "Operation name; all when absent", string(), "HTTP GET /dispatch"));
    p.add(
        explode(
            query(
                "tags",
                "Repeatable. A JSON object of string values, each an anchored regular expression"
                    + " the tag's value must match; later objects win over earlier ones and over"
                    + " tag",
                string(),
                "{\"http.status_code\":\"200\",\"error\":\"true\"}")));
    p.add(
        explode(
            query(
                "tag",
                "Repeatable. key:value (the first colon separates them)",
                string(),
                "http.method:GET")));
    p.add(
        query(
            "start",
            "Earliest span start, microseconds since the epoch; default now − 48h",
            int64(),
            1777633200000000L));
    p.add(
        query(
            "end",
            "Latest span start, microseconds since the epoch; default now",
            int64(),
            1777636800000000L));
    p.add(query("limit", "Most traces to return (default 100)", int32(), 20));
    p.add(
        query(
            "minDuration",
            "Minimum span duration, a Go duration (units ns, us, µs, ms, s, m, h)",
            string(),
            "1.2ms"));
    p.add(query("maxDuration", "Maximum span duration, a Go duration", string(), "1s"));
    p.add(
        explode(
            query(
                "traceID",
                "Repeatable. Fetch these traces (1 to 32 hex characters) instead of searching",
                string(),
                "463ac35c9f6413ad48485a3953bb6124")));
    p.add(query("raw", "Skip the adjusters (Go bool)", bool(), false));
    p.add(
        query(
            "lookback",
            "Ignored (clients send it to rebuild their forms; start and end decide)",
            string(),
            "1h"));
    p.add(prettyPrint());
    return p;
  }

  private static List<Parameter> traceFetchParameters() {
    List<Parameter> p = new ArrayList<>();
    p.add(
        pathParam(
            "traceID",
            "The trace ID: 1 to 32 hex characters, or base64 of its 16 bytes",
            "463ac35c9f6413ad48485a3953bb6124"));
    p.add(
        query(
            "start",
            "Earliest span start the caller expects, µs since the epoch (ms values, as Grafana's"
                + " backend sends, are recognised); a hint",
            int64(),
            1777633200000000L));
    p.add(
        query(
            "end",
            "Latest span start the caller expects, µs since the epoch; a hint",
            int64(),
            1777636800000000L));
    p.add(query("raw", "Skip the adjusters (Go bool)", bool(), false));
    return p;
  }

  private static List<Parameter> metricsParameters(boolean latencies) {
    List<Parameter> p = new ArrayList<>();
    if (latencies) {
      p.add(required(query("quantile", "The latency quantile, e.g. 0.95", number(), 0.95)));
    }
    p.add(required(explode(query("service", "Repeatable. Services", string(), "frontend"))));
    p.add(query("groupByOperation", "One series per operation (Go bool)", bool(), false));
    p.add(
        explode(
            query(
                "spanKind",
                "Repeatable: unspecified, internal, server, client, producer, consumer; default"
                    + " server",
                string(),
                "server")));
    p.add(
        query(
            "endTs",
            "End of the window, ms since the epoch; default now",
            int64(),
            1777636800000L));
    p.add(query("lookback", "Window length in ms; default 3600000 (1h)", int64(), 3600000L));
    p.add(query("step", "Step in ms; default 5000", int64(), 60000L));
    p.add(query("ratePer", "Rate denominator in ms; default 600000 (10m)", int64(), 600000L));
    return p;
  }

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

  // ---- building blocks ----

  private static Operation op(String tag, String summary, String description) {
    return new Operation().addTagsItem(tag).summary(summary).description(description);
  }

  private static Parameter query(
      String name, String description, Schema<?> schema, Object example) {
    return new Parameter()
        .in("query")
        .name(name)
        .description(description)
        .required(false)
        .schema(schema)
        .example(example);
  }

  private static Parameter alias(String name, String of) {
    return new Parameter()
        .in("query")
        .name(name)
        .description("The older snake_case name of " + of + " (used when " + of + " is absent)")
        .required(false)
        .schema(string());
  }

  private static Parameter pathParam(String name, String description, String example) {
    return new Parameter()
        .in("path")
        .name(name)
        .description(description)
        .required(true)
        .schema(string())
        .example(example);
  }

  private static Parameter prettyPrint() {
    return query(
        "prettyPrint",
        "Indent the JSON (4 spaces) when not empty and not \"false\"",
        string(),
        "true");
  }

  private static Parameter required(Parameter parameter) {
    return parameter.required(true);
  }

  private static Parameter explode(Parameter parameter) {
    Schema<?> item = parameter.getSchema();
    Object example = parameter.getExample();
    return parameter
        .schema(new ArraySchema().items(item))
        .example(List.of(example))
        .explode(true)
        .style(Parameter.StyleEnum.FORM);
  }

  private static Schema<?> string() {
    return new StringSchema();
  }

  private static Schema<?> dateTime() {
    return new StringSchema().format("date-time");
  }

  private static Schema<?> int64() {
    return new IntegerSchema().format("int64");
  }

  private static Schema<?> int32() {
    return new IntegerSchema().format("int32");
  }

  private static Schema<?> number() {
    return new NumberSchema().format("double");
  }

  private static Schema<?> bool() {
    return new BooleanSchema();
  }

  private static Content json(Schema<?> schema, String example) {
    return new Content().addMediaType(JSON, new MediaType().schema(schema).example(example));
  }

  private static ApiResponse response(String description, String mediaType, String example) {
    return new ApiResponse()
        .description(description)
        .content(
            new Content()
                .addMediaType(
                    mediaType, new MediaType().schema(new ObjectSchema()).example(example)));
  }

  /** 200 in the envelope (when {@code example} is given) and envelope errors for the statuses. */
  private static ApiResponses envelopeResponses(String example, int... errors) {
    ApiResponses responses = new ApiResponses();
    if (example != null) {
      responses.addApiResponse("200", response("Success, in the envelope", JSON, example));
    }
    for (int status : errors) {
      responses.addApiResponse(
          Integer.toString(status),
          response(
              errorDescription(status),
              TEXT,
              "{\"data\":null,\"total\":0,\"limit\":0,\"offset\":0,\"errors\":[{\"code\":"
                  + status
                  + ",\"msg\":\""
                  + errorExample(status)
                  + "\"}]}\n"));
    }
    return responses;
  }

  /** 200 JSON and the gateway's {"error":{"httpCode","message"}} for the statuses. */
  private static ApiResponses v3Responses(String example, int... errors) {
    ApiResponses responses = new ApiResponses();
    responses.addApiResponse("200", response("Success", JSON, example));
    for (int status : errors) {
      String message =
          switch (status) {
            case 400 ->
                "malformed parameter query.durationMin: time: missing unit in duration \\\"100\\\"";
            case 404 -> "No traces found";
            default -> errorExample(status);
          };
      responses.addApiResponse(
          Integer.toString(status),
          response(
              errorDescription(status),
              TEXT,
              "{\"error\":{\"httpCode\":" + status + ",\"message\":\"" + message + "\"}}\n"));
    }
    return responses;
  }

  private static String errorDescription(int status) {
    return switch (status) {
      case 400 -> "A parameter is malformed (the message names it, in Jaeger's words)";
      case 404 -> "Not found";
      case 500 -> "The trace store failed";
      case 501 -> "No metrics backend is configured";
      case 503 -> "The trace store is unreachable or did not answer in time";
      default -> "Error";
    };
  }

  private static String errorExample(int status) {
    return switch (status) {
      case 400 ->
          "unable to parse param 'start': strconv.ParseInt: parsing \\\"x\\\": invalid syntax";
      case 404 -> "trace not found";
      case 500 -> "Elasticsearch answered 400: failed to create query";
      case 501 -> "trace metrics are currently disabled - no metrics backend configured";
      case 503 -> "Elasticsearch at http://es:9200 is unreachable: Connection refused";
      default -> "error";
    };
  }
}
