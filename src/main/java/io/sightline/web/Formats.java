package io.sightline.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How pages write durations and instants. {@code static/js/core/format.js} writes the same texts in
 * the browser (it re-renders every {@code <time data-us>} in the user's chosen zone); keep the two
 * in step.
 *
 * <p>Server-rendered instants are UTC and say so: the server does not know the browser's zone.
 */
public final class Formats {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("MMMM d yyyy, HH:mm:ss.SSS", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private Formats() {}

  /**
   * A compact duration, as Jaeger UI shows them: {@code 12µs}, {@code 350.25ms}, {@code 1.2s},
   * {@code 2m 5s}, {@code 1h 3m}. At most two decimals, trailing zeros dropped.
   *
   * @param micros a duration in microseconds
   */
  public static String duration(long micros) {
    if (micros < 0) {
      return "-" + duration(-micros);
    }
    if (micros < 1_000) {
      return micros + "µs";
    }
    // A value that would round up to the next unit's size is shown in that unit (1s, not 1000ms).
    if (micros < 999_995) {
      return decimal(micros, 1_000) + "ms";
    }
    if (micros < 59_995_000) {
      return decimal(micros, 1_000_000) + "s";
    }
    long seconds = (micros + 500_000) / 1_000_000; // rounded, like the decimals above
    if (seconds < 3600) {
      long s = seconds % 60;
      return (seconds / 60) + "m" + (s == 0 ? "" : " " + s + "s");
    }
    long minutes = (seconds / 60) % 60;
    return (seconds / 3600) + "h" + (minutes == 0 ? "" : " " + minutes + "m");
  }

  /** {@code micros / unit} rounded half-up to two decimals, without trailing zeros. */
  private static String decimal(long micros, long unit) {
    return BigDecimal.valueOf(micros)
        .divide(BigDecimal.valueOf(unit), 2, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  /**
   * An instant for people, in UTC: {@code March 5 2024, 14:03:07.123}.
   *
   * @param epochMicros µs since the epoch
   */
  public static String timestampUtc(long epochMicros) {
    return TIMESTAMP.format(instant(epochMicros));
  }

  /** ISO-8601 in UTC with microseconds, for {@code <time datetime>}. */
  public static String iso(long epochMicros) {
    return instant(epochMicros).toString();
  }

  private static Instant instant(long epochMicros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochMicros, 1_000_000), Math.floorMod(epochMicros, 1_000_000) * 1_000L);
  }
}
