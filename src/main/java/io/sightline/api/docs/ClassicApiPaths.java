package io.sightline.api.docs;

import static io.sightline.api.docs.ApiDocumentation.CLASSIC;
import static io.sightline.api.docs.ApiDocumentation.OTHER;
import static io.sightline.api.docs.OpenApiParts.bool;
import static io.sightline.api.docs.OpenApiParts.envelopeResponses;
import static io.sightline.api.docs.OpenApiParts.explode;
import static io.sightline.api.docs.OpenApiParts.int32;
import static io.sightline.api.docs.OpenApiParts.int64;
import static io.sightline.api.docs.OpenApiParts.json;
import static io.sightline.api.docs.OpenApiParts.number;
import static io.sightline.api.docs.OpenApiParts.op;
import static io.sightline.api.docs.OpenApiParts.pathParam;
import static io.sightline.api.docs.OpenApiParts.prettyPrint;
import static io.sightline.api.docs.OpenApiParts.query;
import static io.sightline.api.docs.OpenApiParts.required;
import static io.sightline.api.docs.OpenApiParts.string;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.ArrayList;
import java.util.List;

/** The classic {@code /api/*} endpoints of {@link ApiDocumentation}, with their parameter sets. */
final class ClassicApiPaths {

  /** The envelope of {@code /api/traces} and {@code /api/traces/{traceID}}, one trace in it. */
  private static final String TRACES_EXAMPLE =
      "{\"data\":[{\"traceID\":\"463ac35c9f6413ad48485a3953bb6124\","
          + "\"spans\":[],\"processes\":{},\"warnings\":null}],\"total\":0,"
          + "\"limit\":0,\"offset\":0,\"errors\":null}";

  private ClassicApiPaths() {}

  // ---- classic /api ----

  static void add(Paths paths) {
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
                    .responses(envelopeResponses(TRACES_EXAMPLE, 400, 500, 503))));
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
                    .responses(envelopeResponses(TRACES_EXAMPLE, 400, 404, 500, 503))));
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
}
