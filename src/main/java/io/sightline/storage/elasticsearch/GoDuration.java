package io.sightline.storage.elasticsearch;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Parses durations written the way Jaeger's Go flags accept them ({@code time.ParseDuration}):
 * {@code 0}, {@code 30s}, {@code 1m30s}, {@code 1.5h}, {@code 250ms}, {@code 100us}/{@code µs},
 * {@code 10ns}. Units: {@code ns us µs ms s m h}; there are no days.
 */
final class GoDuration {

  private GoDuration() {}

  /**
   * @param text a Go duration
   * @param setting the variable the text came from, for the error message (e.g. {@code ES_TIMEOUT})
   * @throws IllegalArgumentException naming the setting when the text is not a Go duration
   */
  static Duration parse(String text, String setting) {
    if (text == null) {
      throw invalid(text, setting);
    }
    String s = text.trim();
    if (s.equals("0") || s.equals("+0") || s.equals("-0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(text, setting);
    }
    boolean negative = false;
    int i = 0;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      negative = s.charAt(0) == '-';
      i++;
    }
    if (i == s.length()) {
      throw invalid(text, setting);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    while (i < s.length()) {
      int numberStart = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(numberStart, i);
      if (number.isEmpty()
          || number.equals(".")
          || number.indexOf('.') != number.lastIndexOf('.')) {
        throw invalid(text, setting);
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      long unitNanos = unitNanos(s.substring(unitStart, i));
      if (unitNanos == 0) {
        throw invalid(text, setting);
      }
      nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos)));
    }
    // Go truncates fractions of a nanosecond.
    long total;
    try {
      total = nanos.toBigInteger().longValueExact();
    } catch (ArithmeticException e) {
      throw invalid(text, setting);
    }
    return Duration.ofNanos(negative ? -total : total);
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs", "μs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> 0L;
    };
  }

  private static IllegalArgumentException invalid(String text, String setting) {
    return new IllegalArgumentException(
        setting
            + "="
            + text
            + " is not a duration: use Go's syntax, e.g. 30s, 1m30s, 500ms, or 0 for none");
  }
}
