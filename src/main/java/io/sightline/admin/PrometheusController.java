package io.sightline.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Prometheus metrics on the admin port's {@code /metrics}, where jaeger-query served them: the
 * Prometheus text format, or OpenMetrics when the scraper asks for it. (Actuator's {@code
 * /actuator/prometheus} serves the same registry.)
 */
@RestController
@AdminPortOnly
class PrometheusController {

  private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String OPEN_METRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final ObjectProvider<PrometheusMeterRegistry> registry;

  PrometheusController(ObjectProvider<PrometheusMeterRegistry> registry) {
    this.registry = registry;
  }

  @GetMapping("/metrics")
  void metrics(HttpServletRequest request, HttpServletResponse response) throws IOException {
    PrometheusMeterRegistry prometheus = registry.getIfAvailable();
    if (prometheus == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    String accept = request.getHeader("Accept");
    String contentType =
        accept != null && accept.contains("application/openmetrics-text")
            ? OPEN_METRICS
            : TEXT_FORMAT;
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(contentType);
    OutputStream out = response.getOutputStream();
    prometheus.scrape(out, contentType);
    out.flush();
  }
}
