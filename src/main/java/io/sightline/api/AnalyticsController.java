package io.sightline.api;

import io.sightline.http.json.GoJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;

/**
 * Two experimental endpoints of the Jaeger UI for which Jaeger v2.20 returns made-up sample data
 * whatever is asked. Sightline answers honestly instead, in the same shapes and without the
 * envelope (as Jaeger): no quality metrics (with a banner that says so) and no deep dependency
 * paths. The UI shows empty pages rather than invented numbers.
 */
@RestController
class AnalyticsController {

  static final String QUALITY_DOCUMENTATION =
      "https://github.com/jaegertracing/jaeger-analytics-java#trace-quality-metrics";
  static final String NO_QUALITY_METRICS = "Sightline does not compute trace quality metrics.";

  /** {@code GET /api/quality-metrics?service=&hours=}: no scores, no metrics. */
  @GetMapping("/api/quality-metrics")
  void qualityMetrics(HttpServletRequest request, HttpServletResponse response) throws IOException {
    try (JsonGenerator g = generator(request, response)) {
      g.writeStartObject();
      g.writeStringProperty("traceQualityDocumentationLink", QUALITY_DOCUMENTATION);
      g.writeName("bannerText");
      g.writeStartObject();
      g.writeStringProperty("value", NO_QUALITY_METRICS);
      g.writeEndObject();
      g.writeName("scores");
      g.writeStartArray();
      g.writeEndArray();
      g.writeName("metrics");
      g.writeStartArray();
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  /** {@code GET /api/deep-dependencies?service=}: no paths. */
  @GetMapping("/api/deep-dependencies")
  void deepDependencies(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try (JsonGenerator g = generator(request, response)) {
      g.writeStartObject();
      g.writeName("dependencies");
      g.writeStartArray();
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static JsonGenerator generator(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json");
    OutputStream out = response.getOutputStream();
    return GoJson.generator(out, JaegerResponses.prettyPrint(request));
  }
}
