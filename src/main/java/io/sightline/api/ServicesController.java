package io.sightline.api;

import io.sightline.http.TraceQueryParser;
import io.sightline.trace.Operation;
import io.sightline.trace.OperationsQuery;
import io.sightline.trace.TraceService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;

/** Service and operation names: {@code /api/services}, {@code /api/operations}. */
@RestController
class ServicesController {

  private final TraceService traces;
  private final TraceQueryParser parser;

  ServicesController(TraceService traces, TraceQueryParser parser) {
    this.traces = traces;
    this.parser = parser;
  }

  /** Service names in the store's order ({@code []} when none); {@code total} = their number. */
  @GetMapping("/api/services")
  void services(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<String> services = traces.services();
    JaegerResponses.writeEnvelope(
        request,
        response,
        JaegerResponses.array(services, JsonGenerator::writeString),
        services.size(),
        null);
  }

  /**
   * The legacy operations list (Grafana, older UIs): distinct names of all span kinds, sorted.
   * Jaeger answers {@code "data":null} when there are none, and so do we.
   */
  @GetMapping("/api/services/{service}/operations")
  void operationNames(
      @PathVariable String service, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    List<String> names = traces.operationNames(service);
    JaegerResponses.writeEnvelope(
        request,
        response,
        names.isEmpty()
            ? JaegerResponses.NULL
            : JaegerResponses.array(names, JsonGenerator::writeString),
        names.size(),
        null);
  }

  /** Operations with span kinds ({@code service} required, {@code spanKind} optional). */
  @GetMapping("/api/operations")
  void operations(
      @RequestParam MultiValueMap<String, String> params,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    OperationsQuery query = parser.parseOperationsQuery(params);
    List<Operation> operations = traces.operations(query.service(), query.spanKind());
    JaegerResponses.writeEnvelope(
        request,
        response,
        JaegerResponses.array(operations, ServicesController::writeOperation),
        operations.size(),
        null);
  }

  private static void writeOperation(JsonGenerator g, Operation operation) {
    g.writeStartObject();
    g.writeStringProperty("name", operation.name());
    g.writeStringProperty("spanKind", operation.spanKind());
    g.writeEndObject();
  }
}
