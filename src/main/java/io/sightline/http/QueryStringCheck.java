package io.sightline.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Finds the first parameter of a raw query string that cannot be decoded — a malformed escape
 * ({@code %zz}, a lone {@code %}) or bytes that are not UTF-8 ({@code %e0%80}) — and says which, in
 * Jaeger's words ({@code unable to parse param 'service': …}), so that a bad request is a 400
 * naming the parameter instead of a servlet container's exception.
 */
public final class QueryStringCheck {

  private static final int MAX_SHOWN = 100;

  private QueryStringCheck() {}

  /**
   * The problem with the query string, or null when every name and value decodes.
   *
   * @param rawQuery the query string as sent (still percent-encoded), or null
   */
  public static String problem(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return null;
    }
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String rawName = equals < 0 ? pair : pair.substring(0, equals);
      String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
      String nameProblem = decodingProblem(rawName);
      String valueProblem = nameProblem == null ? decodingProblem(rawValue) : null;
      if (nameProblem != null || valueProblem != null) {
        String name = nameProblem == null ? decode(rawName) : rawName;
        return "unable to parse param '"
            + shorten(name)
            + "': "
            + (nameProblem != null ? nameProblem : valueProblem);
      }
    }
    return null;
  }

  /** Why {@code text} cannot be percent-decoded to UTF-8, or null when it can. */
  static String decodingProblem(String text) {
    int length = text.length();
    byte[] bytes = new byte[length * 3];
    int n = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= length || hex(text.charAt(i + 1)) < 0 || hex(text.charAt(i + 2)) < 0) {
          String escape = text.substring(i, Math.min(length, i + 3));
          return "invalid URL escape \"" + escape + "\"";
        }
        bytes[n++] = (byte) (hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        for (byte b : encoded) {
          bytes[n++] = b;
        }
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, n));
      return null;
    } catch (CharacterCodingException e) {
      return "invalid UTF-8 in the decoded value";
    }
  }

  private static String decode(String text) {
    return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    return Character.digit(c, 16) < 0 || c > 'f' ? -1 : Character.digit(c, 16);
  }

  private static String shorten(String name) {
    return name.length() <= MAX_SHOWN ? name : name.substring(0, MAX_SHOWN) + "…";
  }
}
