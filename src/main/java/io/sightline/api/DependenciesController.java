package io.sightline.api;

import io.sightline.http.TraceQueryParser;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyQuery;
import io.sightline.trace.TraceService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;

/** Service dependencies ({@code endTs} and {@code lookback} in ms, optional {@code service}). */
@RestController
class DependenciesController {

  private final TraceService traces;
  private final TraceQueryParser parser;

  DependenciesController(TraceService traces, TraceQueryParser parser) {
    this.traces = traces;
    this.parser = parser;
  }

  /**
   * The links, duplicates merged. {@code errors} is {@code null} on success: Grafana treats any
   * array there, even an empty one, as a failure.
   */
  @GetMapping("/api/dependencies")
  void dependencies(
      @RequestParam MultiValueMap<String, String> params,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    DependencyQuery query = parser.parseDependencyQuery(params);
    List<DependencyLink> links =
        traces.dependencies(query, TraceQueryParser.first(params, "service"));
    JaegerResponses.writeEnvelope(
        request,
        response,
        JaegerResponses.array(links, DependenciesController::writeLink),
        0,
        null);
  }

  private static void writeLink(JsonGenerator g, DependencyLink link) {
    g.writeStartObject();
    g.writeStringProperty("parent", link.parent());
    g.writeStringProperty("child", link.child());
    g.writeName("callCount");
    g.writeNumber(link.callCount());
    g.writeEndObject();
  }
}
