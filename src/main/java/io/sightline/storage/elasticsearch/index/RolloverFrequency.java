package io.sightline.storage.elasticsearch.index;

import java.util.Locale;

/** How often a new daily (or hourly) index is started ({@code ES_INDEX_ROLLOVER_FREQUENCY_*}). */
public enum RolloverFrequency {
  DAY,
  HOUR;

  /** Parses Jaeger's spelling ({@code day} or {@code hour}); blank means {@link #DAY}. */
  public static RolloverFrequency parse(String value) {
    if (value == null || value.isBlank()) {
      return DAY;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "day" -> DAY;
      case "hour" -> HOUR;
      default ->
          throw new IllegalArgumentException(
              "index rollover frequency must be 'day' or 'hour', got '" + value + "'");
    };
  }
}
