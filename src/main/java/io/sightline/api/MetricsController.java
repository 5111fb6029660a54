package io.sightline.api;

import io.sightline.http.MetricsQueryParser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Jaeger's span metrics endpoints (the UI's Monitor tab). Sightline has no metrics backend, so —
 * like Jaeger without one — every well-formed request is answered 501 {@value #DISABLED}, in the
 * envelope. Parameters are checked first, in Jaeger's order, so malformed requests get Jaeger's
 * 400s.
 */
@RestController
class MetricsController {

  static final String DISABLED =
      "trace metrics are currently disabled - no metrics backend configured";

  private final MetricsQueryParser parser;

  MetricsController(ObjectProvider<Clock> clock) {
    this.parser = new MetricsQueryParser(clock.getIfUnique(Clock::systemUTC));
  }

  /** Latencies: {@code quantile} (required), then the common parameters. */
  @GetMapping("/api/metrics/latencies")
  void latencies(@RequestParam MultiValueMap<String, String> params, HttpServletResponse response)
      throws IOException {
    parser.parseLatencies(params);
    disabled(response);
  }

  /** Call rates. */
  @GetMapping("/api/metrics/calls")
  void calls(@RequestParam MultiValueMap<String, String> params, HttpServletResponse response)
      throws IOException {
    parser.parse(params);
    disabled(response);
  }

  /** Error rates. */
  @GetMapping("/api/metrics/errors")
  void errors(@RequestParam MultiValueMap<String, String> params, HttpServletResponse response)
      throws IOException {
    parser.parse(params);
    disabled(response);
  }

  /** The minimum step (Jaeger v1 only; it takes no parameters). */
  @GetMapping("/api/metrics/minstep")
  void minStep(HttpServletResponse response) throws IOException {
    disabled(response);
  }

  private static void disabled(HttpServletResponse response) throws IOException {
    JaegerResponses.writeError(response, HttpServletResponse.SC_NOT_IMPLEMENTED, DISABLED);
  }
}
