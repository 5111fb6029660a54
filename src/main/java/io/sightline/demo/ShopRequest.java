package io.sightline.demo;

/**
 * What the parts of one generated request share: its random source, its spans, the shop's pods and
 * the signed-in user (which a login sets on the way).
 */
final class ShopRequest {
  final DemoRandom r;
  final Calls c;
  final ShopTopology shop;
  String userId;

  ShopRequest(DemoRandom r, Calls c, ShopTopology shop, String userId) {
    this.r = r;
    this.c = c;
    this.shop = shop;
    this.userId = userId;
  }

  /** A step's duration around {@code median} µs, with the demo's usual spread. */
  long lat(long median) {
    return r.latency(median, 0.45);
  }
}
