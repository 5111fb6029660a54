package io.sightline.demo;

import java.util.EnumSet;
import java.util.Set;

/** Which part of the demo shop the generator models. */
public enum DemoProfile {
  /**
   * The whole shop: 13 instrumented services (web frontend, API gateway, auth, catalog, search,
   * recommendation, cart, checkout, payment, inventory, shipping, notification, an order worker)
   * calling Redis, PostgreSQL, Kafka and an external payment provider — 17 nodes in the dependency
   * graph.
   */
  SHOP(EnumSet.allOf(ShopService.class)),

  /**
   * The storefront only (web-frontend, api-gateway, catalog-service, cart-service, with Redis and
   * PostgreSQL): small, predictable traces for UI tests.
   */
  STOREFRONT(
      EnumSet.of(
          ShopService.WEB_FRONTEND,
          ShopService.API_GATEWAY,
          ShopService.CATALOG,
          ShopService.CART));

  @SuppressWarnings("ImmutableEnumChecker") // never modified after construction
  final Set<ShopService> services;

  DemoProfile(Set<ShopService> services) {
    this.services = services;
  }
}
