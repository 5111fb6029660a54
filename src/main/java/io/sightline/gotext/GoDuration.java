package io.sightline.gotext;

import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.Duration} text: {@link #parse} is {@code time.ParseDuration} (the grammar Jaeger
 * accepts for {@code minDuration}, {@code maxDuration} and its duration settings) and {@link
 * #format} is {@code Duration.String()} (the text Jaeger puts in clock-skew warnings and health
 * output). A Go duration is a signed 64-bit count of nanoseconds; so is the {@link Duration} these
 * methods take and return.
 */
public final class GoDuration {

  private static final long NANOS_PER_MICRO = 1_000L;
  private static final long NANOS_PER_MILLI = 1_000_000L;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** Unit name → nanoseconds. Both micro signs are Go's: U+00B5 and U+03BC. */
  private static final Map<String, Long> UNITS =
      Map.of(
          "ns", 1L,
          "us", NANOS_PER_MICRO,
          "\u00b5s", NANOS_PER_MICRO,
          "\u03bcs", NANOS_PER_MICRO,
          "ms", NANOS_PER_MILLI,
          "s", NANOS_PER_SECOND,
          "m", 60 * NANOS_PER_SECOND,
          "h", 3600 * NANOS_PER_SECOND);

  /** 2^63 as an unsigned long: the magnitude bound Go checks against while accumulating. */
  private static final long TWO_POW_63 = Long.MIN_VALUE;

  private GoDuration() {}

  /**
   * Parses a Go duration such as {@code 300ms}, {@code -1.5h} or {@code 2h45m}: an optional sign,
   * then one or more decimal numbers (fractions allowed), each followed by a unit ({@code ns},
   * {@code us}, {@code µs}, {@code μs}, {@code ms}, {@code s}, {@code m}, {@code h}). A bare {@code
   * 0} is zero; any other number needs a unit.
   *
   * @throws IllegalArgumentException with Go's error text, e.g. {@code time: missing unit in
   *     duration "100"}
   */
  public static Duration parse(String text) {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    long total = 0; // unsigned magnitude, at most 2^63
    while (!s.isEmpty()) {
      char first = s.charAt(0);
      if (first != '.' && !isDigit(first)) {
        throw invalid(text);
      }
      // Integer part.
      int i = 0;
      long whole = 0;
      while (i < s.length() && isDigit(s.charAt(i))) {
        if (Long.compareUnsigned(whole, Long.divideUnsigned(TWO_POW_63, 10)) > 0) {
          throw invalid(text);
        }
        whole = whole * 10 + (s.charAt(i) - '0');
        if (Long.compareUnsigned(whole, TWO_POW_63) > 0) {
          throw invalid(text);
        }
        i++;
      }
      boolean digitsBefore = i > 0;
      s = s.substring(i);
      // Fraction: keeps accumulating digits until they would overflow, then only skips them.
      long fraction = 0;
      double scale = 1;
      boolean digitsAfter = false;
      if (!s.isEmpty() && s.charAt(0) == '.') {
        s = s.substring(1);
        int j = 0;
        boolean overflow = false;
        while (j < s.length() && isDigit(s.charAt(j))) {
          if (!overflow) {
            if (fraction > Long.MAX_VALUE / 10) {
              overflow = true;
            } else {
              long next = fraction * 10 + (s.charAt(j) - '0');
              if (next < 0) {
                overflow = true;
              } else {
                fraction = next;
                scale *= 10;
              }
            }
          }
          j++;
        }
        digitsAfter = j > 0;
        s = s.substring(j);
      }
      if (!digitsBefore && !digitsAfter) {
        throw invalid(text); // e.g. ".s"
      }
      // Unit: everything up to the next digit or '.'.
      int u = 0;
      while (u < s.length() && s.charAt(u) != '.' && !isDigit(s.charAt(u))) {
        u++;
      }
      if (u == 0) {
        throw new IllegalArgumentException(
            "time: missing unit in duration " + GoStrconv.timeQuote(text));
      }
      String unitName = s.substring(0, u);
      s = s.substring(u);
      Long unit = UNITS.get(unitName);
      if (unit == null) {
        throw new IllegalArgumentException(
            "time: unknown unit "
                + GoStrconv.timeQuote(unitName)
                + " in duration "
                + GoStrconv.timeQuote(text));
      }
      if (Long.compareUnsigned(whole, Long.divideUnsigned(TWO_POW_63, unit)) > 0) {
        throw invalid(text);
      }
      long value = whole * unit;
      if (fraction > 0) {
        // Go computes the fraction in float64, accurate to the nanosecond for fractions of hours.
        value += (long) (fraction * ((double) unit / scale));
        if (Long.compareUnsigned(value, TWO_POW_63) > 0) {
          throw invalid(text);
        }
      }
      total += value;
      if (Long.compareUnsigned(total, TWO_POW_63) > 0) {
        throw invalid(text);
      }
    }
    if (negative) {
      return Duration.ofNanos(-total); // -(2^63) wraps to Long.MIN_VALUE, exactly as in Go
    }
    if (total < 0) {
      throw invalid(text); // 2^63 is one more than a positive duration can hold
    }
    return Duration.ofNanos(total);
  }

  /**
   * Parses a setting's value, for configuration: surrounding blanks ignored, and an error that
   * names the variable the value came from.
   *
   * @param variable the environment variable (or property) name, e.g. {@code ES_TIMEOUT}
   * @throws IllegalArgumentException naming the variable when the text is not a Go duration
   */
  public static Duration parseSetting(String text, String variable) {
    try {
      return parse(text == null ? "" : text.trim());
    } catch (IllegalArgumentException e) {
      // No cause: this message is the whole story, and the one a start-up failure shows.
      throw new IllegalArgumentException(
          variable
              + "="
              + text
              + " is not a duration ("
              + e.getMessage()
              + "): use Go's syntax, e.g. 30s, 1m30s, 500ms, or 0 for none");
    }
  }

  /**
   * Go's {@code Duration.String()}: {@code 0s}, {@code 1.5µs}, {@code 1.5ms}, {@code 2m3s}, {@code
   * 1h0m0s}, {@code -35ms}. Durations beyond ±292 years (outside a Go duration) are clamped.
   */
  public static String format(Duration duration) {
    return format(saturatedNanos(duration));
  }

  /** {@link #format(Duration)} for a nanosecond count. */
  public static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    boolean negative = nanos < 0;
    long u = negative ? -nanos : nanos; // Long.MIN_VALUE stays negative: read as unsigned below
    StringBuilder out = new StringBuilder(24);
    if (Long.compareUnsigned(u, NANOS_PER_SECOND) < 0) {
      // Below a second Go switches to a smaller unit: 1.2ms, 3µs, 40ns.
      if (u < NANOS_PER_MICRO) {
        out.append(u).append("ns");
      } else if (u < NANOS_PER_MILLI) {
        appendWithFraction(out, u, 3);
        out.append("\u00b5s");
      } else {
        appendWithFraction(out, u, 6);
        out.append("ms");
      }
    } else {
      long seconds = Long.divideUnsigned(u, NANOS_PER_SECOND);
      long nanosOfSecond = Long.remainderUnsigned(u, NANOS_PER_SECOND);
      long minutes = seconds / 60;
      long hours = minutes / 60;
      if (hours > 0) {
        out.append(hours).append('h');
      }
      if (minutes > 0) {
        out.append(minutes % 60).append('m');
      }
      out.append(seconds % 60);
      appendFraction(out, nanosOfSecond, 9);
      out.append('s');
    }
    return negative ? "-" + out : out.toString();
  }

  /** Appends {@code value / 10^digits} with its fraction, trailing zeros dropped. */
  private static void appendWithFraction(StringBuilder out, long value, int digits) {
    long pow = pow10(digits);
    out.append(value / pow);
    appendFraction(out, value % pow, digits);
  }

  /** Appends {@code .ddd} for a fraction of {@code 10^digits}, without trailing zeros. */
  private static void appendFraction(StringBuilder out, long fraction, int digits) {
    if (fraction == 0) {
      return;
    }
    String text = Long.toString(fraction);
    StringBuilder padded = new StringBuilder(digits);
    for (int i = text.length(); i < digits; i++) {
      padded.append('0');
    }
    padded.append(text);
    int end = padded.length();
    while (padded.charAt(end - 1) == '0') {
      end--;
    }
    out.append('.').append(padded, 0, end);
  }

  private static long pow10(int digits) {
    long pow = 1;
    for (int i = 0; i < digits; i++) {
      pow *= 10;
    }
    return pow;
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("time: invalid duration " + GoStrconv.timeQuote(text));
  }
}
