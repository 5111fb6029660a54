package io.sightline.demo;

/** A part of one request's flow, with the request's state, random source and calls at hand. */
abstract class RequestPart {
  final ShopRequest q;
  final DemoRandom r;
  final Calls c;

  RequestPart(ShopRequest q) {
    this.q = q;
    this.c = q.c;
    this.r = q.c.random;
  }
}
