package io.sightline.api.v3;

import io.sightline.format.otlp.OtlpJson;
import io.sightline.http.ApiV3QueryParser;
import io.sightline.http.json.GoJson;
import io.sightline.trace.Operation;
import io.sightline.trace.QueryLimits;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceRequest;
import io.sightline.trace.TraceService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;

/**
 * Jaeger's {@code /api/v3} HTTP gateway (the grpc-gateway style JSON of {@code
 * jaeger.api_v3.QueryService}): services, operations, traces as OTLP/JSON in {@code {"result":…}},
 * and trace summaries.
 *
 * <p>Success bodies are {@code application/json}, compact, without a trailing newline; failures go
 * through {@link ApiV3ExceptionHandler} as {@code {"error":{"httpCode":…,"message":…}}}. A get or
 * search that finds no trace is a 404 {@code No traces found}, unlike the classic API.
 */
@RestController
class ApiV3Controller {

  static final String NO_TRACES = "No traces found";

  /** The span kind Jaeger's gateway reports for operations whose kind the store does not know. */
  private static final String UNKNOWN_KIND = "internal";

  private final TraceService traces;
  private final ApiV3QueryParser parser;

  /**
   * @param parser the configured parser; slice tests that configure none get one with the default
   *     query limits
   */
  ApiV3Controller(TraceService traces, ObjectProvider<ApiV3QueryParser> parser) {
    this.traces = traces;
    this.parser = parser.getIfAvailable(() -> new ApiV3QueryParser(QueryLimits.DEFAULTS));
  }

  /** {@code {"services":[…]}} in the store's order, {@code []} when there are none. */
  @GetMapping("/api/v3/services")
  void services(HttpServletResponse response) throws IOException {
    List<String> services = traces.services();
    try (JsonGenerator g = jsonGenerator(response)) {
      g.writeStartObject();
      g.writeName("services");
      g.writeStartArray();
      for (String service : services) {
        g.writeString(service);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  /** {@code {"operations":[{"name","spanKind"}…]}}; unknown kinds read {@code internal}. */
  @GetMapping("/api/v3/operations")
  void operations(@RequestParam MultiValueMap<String, String> params, HttpServletResponse response)
      throws IOException {
    ApiV3QueryParser.Operations query = parser.parseOperations(params);
    List<Operation> operations = traces.operations(query.service(), query.spanKind());
    try (JsonGenerator g = jsonGenerator(response)) {
      g.writeStartObject();
      g.writeName("operations");
      g.writeStartArray();
      for (Operation operation : operations) {
        g.writeStartObject();
        if (!operation.name().isEmpty()) {
          g.writeStringProperty("name", operation.name());
        }
        g.writeStringProperty(
            "spanKind", operation.spanKind().isEmpty() ? UNKNOWN_KIND : operation.spanKind());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  /** One trace, from the trace store or the archive, as {@code {"result": TracesData}}. */
  @GetMapping("/api/v3/traces/{trace_id}")
  void getTrace(
      @PathVariable("trace_id") String traceId,
      @RequestParam MultiValueMap<String, String> params,
      HttpServletResponse response)
      throws IOException {
    TraceRequest.Fetch fetch = parser.parseGetTrace(traceId, params);
    writeTraces(response, traces.getTraces(fetch.lookups(), fetch.raw()));
  }

  /** The traces matching a search, newest first, in one {@code {"result": TracesData}}. */
  @GetMapping("/api/v3/traces")
  void findTraces(@RequestParam MultiValueMap<String, String> params, HttpServletResponse response)
      throws IOException {
    ApiV3QueryParser.Search search = parser.parseSearch(params);
    Iterator<Trace> found = traces.streamTraces(search.query(), search.raw());
    if (!found.hasNext()) {
      ApiV3ExceptionHandler.writeError(response, HttpServletResponse.SC_NOT_FOUND, NO_TRACES);
      return;
    }
    writeResult(response, () -> found);
  }

  /**
   * Summaries of the traces matching a search, computed from the adjusted traces ({@code
   * query.rawTraces} has no effect, as in Jaeger). No match is an empty list, not a 404.
   */
  @GetMapping("/api/v3/trace-summaries")
  void findTraceSummaries(
      @RequestParam MultiValueMap<String, String> params, HttpServletResponse response)
      throws IOException {
    ApiV3QueryParser.Search search = parser.parseSearch(params);
    List<TraceSummary> summaries = new ArrayList<>();
    traces
        .streamTraces(search.query(), false)
        .forEachRemaining(t -> summaries.add(TraceSummary.of(t)));
    try (JsonGenerator g = jsonGenerator(response)) {
      g.writeStartObject();
      g.writeName("summaries");
      g.writeStartArray();
      for (TraceSummary summary : summaries) {
        writeSummary(g, summary);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void writeTraces(HttpServletResponse response, List<Trace> found)
      throws IOException {
    if (found.isEmpty()) {
      ApiV3ExceptionHandler.writeError(response, HttpServletResponse.SC_NOT_FOUND, NO_TRACES);
      return;
    }
    writeResult(response, found);
  }

  private static void writeResult(HttpServletResponse response, Iterable<Trace> found)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json");
    OutputStream out = response.getOutputStream();
    OtlpJson.writeResult(out, found);
    out.flush();
  }

  /**
   * A summary in proto3 JSON as Jaeger's gateway writes it: empty strings and zero counts left out,
   * the 64-bit times as decimal strings.
   */
  private static void writeSummary(JsonGenerator g, TraceSummary summary) {
    g.writeStartObject();
    if (summary.traceId() != null) {
      g.writeStringProperty("traceId", summary.traceId().toPaddedHex());
    }
    writeStringUnlessEmpty(g, "rootServiceName", summary.rootServiceName());
    writeStringUnlessEmpty(g, "rootOperationName", summary.rootOperationName());
    if (summary.minStartTimeUnixNano() != 0) {
      g.writeStringProperty(
          "minStartTimeUnixNano", Long.toUnsignedString(summary.minStartTimeUnixNano()));
    }
    if (summary.maxEndTimeUnixNano() != 0) {
      g.writeStringProperty(
          "maxEndTimeUnixNano", Long.toUnsignedString(summary.maxEndTimeUnixNano()));
    }
    writeCountUnlessZero(g, "spanCount", summary.spanCount());
    writeCountUnlessZero(g, "errorSpanCount", summary.errorSpanCount());
    writeCountUnlessZero(g, "orphanSpanCount", summary.orphanSpanCount());
    if (!summary.services().isEmpty()) {
      g.writeName("services");
      g.writeStartArray();
      for (TraceSummary.ServiceSummary service : summary.services()) {
        g.writeStartObject();
        writeStringUnlessEmpty(g, "name", service.name());
        writeCountUnlessZero(g, "spanCount", service.spanCount());
        writeCountUnlessZero(g, "errorSpanCount", service.errorSpanCount());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void writeStringUnlessEmpty(JsonGenerator g, String name, String value) {
    if (!value.isEmpty()) {
      g.writeStringProperty(name, value);
    }
  }

  private static void writeCountUnlessZero(JsonGenerator g, String name, int value) {
    if (value != 0) {
      g.writeNumberProperty(name, value);
    }
  }

  /** A compact Go-style generator on the 200 response (closing it leaves the stream open). */
  private static JsonGenerator jsonGenerator(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    // The output stream, not a writer: a writer would make the container add a charset.
    response.setContentType("application/json");
    return GoJson.generator(response.getOutputStream(), false);
  }
}
