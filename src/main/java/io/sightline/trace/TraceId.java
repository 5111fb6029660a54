package io.sightline.trace;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A 128-bit trace ID. Rendered the way Jaeger renders it: 16 lower-case hex characters when the
 * high 64 bits are zero, otherwise 32.
 *
 * @param high the high 64 bits (zero for 64-bit IDs)
 * @param low the low 64 bits
 */
public record TraceId(long high, long low) implements Comparable<TraceId> {

  /**
   * Parses 1 to 32 hex characters (either case) as Jaeger does: the last 16 characters are the low
   * bits, anything before them the high bits. Error messages are Jaeger's.
   *
   * @throws IllegalArgumentException when the text is not a trace ID
   */
  public static TraceId parse(String hex) {
    if (hex.length() > 32) {
      throw new IllegalArgumentException("TraceID cannot be longer than 32 hex characters: " + hex);
    }
    if (hex.length() > 16) {
      int highLength = hex.length() - 16;
      return new TraceId(
          HexIds.parseUnsigned(hex.substring(0, highLength)),
          HexIds.parseUnsigned(hex.substring(highLength)));
    }
    return new TraceId(0, HexIds.parseUnsigned(hex));
  }

  /**
   * {@link #parse(String)} of {@code length} characters of {@code chars} from {@code offset},
   * without building a string unless the text is not an ID (a parser's buffer, read in place).
   */
  public static TraceId parse(char[] chars, int offset, int length) {
    int end = offset + length;
    if (length == 0 || length > 32 || !HexIds.isHex(chars, offset, end)) {
      return parse(new String(chars, offset, length));
    }
    int split = Math.max(offset, end - 16);
    return new TraceId(HexIds.hexValue(chars, offset, split), HexIds.hexValue(chars, split, end));
  }

  /** Builds an ID from its 16 big-endian bytes (the OTLP and protobuf form). */
  public static TraceId fromBytes(byte[] bytes) {
    if (bytes.length != 16) {
      throw new IllegalArgumentException("trace ID must be 16 bytes, got " + bytes.length);
    }
    return new TraceId(HexIds.readLong(bytes, 0), HexIds.readLong(bytes, 8));
  }

  /** The 16 big-endian bytes of this ID. */
  public byte[] toBytes() {
    byte[] bytes = new byte[16];
    HexIds.writeLong(bytes, 0, high);
    HexIds.writeLong(bytes, 8, low);
    return bytes;
  }

  public boolean isZero() {
    return high == 0 && low == 0;
  }

  /** Jaeger's rendering: 16 hex characters when the high bits are zero, otherwise 32. */
  @Override
  public String toString() {
    return high == 0 ? HexIds.hex16(low) : HexIds.hex16(high) + HexIds.hex16(low);
  }

  /** Always 32 hex characters, as OTLP and Jaeger v2 (≥ 2.7) write it. */
  public String toPaddedHex() {
    return HexIds.hex16(high) + HexIds.hex16(low);
  }

  /** The leading-zero-stripped form written by Jaeger before v1.16 ("0" for the zero ID). */
  public String toLegacyHex() {
    if (high == 0) {
      return Long.toHexString(low);
    }
    return Long.toHexString(high) + HexIds.hex16(low);
  }

  /**
   * Every spelling under which this ID may be stored in the span index: 32 characters, 16
   * characters (only when the high bits are zero) and the legacy stripped form, without duplicates.
   */
  public List<String> storageSpellings() {
    List<String> spellings = new ArrayList<>(3);
    spellings.add(toPaddedHex());
    if (high == 0) {
      spellings.add(toString());
    }
    String legacy = toLegacyHex();
    if (!spellings.contains(legacy)) {
      spellings.add(legacy);
    }
    return spellings;
  }

  @Override
  public int compareTo(TraceId other) {
    int c = Long.compareUnsigned(high, other.high);
    return c != 0 ? c : Long.compareUnsigned(low, other.low);
  }

  /** Hex helpers shared by {@link TraceId} and {@link SpanId}. */
  static final class HexIds {
    private static final HexFormat HEX = HexFormat.of();

    private HexIds() {}

    static String hex16(long value) {
      return HEX.toHexDigits(value);
    }

    /**
     * Go's {@code strconv.ParseUint(s, 16, 64)}: 1 to 16 hex digits, no sign, no prefix; Go's error
     * text.
     */
    static long parseUnsigned(String s) {
      if (s.isEmpty()) {
        throw new IllegalArgumentException("strconv.ParseUint: parsing \"\": invalid syntax");
      }
      if (s.length() > 16) {
        boolean allHex = s.chars().allMatch(c -> hexDigit((char) c) >= 0);
        throw new IllegalArgumentException(
            "strconv.ParseUint: parsing \""
                + s
                + "\": "
                + (allHex ? "value out of range" : "invalid syntax"));
      }
      long value = 0;
      for (int i = 0; i < s.length(); i++) {
        int digit = hexDigit(s.charAt(i));
        if (digit < 0) {
          throw new IllegalArgumentException(
              "strconv.ParseUint: parsing \"" + s + "\": invalid syntax");
        }
        value = (value << 4) | digit;
      }
      return value;
    }

    /** Whether every character in {@code [from, to)} is a hex digit. */
    static boolean isHex(char[] chars, int from, int to) {
      for (int i = from; i < to; i++) {
        if (hexDigit(chars[i]) < 0) {
          return false;
        }
      }
      return true;
    }

    /** The value of the hex digits in {@code [from, to)} (at most 16, checked by the caller). */
    static long hexValue(char[] chars, int from, int to) {
      long value = 0;
      for (int i = from; i < to; i++) {
        value = (value << 4) | hexDigit(chars[i]);
      }
      return value;
    }

    /** The value of an ASCII hex digit, or -1. */
    static int hexDigit(char c) {
      if (c >= '0' && c <= '9') {
        return c - '0';
      }
      if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
      }
      if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
      }
      return -1;
    }

    static long readLong(byte[] bytes, int offset) {
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = (value << 8) | (bytes[offset + i] & 0xff);
      }
      return value;
    }

    static void writeLong(byte[] bytes, int offset, long value) {
      for (int i = 7; i >= 0; i--) {
        bytes[offset + i] = (byte) value;
        value >>>= 8;
      }
    }
  }
}
