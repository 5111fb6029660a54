package io.sightline.admin;

import io.sightline.gotext.GoDuration;
import io.sightline.http.json.GoJson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;

/**
 * Jaeger's health answer on the admin port's root, for the load balancers and scripts written for
 * jaeger-query: 200 {@code {"status":"Server available","upSince":"<RFC 3339>","uptime":"<Go
 * duration>"}} while the server accepts traffic and the trace store answers, otherwise 503 {@code
 * {"status":"Server not available","upSince":"0001-01-01T00:00:00Z","uptime":""}}. The store check
 * is bounded in time and cached ({@link StorageHealthProbe}).
 */
@RestController
@AdminPortOnly
class JaegerHealthController {

  /** Go's zero {@code time.Time} in RFC 3339. */
  static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private final StorageHealthProbe probe;
  private final ServerReadiness readiness;

  JaegerHealthController(StorageHealthProbe probe, ServerReadiness readiness) {
    this.probe = probe;
    this.readiness = readiness;
  }

  @GetMapping("/")
  void health(HttpServletResponse response) throws IOException {
    Instant since = readiness.readySince();
    boolean available = since != null && probe.check().up();
    response.setStatus(
        available ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setContentType("application/json");
    try (JsonGenerator g = GoJson.generator(response.getOutputStream(), false)) {
      g.writeStartObject();
      if (available) {
        g.writeStringProperty("status", "Server available");
        g.writeStringProperty("upSince", rfc3339Nano(since));
        g.writeStringProperty(
            "uptime", GoDuration.format(Duration.between(since, readiness.now())));
      } else {
        g.writeStringProperty("status", "Server not available");
        g.writeStringProperty("upSince", GO_ZERO_TIME);
        g.writeStringProperty("uptime", "");
      }
      g.writeEndObject();
    }
  }

  /** Go's {@code time.RFC3339Nano} in UTC: the fraction without trailing zeros, {@code Z}. */
  @SuppressWarnings("JavaInstantGetSecondsGetNano") // the seconds are formatted, then the fraction
  static String rfc3339Nano(Instant instant) {
    StringBuilder out = new StringBuilder(SECONDS.format(instant));
    int nanos = instant.getNano();
    if (nanos != 0) {
      String fraction = String.format("%09d", nanos);
      int end = fraction.length();
      while (fraction.charAt(end - 1) == '0') {
        end--;
      }
      out.append('.').append(fraction, 0, end);
    }
    return out.append('Z').toString();
  }
}
