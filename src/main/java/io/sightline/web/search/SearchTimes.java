package io.sightline.web.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Result times as the list shows them: a day ("Today", "Yesterday", "Mar 5", or "Mar 5 2024" in
 * another year), a time of day ({@code 14:03:07}) and how long ago ("5 minutes ago"). The server
 * writes them in UTC; {@code static/js/search/times.js} rewrites them in the user's zone with the
 * same words.
 */
final class SearchTimes {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_YEAR =
      DateTimeFormatter.ofPattern("MMM d yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH);
  private static final DateTimeFormatter FIELD =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT);

  private SearchTimes() {}

  /** The day of an instant in UTC, relative to today (UTC). */
  static String day(long micros, Instant now) {
    ZonedDateTime t = utc(micros);
    LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
    LocalDate date = t.toLocalDate();
    if (date.equals(today)) {
      return "Today";
    }
    if (date.equals(today.minusDays(1))) {
      return "Yesterday";
    }
    return (date.getYear() == today.getYear() ? DAY : DAY_YEAR).format(t);
  }

  /** The time of day in UTC, {@code HH:mm:ss}. */
  static String time(long micros) {
    return TIME.format(utc(micros));
  }

  /** A value for {@code <input type="datetime-local">}, in UTC. */
  static String field(long micros) {
    return FIELD.format(utc(micros));
  }

  /** "a few seconds ago", "1 minute ago", "5 hours ago", "3 days ago"; "in the future". */
  static String relative(long micros, Instant now) {
    long seconds = (SearchParams.micros(now) - micros) / 1_000_000;
    if (seconds < -60) {
      return "in the future";
    }
    if (seconds < 60) {
      return "a few seconds ago";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return ago(minutes, "minute");
    }
    long hours = minutes / 60;
    if (hours < 24) {
      return ago(hours, "hour");
    }
    return ago(hours / 24, "day");
  }

  private static String ago(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s") + " ago";
  }

  private static ZonedDateTime utc(long micros) {
    return SearchParams.instant(micros).atZone(ZoneOffset.UTC);
  }
}
