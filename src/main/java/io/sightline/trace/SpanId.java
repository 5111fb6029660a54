package io.sightline.trace;

/**
 * A 64-bit span ID, rendered as 16 lower-case hex characters.
 *
 * @param value the ID's bits
 */
public record SpanId(long value) {

  /**
   * Parses 1 to 16 hex characters.
   *
   * @throws IllegalArgumentException with Go's {@code strconv.ParseUint} text when it is not one
   */
  public static SpanId parse(String hex) {
    return new SpanId(TraceId.HexIds.parseUnsigned(hex));
  }

  /**
   * {@link #parse(String)} of {@code length} characters of {@code chars} from {@code offset},
   * without building a string unless the text is not an ID.
   */
  public static SpanId parse(char[] chars, int offset, int length) {
    int end = offset + length;
    if (length == 0 || length > 16 || !TraceId.HexIds.isHex(chars, offset, end)) {
      return parse(new String(chars, offset, length));
    }
    return new SpanId(TraceId.HexIds.hexValue(chars, offset, end));
  }

  /** Builds an ID from its 8 big-endian bytes. */
  public static SpanId fromBytes(byte[] bytes) {
    if (bytes.length != 8) {
      throw new IllegalArgumentException("span ID must be 8 bytes, got " + bytes.length);
    }
    return new SpanId(TraceId.HexIds.readLong(bytes, 0));
  }

  /** The 8 big-endian bytes of this ID. */
  public byte[] toBytes() {
    byte[] bytes = new byte[8];
    TraceId.HexIds.writeLong(bytes, 0, value);
    return bytes;
  }

  @Override
  public String toString() {
    return TraceId.HexIds.hex16(value);
  }
}
