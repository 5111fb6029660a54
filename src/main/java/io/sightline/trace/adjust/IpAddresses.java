package io.sightline.trace.adjust;

/** IP addresses written as Go's {@code net.IP.String()} writes them. */
final class IpAddresses {

  private IpAddresses() {}

  /** A packed IPv4 address (big-endian in an int) in dotted form. */
  static String ipv4(int packed) {
    return ((packed >>> 24) & 0xff)
        + "."
        + ((packed >>> 16) & 0xff)
        + "."
        + ((packed >>> 8) & 0xff)
        + "."
        + (packed & 0xff);
  }

  /**
   * 4 or 16 address bytes: IPv4 (also IPv4-mapped IPv6) dotted, other IPv6 in RFC 5952 form (the
   * longest run of two or more zero groups as {@code ::}).
   */
  static String format(byte[] ip) {
    if (ip.length == 4) {
      return ipv4(readInt(ip, 0));
    }
    boolean mapped = ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    for (int i = 0; i < 10 && mapped; i++) {
      mapped = ip[i] == 0;
    }
    if (mapped) {
      return ipv4(readInt(ip, 12));
    }
    int[] groups = new int[8];
    for (int g = 0; g < 8; g++) {
      groups[g] = ((ip[2 * g] & 0xff) << 8) | (ip[2 * g + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int g = 0; g < 8; ) {
      if (groups[g] != 0) {
        g++;
        continue;
      }
      int end = g;
      while (end < 8 && groups[end] == 0) {
        end++;
      }
      if (end - g > bestLength) {
        bestStart = g;
        bestLength = end - g;
      }
      g = end;
    }
    StringBuilder out = new StringBuilder();
    for (int g = 0; g < 8; g++) {
      if (g == bestStart) {
        out.append("::");
        g += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[g]));
    }
    return out.toString();
  }

  private static int readInt(byte[] bytes, int offset) {
    return ((bytes[offset] & 0xff) << 24)
        | ((bytes[offset + 1] & 0xff) << 16)
        | ((bytes[offset + 2] & 0xff) << 8)
        | (bytes[offset + 3] & 0xff);
  }
}
