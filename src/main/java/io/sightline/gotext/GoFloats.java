package io.sightline.gotext;

import java.math.BigDecimal;

/**
 * Formats doubles as Go's {@code encoding/json} does: the shortest text that reads back to the same
 * double, with an exponent only for very large or small magnitudes ({@code 72.5}, {@code 1e+21},
 * {@code 1e-7}).
 */
public final class GoFloats {

  private GoFloats() {}

  /**
   * Go's JSON rendering of a float64 ({@code encoding/json}): plain decimal for magnitudes in
   * [1e-6, 1e21), otherwise exponent form with at least two exponent digits.
   */
  public static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0" : "0";
    }
    // Java's Double.toString gives the shortest digits that round-trip (JDK 19+ exactly; 17 close
    // enough for display), so take its digits and lay them out Go's way.
    BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    double abs = Math.abs(value);
    if (abs >= 1e-6 && abs < 1e21) {
      return shortest.toPlainString();
    }
    String digits = shortest.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - shortest.scale();
    StringBuilder out = new StringBuilder();
    if (value < 0) {
      out.append('-');
    }
    out.append(digits.charAt(0));
    if (digits.length() > 1) {
      out.append('.').append(digits, 1, digits.length());
    }
    out.append('e').append(exponent < 0 ? '-' : '+');
    int absExponent = Math.abs(exponent);
    if (absExponent < 10 && exponent > 0) {
      out.append('0'); // Go writes e+09 but, in JSON, e-9
    }
    out.append(absExponent);
    return out.toString();
  }
}
