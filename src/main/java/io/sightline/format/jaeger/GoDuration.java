package io.sightline.format.jaeger;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}: a signed sequence of decimal numbers, each with an optional
 * fraction and a unit ({@code ns}, {@code us}, {@code µs}, {@code ms}, {@code s}, {@code m}, {@code
 * h}), e.g. {@code 5000ns}, {@code 1.5s}, {@code 2h45m}. gogo-protobuf's JSON reads {@code
 * google.protobuf.Duration} values with it, so Jaeger's model JSON carries durations in this form.
 */
final class GoDuration {

  private static final Map<String, Long> NANOS_PER_UNIT =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "\u00b5s", 1_000L, // micro sign
          "\u03bcs", 1_000L, // Greek small letter mu
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal MIN_NANOS = BigDecimal.valueOf(Long.MIN_VALUE);

  private GoDuration() {}

  /**
   * The duration in nanoseconds.
   *
   * @throws IllegalArgumentException with Go's wording when the text is not a Go duration
   */
  static long parseNanos(String text) {
    int i = 0;
    boolean negative = false;
    if (!text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
      negative = text.charAt(0) == '-';
      i = 1;
    }
    if (text.substring(i).equals("0")) {
      return 0;
    }
    if (i == text.length()) {
      throw invalid(text);
    }
    BigDecimal total = BigDecimal.ZERO;
    while (i < text.length()) {
      int numberStart = i;
      while (i < text.length() && isDigit(text.charAt(i))) {
        i++;
      }
      boolean hasIntegerDigits = i > numberStart;
      boolean hasFractionDigits = false;
      if (i < text.length() && text.charAt(i) == '.') {
        i++;
        int fractionStart = i;
        while (i < text.length() && isDigit(text.charAt(i))) {
          i++;
        }
        hasFractionDigits = i > fractionStart;
      }
      if (!hasIntegerDigits && !hasFractionDigits) {
        throw invalid(text);
      }
      String number = text.substring(numberStart, i);
      int unitStart = i;
      while (i < text.length() && text.charAt(i) != '.' && !isDigit(text.charAt(i))) {
        i++;
      }
      if (unitStart == i) {
        throw new IllegalArgumentException(
            "time: missing unit in duration \"" + text.replace("\"", "\\\"") + "\"");
      }
      String unit = text.substring(unitStart, i);
      Long nanosPerUnit = NANOS_PER_UNIT.get(unit);
      if (nanosPerUnit == null) {
        throw new IllegalArgumentException(
            "time: unknown unit \""
                + unit.replace("\"", "\\\"")
                + "\" in duration \""
                + text.replace("\"", "\\\"")
                + "\"");
      }
      total = total.add(new BigDecimal(number).multiply(BigDecimal.valueOf(nanosPerUnit)));
    }
    if (negative) {
      total = total.negate();
    }
    if (total.compareTo(MAX_NANOS) > 0 || total.compareTo(MIN_NANOS) < 0) {
      throw invalid(text);
    }
    // Go truncates fractions of a nanosecond.
    return total.longValue();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "time: invalid duration \"" + text.replace("\"", "\\\"") + "\"");
  }
}
