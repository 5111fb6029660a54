package io.sightline.gotext;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Go's {@code time.Parse(time.RFC3339Nano, s)}: {@code 2006-01-02T15:04:05.999999999Z07:00}, the
 * fraction optional and of any length (digits past the ninth ignored), the hour of one or two
 * digits, {@code Z} or a {@code ±hh:mm} offset. Errors carry Go's texts, e.g. {@code parsing time
 * "x" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse "x" as "2006"} or {@code parsing time
 * "2026-13-01T00:00:00Z": month out of range}, because Jaeger's {@code /api/v3} passes them on to
 * the client.
 */
public final class GoRfc3339 {

  public static final String LAYOUT = "2006-01-02T15:04:05.999999999Z07:00";

  private final String value;

  /** What is left of the value. */
  private String rest;

  private GoRfc3339(String value) {
    this.value = value;
    this.rest = value;
  }

  /**
   * Parses the text.
   *
   * @throws IllegalArgumentException with Go's message
   */
  public static Instant parse(String value) {
    return new GoRfc3339(value).parse();
  }

  private Instant parse() {
    int year = number(4, 4, "2006");
    literal("-");
    int month = number(2, 2, "01");
    if (month < 1 || month > 12) {
      throw outOfRange("month");
    }
    literal("-");
    int day = number(2, 2, "02");
    literal("T");
    int hour = number(1, 2, "15");
    if (hour >= 24) {
      throw outOfRange("hour");
    }
    literal(":");
    int minute = number(2, 2, "04");
    if (minute >= 60) {
      throw outOfRange("minute");
    }
    literal(":");
    int second = number(2, 2, "05");
    if (second >= 60) {
      throw outOfRange("second");
    }
    int nanos = fraction();
    ZoneOffset offset = offset();
    if (!rest.isEmpty()) {
      throw new IllegalArgumentException(
          "parsing time "
              + GoStrconv.timeQuote(value)
              + ": extra text: "
              + GoStrconv.timeQuote(rest));
    }
    if (day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      throw outOfRange("day");
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(offset);
    } catch (DateTimeException e) {
      throw outOfRange("time zone offset hour");
    }
  }

  /** Go's {@code getnum}: {@code min} to {@code max} ASCII digits. */
  private int number(int min, int max, String layoutElement) {
    int n = 0;
    while (n < max && n < rest.length() && isDigit(rest.charAt(n))) {
      n++;
    }
    if (n < min || (max == 4 && n < 4)) {
      throw cannotParse(layoutElement);
    }
    int result = Integer.parseInt(rest.substring(0, n));
    rest = rest.substring(n);
    return result;
  }

  private void literal(String expected) {
    if (!rest.startsWith(expected)) {
      throw cannotParse(expected);
    }
    rest = rest.substring(expected.length());
  }

  /** An optional {@code .} or {@code ,} and digits; nanoseconds, truncated past the ninth digit. */
  private int fraction() {
    if (rest.length() < 2
        || (rest.charAt(0) != '.' && rest.charAt(0) != ',')
        || !isDigit(rest.charAt(1))) {
      return 0;
    }
    int n = 1;
    while (n < rest.length() && isDigit(rest.charAt(n))) {
      n++;
    }
    String digits = rest.substring(1, Math.min(n, 10));
    rest = rest.substring(n);
    return Integer.parseInt((digits + "000000000").substring(0, 9));
  }

  private ZoneOffset offset() {
    if (rest.startsWith("Z")) {
      rest = rest.substring(1);
      return ZoneOffset.UTC;
    }
    if (rest.length() < 6
        || rest.charAt(3) != ':'
        || (rest.charAt(0) != '+' && rest.charAt(0) != '-')
        || !isDigit(rest.charAt(1))
        || !isDigit(rest.charAt(2))
        || !isDigit(rest.charAt(4))
        || !isDigit(rest.charAt(5))) {
      throw cannotParse("Z07:00");
    }
    int hours = Integer.parseInt(rest.substring(1, 3));
    int minutes = Integer.parseInt(rest.substring(4, 6));
    if (hours > 24) {
      throw outOfRange("time zone offset hour");
    }
    if (minutes > 60) {
      throw outOfRange("time zone offset minute");
    }
    int sign = rest.charAt(0) == '-' ? -1 : 1;
    rest = rest.substring(6);
    int totalSeconds = sign * (hours * 3600 + minutes * 60);
    if (Math.abs(totalSeconds) > 18 * 3600) {
      // Go accepts offsets up to 24:60; java.time stops at ±18:00. Such offsets do not exist.
      throw outOfRange("time zone offset hour");
    }
    return ZoneOffset.ofTotalSeconds(totalSeconds);
  }

  private IllegalArgumentException cannotParse(String layoutElement) {
    return new IllegalArgumentException(
        "parsing time "
            + GoStrconv.timeQuote(value)
            + " as "
            + GoStrconv.timeQuote(LAYOUT)
            + ": cannot parse "
            + GoStrconv.timeQuote(rest)
            + " as "
            + GoStrconv.timeQuote(layoutElement));
  }

  private IllegalArgumentException outOfRange(String what) {
    return new IllegalArgumentException(
        "parsing time " + GoStrconv.timeQuote(value) + ": " + what + " out of range");
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
