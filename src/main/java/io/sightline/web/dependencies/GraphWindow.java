package io.sightline.web.dependencies;

import io.sightline.trace.InvalidQueryException;
import io.sightline.web.CustomRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dependency page's time window: a {@code lookback} of the {@link #RANGES} ending now, or
 * {@code lookback=custom} with {@code start}/{@code end} in µs; never longer than the server's
 * maximum lookback. Bad input is reported (by form field) and replaced by a usable window.
 *
 * @param start the window's start
 * @param end the window's end
 * @param range the {@code lookback} value the form shows selected ({@code custom} for a custom one)
 */
record GraphWindow(Instant start, Instant end, String range) {

  /** Ranges offered. */
  static final List<Range> RANGES =
      List.of(
          new Range("1h", "Last hour", Duration.ofHours(1)),
          new Range("6h", "Last 6 hours", Duration.ofHours(6)),
          new Range("12h", "Last 12 hours", Duration.ofHours(12)),
          new Range("1d", "Last day", Duration.ofDays(1)),
          new Range("2d", "Last 2 days", Duration.ofDays(2)),
          new Range("7d", "Last 7 days", Duration.ofDays(7)),
          new Range("14d", "Last 14 days", Duration.ofDays(14)),
          new Range("30d", "Last 30 days", Duration.ofDays(30)));

  /** What a bad {@code lookback} falls back to. */
  private static final Range FALLBACK = RANGES.get(5);

  private static final DateTimeFormatter FIELD =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT);

  /**
   * A choice of time range.
   *
   * @param value the URL value
   * @param label what the form shows
   * @param length the window, ending now
   */
  record Range(String value, String label, Duration length) {}

  /**
   * The form's custom range ({@code lookback=custom} with {@code from}/{@code to}/{@code tz}), to
   * be fixed as {@code start}/{@code end} in the URL.
   *
   * @return the range, or {@code null} when the request carries none or it is malformed (then the
   *     error is in {@code errors})
   */
  static CustomRange fromForm(
      Map<String, List<String>> params, Instant now, Map<String, String> errors) {
    String from = Params.first(params, "from", "");
    if (!"custom".equals(Params.first(params, "lookback", "")) || from.isEmpty()) {
      return null;
    }
    try {
      return CustomRange.parse(
          from, Params.first(params, "to", ""), Params.first(params, "tz", ""), now);
    } catch (InvalidQueryException e) {
      errors.put(e.parameter(), e.getMessage());
      return null;
    }
  }

  /**
   * The window a request asks for.
   *
   * @param defaultRange the {@code lookback} when none is given
   * @param errors where problems go, by form field
   */
  static GraphWindow of(
      Map<String, List<String>> params,
      String defaultRange,
      Instant now,
      Duration maxLookback,
      Map<String, String> errors) {
    String rangeValue = Params.first(params, "lookback", defaultRange);
    Instant end = now;
    Instant start;
    String range = rangeValue;
    if ("custom".equals(rangeValue)) {
      try {
        start = Params.instant(Long.parseLong(Params.first(params, "start", "")));
        end = Params.instant(Long.parseLong(Params.first(params, "end", "")));
        if (end.isBefore(start)) {
          errors.put("to", "the custom time range ends before it starts");
          start = end.minus(FALLBACK.length());
        }
      } catch (NumberFormatException e) {
        if (!errors.containsKey("from") && !errors.containsKey("to")) {
          errors.put("from", "choose when the custom time range starts");
        }
        start = now.minus(FALLBACK.length());
        end = now;
      }
    } else {
      Range chosen =
          RANGES.stream().filter(r -> r.value().equals(rangeValue)).findFirst().orElse(null);
      if (chosen == null) {
        errors.put("lookback", "unknown time range '" + rangeValue + "'");
        chosen = FALLBACK;
      }
      range = chosen.value();
      start = now.minus(chosen.length());
    }
    if (Duration.between(start, end).compareTo(maxLookback) > 0) {
      errors.put(
          "lookback",
          "the time range is longer than the server's maximum of "
              + maxLookback.toDays()
              + " days");
      start = end.minus(maxLookback);
    }
    return new GraphWindow(start, end, range);
  }

  boolean custom() {
    return "custom".equals(range);
  }

  Duration length() {
    return Duration.between(start, end);
  }

  long startMicros() {
    return Params.micros(start);
  }

  long endMicros() {
    return Params.micros(end);
  }

  /** A time as {@code <input type="datetime-local">} shows it (UTC; the script converts). */
  static String field(Instant instant) {
    return FIELD.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  /**
   * Whether the window holds a 00:00 UTC: the daily job stamps each day's document with that day's
   * midnight, so a window without one finds no stored links.
   */
  boolean containsUtcMidnight() {
    LocalDate day = start.atZone(ZoneOffset.UTC).toLocalDate();
    Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    if (midnight.isBefore(start)) {
      midnight = midnight.plus(1, ChronoUnit.DAYS);
    }
    return !midnight.isAfter(end);
  }
}
