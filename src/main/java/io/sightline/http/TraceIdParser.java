package io.sightline.http;

import io.sightline.trace.TraceId;

/**
 * Trace IDs as clients write them. The hex form is Jaeger's ({@link TraceId#parse}); the path form
 * of {@code GET /api/traces/{traceID}} and {@code POST /api/archive/{traceID}} also takes base64 of
 * the raw ID bytes, as Jaeger v2.20 does.
 */
public final class TraceIdParser {

  private static final String STD =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final String URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private TraceIdParser() {}

  /**
   * 1 to 32 hex characters.
   *
   * @throws IllegalArgumentException with Jaeger's message
   */
  public static TraceId parseHex(String text) {
    return TraceId.parse(text);
  }

  /**
   * Hex as in {@link #parseHex}; when that fails and the text has at most 24 characters, base64 of
   * the ID's 16 (or 8) bytes in any of Go's four encodings (standard or URL alphabet, padded or
   * not), as Jaeger v2.20 accepts it.
   *
   * @throws IllegalArgumentException with Jaeger's message: the hex error, or {@code invalid length
   *     for TraceID} when the text is base64 of some other number of bytes
   */
  public static TraceId parseHexOrBase64(String text) {
    try {
      return TraceId.parse(text);
    } catch (IllegalArgumentException hexError) {
      if (text.length() > 24) {
        throw hexError;
      }
      byte[] bytes = decodeBase64(text);
      if (bytes == null) {
        throw hexError;
      }
      if (bytes.length == 16) {
        return TraceId.fromBytes(bytes);
      }
      if (bytes.length == 8) {
        byte[] wide = new byte[16];
        System.arraycopy(bytes, 0, wide, 8, 8);
        return TraceId.fromBytes(wide);
      }
      throw new IllegalArgumentException("invalid length for TraceID", hexError);
    }
  }

  /** Tries Go's StdEncoding, URLEncoding, RawStdEncoding, RawURLEncoding in that order. */
  private static byte[] decodeBase64(String text) {
    // Go's decoder skips '\r' and '\n' wherever they are.
    String s = text.replace("\r", "").replace("\n", "");
    for (String alphabet : new String[] {STD, URL}) {
      byte[] padded = decode(s, alphabet, true);
      if (padded != null) {
        return padded;
      }
    }
    for (String alphabet : new String[] {STD, URL}) {
      byte[] raw = decode(s, alphabet, false);
      if (raw != null) {
        return raw;
      }
    }
    return null;
  }

  /** Decodes leniently about trailing bits (as Go does by default); {@code null} when invalid. */
  private static byte[] decode(String s, String alphabet, boolean padded) {
    int length = s.length();
    int dataLength = length;
    if (padded) {
      if (length % 4 != 0) {
        return null;
      }
      while (dataLength > 0 && s.charAt(dataLength - 1) == '=' && length - dataLength < 2) {
        dataLength--;
      }
    }
    if (dataLength % 4 == 1) {
      return null;
    }
    byte[] out = new byte[dataLength * 3 / 4];
    int bits = 0;
    int bitCount = 0;
    int o = 0;
    for (int i = 0; i < dataLength; i++) {
      int v = alphabet.indexOf(s.charAt(i));
      if (v < 0) {
        return null;
      }
      bits = (bits << 6) | v;
      bitCount += 6;
      if (bitCount >= 8) {
        bitCount -= 8;
        out[o++] = (byte) (bits >> bitCount);
      }
    }
    return o == out.length ? out : null;
  }
}
