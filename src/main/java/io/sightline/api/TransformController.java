package io.sightline.api;

import io.sightline.format.TraceFileException;
import io.sightline.format.otlp.OtlpJson;
import io.sightline.http.LimitedInputStream;
import io.sightline.http.json.UiTraceJson;
import io.sightline.trace.Trace;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
   * The largest body taken, in bytes (64 MiB: an export of some 100,000 spans); a bigger one is a
   * 413 in the envelope. Jaeger sets no limit; an unbounded body would be an easy way to exhaust
   * the heap.
   */
  static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

  private static final String TOO_LARGE =
      "request body too large: at most " + MAX_BODY_BYTES + " bytes are accepted";

  /**
   * The traces of the body, grouped by trace ID in order of first appearance. A body that is not
   * OTLP/JSON is a 400 naming the line and column of the problem.
   */
  @PostMapping("/api/transform")
  void transform(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      JaegerResponses.writeError(
          response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, TOO_LARGE);
      return;
    }
    List<Trace> traces;
    LimitedInputStream body =
        new LimitedInputStream(request.getInputStream(), MAX_BODY_BYTES, TOO_LARGE);
    try (body) {
      traces = OtlpJson.readTraces(body);
    } catch (TraceFileException | UncheckedIOException e) {
      if (body.exceeded()) {
        JaegerResponses.writeError(
            response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, TOO_LARGE);
        return;
      }
      JaegerResponses.writeError(
          response,
          HttpServletResponse.SC_BAD_REQUEST,
          "cannot unmarshal OTLP : " + e.getMessage());
      return;
    }
    JaegerResponses.writeEnvelope(
        request, response, JaegerResponses.array(traces, UiTraceJson::write), 0, null);
  }
}
