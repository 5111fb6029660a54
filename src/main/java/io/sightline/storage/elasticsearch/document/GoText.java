package io.sightline.storage.elasticsearch.document;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Go's text-to-value parsers ({@code strconv.ParseBool}, {@code ParseInt}, {@code ParseFloat},
 * {@code hex.DecodeString}), with which Jaeger reads string-encoded tag values. Each returns null
 * when Go would return an error.
 */
final class GoText {

  private static final Pattern DECIMAL_INT = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern DECIMAL_FLOAT =
      Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern HEX_FLOAT =
      Pattern.compile("[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+");

  private GoText() {}

  static Boolean parseBool(String s) {
    return switch (s) {
      case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
      case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
      default -> null;
    };
  }

  static Long parseInt(String s) {
    if (!DECIMAL_INT.matcher(s).matches()) {
      return null;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null; // out of range
    }
  }

  static Double parseFloat(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
    if (unsigned.equals("inf") || unsigned.equals("infinity")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (lower.equals("nan")) {
      return Double.NaN;
    }
    if (DECIMAL_FLOAT.matcher(s).matches() || HEX_FLOAT.matcher(s).matches()) {
      return Double.parseDouble(s);
    }
    return null;
  }

  static byte[] parseHex(String s) {
    if (s.length() % 2 != 0) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
