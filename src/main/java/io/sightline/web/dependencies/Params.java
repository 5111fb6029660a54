package io.sightline.web.dependencies;

import io.sightline.http.TraceQueryParser;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Reading the dependency page's parameters, and its times in µs. */
final class Params {

  private Params() {}

  /** The first value, trimmed; {@code fallback} when absent or blank. */
  static String first(Map<String, List<String>> params, String key, String fallback) {
    String value = TraceQueryParser.first(params, key).trim();
    return value.isEmpty() ? fallback : value;
  }

  static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
