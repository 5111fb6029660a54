package io.sightline.api;

import io.sightline.format.TraceFileException;
import io.sightline.format.otlp.OtlpJson;
import io.sightline.http.json.UiTraceJson;
import io.sightline.trace.Trace;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/transform}: OTLP/JSON in (an OTLP/HTTP export request, or JSON lines of them),
 * Jaeger UI traces out, in the envelope and without adjusters — what the UI's "upload" shows.
 */
@RestController
class TransformController {

  /**
   * The traces of the body, grouped by trace ID in order of first appearance. A body that is not
   * OTLP/JSON is a 400 naming the line and column of the problem.
   */
  @PostMapping("/api/transform")
  void transform(HttpServletRequest request, HttpServletResponse response) throws IOException {
    List<Trace> traces;
    try (InputStream body = request.getInputStream()) {
      traces = OtlpJson.readTraces(body);
    } catch (TraceFileException | UncheckedIOException e) {
      JaegerResponses.writeError(
          response,
          HttpServletResponse.SC_BAD_REQUEST,
          "cannot unmarshal OTLP : " + e.getMessage());
      return;
    }
    JaegerResponses.writeEnvelope(
        request,
        response,
        g -> {
          g.writeStartArray();
          for (Trace trace : traces) {
            UiTraceJson.write(g, trace);
          }
          g.writeEndArray();
        },
        0,
        null);
  }
}
