package io.sightline.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Everything under {@code /api/} that no endpoint serves, whatever the method: Go's plain {@code
 * 404 page not found}, as Jaeger v2 answers, never the UI's HTML. More specific mappings (every
 * real endpoint, {@code /api/v3/…}) win over this one; a known path with the wrong method lands
 * here too, a 404 as in Jaeger v2.
 */
@RestController
class ApiNotFoundController {

  @RequestMapping("/api/**")
  void notFound(HttpServletResponse response) throws IOException {
    JaegerResponses.writeGoHttpError(
        response, HttpServletResponse.SC_NOT_FOUND, "404 page not found");
  }
}
