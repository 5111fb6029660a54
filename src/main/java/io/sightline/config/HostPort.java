package io.sightline.config;

/**
 * Go's {@code host:port} listen address, as Jaeger's {@code *_HOST_PORT} variables take it: {@code
 * :16686} (all interfaces), {@code 0.0.0.0:16686}, {@code 127.0.0.1:16686}, {@code [::1]:16686},
 * {@code localhost:16686}.
 *
 * @param host the interface to listen on; empty for all
 * @param port 0–65535 (0: any free port)
 */
record HostPort(String host, int port) {

  /** The address to listen on: every interface when no host is given. */
  java.net.InetSocketAddress socketAddress() {
    return host.isEmpty()
        ? new java.net.InetSocketAddress(port)
        : new java.net.InetSocketAddress(host, port);
  }

  /**
   * @throws IllegalArgumentException when the text is not a host and a numeric port
   */
  static HostPort parse(String text) {
    String s = text.trim();
    int colon = s.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("missing port");
    }
    String host = s.substring(0, colon);
    String port = s.substring(colon + 1);
    if (host.startsWith("[")) {
      if (!host.endsWith("]") || host.length() < 3) {
        throw new IllegalArgumentException("unclosed [ in the IPv6 address");
      }
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("an IPv6 address needs brackets: [::1]:16686");
    }
    if (host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '[' || c == ']')) {
      throw new IllegalArgumentException("not a host name or address: " + host);
    }
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("the port must be a number");
    }
    int number = Integer.parseInt(port);
    if (number > 65_535) {
      throw new IllegalArgumentException("the port must be at most 65535");
    }
    return new HostPort(host, number);
  }
}
