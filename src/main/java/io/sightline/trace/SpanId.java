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
