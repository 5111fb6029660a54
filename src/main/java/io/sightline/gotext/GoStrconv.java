package io.sightline.gotext;

import java.nio.charset.StandardCharsets;

/**
 * The parts of Go's {@code strconv} (and the quoting of Go's {@code time} package) whose behaviour
 * and error texts Jaeger's HTTP API shows to its clients.
 */
public final class GoStrconv {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoStrconv() {}

  /**
   * Go's {@code strconv.ParseInt(s, 10, bitSize)}: an optional {@code +}/{@code -}, then decimal
   * digits only (no spaces, no underscores, no exponent).
   *
   * @param bitSize 32 or 64
   * @throws IllegalArgumentException with Go's text, {@code strconv.ParseInt: parsing "x": invalid
   *     syntax} or {@code …: value out of range}
   */
  public static long parseInt(String s, int bitSize) {
    if (s.isEmpty()) {
      throw numError("ParseInt", s, "invalid syntax");
    }
    int i = 0;
    boolean negative = false;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    if (i == s.length()) {
      throw numError("ParseInt", s, "invalid syntax");
    }
    // Accumulate the magnitude as an unsigned 64-bit number; like Go, report the overflow as soon
    // as it happens, even if a bad character follows.
    long magnitude = 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw numError("ParseInt", s, "invalid syntax");
      }
      if (Long.compareUnsigned(magnitude, Long.divideUnsigned(-1L, 10) + 1) >= 0) {
        throw numError("ParseInt", s, "value out of range");
      }
      long next = magnitude * 10 + (c - '0');
      if (Long.compareUnsigned(next, magnitude * 10) < 0) {
        throw numError("ParseInt", s, "value out of range");
      }
      magnitude = next;
    }
    long cutoff = 1L << (bitSize - 1); // unsigned 2^(bitSize-1)
    if (!negative && Long.compareUnsigned(magnitude, cutoff) >= 0) {
      throw numError("ParseInt", s, "value out of range");
    }
    if (negative && Long.compareUnsigned(magnitude, cutoff) > 0) {
      throw numError("ParseInt", s, "value out of range");
    }
    return negative ? -magnitude : magnitude;
  }

  /**
   * Go's {@code strconv.ParseBool}: {@code 1 t T TRUE true True} and {@code 0 f F FALSE false
   * False}.
   *
   * @throws IllegalArgumentException {@code strconv.ParseBool: parsing "x": invalid syntax}
   */
  public static boolean parseBool(String s) {
    return switch (s) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw numError("ParseBool", s, "invalid syntax");
    };
  }

  /**
   * Go's {@code strconv.Quote}: a double-quoted Go string literal; printable characters stay as
   * they are, others become {@code \n}, {@code \x01}, {@code \u200b} and the like.
   */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case 0x07 -> out.append("\\a");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case 0x0b -> out.append("\\v");
        default -> {
          if (isPrint(cp)) {
            out.appendCodePoint(cp);
          } else if (cp < ' ' || cp == 0x7f) {
            out.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xf]);
          } else if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
            out.append("\\ufffd"); // a lone surrogate: Go would see invalid UTF-8
          } else if (cp < 0x10000) {
            out.append(String.format("\\u%04x", cp));
          } else {
            out.append(String.format("\\U%08x", cp));
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * The quoting of Go's {@code time} package (used in duration errors): ASCII as it is with {@code
   * "} and {@code \} escaped; control characters and every byte of a non-ASCII character's UTF-8
   * form as {@code \xHH}.
   */
  static String timeQuote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int width = Character.charCount(cp);
      if (cp >= 0x80 || cp < ' ') {
        for (byte b : s.substring(i, i + width).getBytes(StandardCharsets.UTF_8)) {
          out.append("\\x").append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
      } else {
        if (cp == '"' || cp == '\\') {
          out.append('\\');
        }
        out.append((char) cp);
      }
      i += width;
    }
    return out.append('"').toString();
  }

  /**
   * Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space.
   */
  private static boolean isPrint(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR ->
          false;
      default -> true;
    };
  }

  private static IllegalArgumentException numError(String function, String input, String reason) {
    return new IllegalArgumentException(
        "strconv." + function + ": parsing " + quote(input) + ": " + reason);
  }
}
