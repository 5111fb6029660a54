package io.sightline.demo;

/**
 * What the parts of one generated request share: its calls (with the random source and the shop's
 * pods) and the signed-in user (which a login sets on the way).
 */
final class ShopRequest {
  final Calls c;
  String userId;

  ShopRequest(Calls c, String userId) {
    this.c = c;
    this.userId = userId;
  }

  /** A step's duration around {@code median} µs, with the demo's usual spread. */
  long lat(long median) {
    return c.random.latency(median, 0.45);
  }
}
