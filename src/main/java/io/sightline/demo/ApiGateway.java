package io.sightline.demo;

import static io.sightline.demo.Calls.GRPC_DEADLINE_EXCEEDED;
import static io.sightline.demo.Calls.GRPC_FAILED_PRECONDITION;
import static io.sightline.demo.Calls.GRPC_NOT_FOUND;
import static io.sightline.demo.Calls.GRPC_UNAUTHENTICATED;
import static io.sightline.demo.ShopFlows.AUTH_RPC;
import static io.sightline.demo.ShopFlows.CART_RPC;
import static io.sightline.demo.ShopFlows.CATALOG_RPC;
import static io.sightline.demo.ShopFlows.CHECKOUT_RPC;
import static io.sightline.demo.ShopFlows.INVENTORY_RPC;
import static io.sightline.demo.ShopFlows.MS;
import static io.sightline.demo.ShopFlows.PRODUCTS;
import static io.sightline.demo.ShopFlows.RECOMMENDATION_RPC;
import static io.sightline.demo.ShopFlows.SECOND;
import static io.sightline.demo.ShopService.API_GATEWAY;
import static io.sightline.demo.ShopService.AUTH;
import static io.sightline.demo.ShopService.CART;
import static io.sightline.demo.ShopService.CATALOG;
import static io.sightline.demo.ShopService.CHECKOUT;
import static io.sightline.demo.ShopService.INVENTORY;
import static io.sightline.demo.ShopService.RECOMMENDATION;
import static io.sightline.demo.ShopService.SEARCH;

import io.sightline.demo.Calls.Handler;
import io.sightline.trace.KeyValue;

/**
 * The api-gateway's handlers of one request: authenticate, call the backends over gRPC or HTTP, and
 * map their outcome onto the gateway's HTTP answer.
 */
final class ApiGateway extends RequestPart {
  private final ShopTopology shop;
  private final ShopBackends backends;
  private final CheckoutFlow checkout;

  ApiGateway(ShopRequest q, ShopBackends backends, CheckoutFlow checkout) {
    super(q);
    this.shop = q.c.trace.shop;
    this.backends = backends;
    this.checkout = checkout;
  }

  /** The home page's featured products, from the catalog. */
  long featuredProductsApi(SpanDraft gw, long at) {
    SpanDraft call = c.grpc(gw, at, CATALOG, CATALOG_RPC, "ListProducts", backends::listProducts);
    return afterGrpc(gw, call);
  }

  long productApi(SpanDraft gw, long at, String productId) {
    gw.tag("app.product.id", productId);
    SpanDraft call = backends.callGetProduct(gw, at, productId);
    return afterGrpc(gw, call);
  }

  SpanDraft recommendationsCall(SpanDraft page, long at, String productId) {
    return c.http(
        page,
        at,
        API_GATEWAY,
        "GET",
        "/api/recommendations",
        "/api/recommendations",
        productId == null ? null : "productIds=" + productId,
        (gw, t0) -> {
          // The gateway gives recommendations 2 s, then serves a fallback list.
          SpanDraft call =
              c.grpc(
                  gw,
                  t0,
                  RECOMMENDATION,
                  RECOMMENDATION_RPC,
                  "ListRecommendations",
                  2 * SECOND,
                  (s, t1) -> backends.listRecommendations(s, t1, productId));
          if (call.status == GRPC_DEADLINE_EXCEEDED) {
            gw.tag("app.recommendation.fallback", true);
            gw.log(
                call.end(),
                KeyValue.string("event", "recommendations timed out, serving fallback"),
                KeyValue.int64("timeout_ms", 2000));
            return call.end();
          }
          return afterGrpc(gw, call);
        });
  }

  long searchApi(SpanDraft gw, long at, String term) {
    SpanDraft call =
        c.http(
            gw,
            at,
            SEARCH,
            "GET",
            "/search",
            "/search",
            "q=" + term.replace(' ', '+') + "&limit=20",
            (s, t0) -> backends.search(s, t0, term));
    if (call.status >= 500) {
      gw.status = 502;
      Calls.fail(
          gw,
          call.end(),
          Failure.java(
              "org.springframework.web.reactive.function.client.WebClientResponseException$InternalServerError",
              "500 Internal Server Error from GET http://search-service:8000/search",
              "org.springframework.web.reactive.function.client.WebClientResponseException"
                  + ".create(WebClientResponseException.java:323)",
              "io.shop.gateway.search.SearchProxy.search(SearchProxy.java:58)",
              "io.shop.gateway.search.SearchRoutes.lambda$routes$0(SearchRoutes.java:31)"));
    }
    return call.end();
  }

  long viewCartApi(SpanDraft gw, long at) {
    return authenticated(gw, at, this::viewCart);
  }

  private long viewCart(SpanDraft gw, long cursor) {
    int items = r.between(0, 4);
    SpanDraft cart =
        c.grpc(gw, cursor, CART, CART_RPC, "GetCart", (s, t0) -> backends.getCart(s, t0, items));
    if (cart.status != 0) {
      return afterGrpc(gw, cart);
    }
    // The gateway enriches the cart items in parallel.
    long done = cart.end();
    for (int i = 0; i < items; i++) {
      String productId = r.pick(PRODUCTS);
      SpanDraft product = backends.callGetProduct(gw, cart.end() + r.micros(20, 150), productId);
      done = Math.max(done, product.end());
    }
    gw.tag("app.cart.items.count", (long) items);
    return done;
  }

  long addToCartApi(SpanDraft gw, long at) {
    return authenticated(gw, at, this::addToCart);
  }

  private long addToCart(SpanDraft gw, long at) {
    String productId = r.pick(PRODUCTS);
    long quantity = r.between(1, 3);
    gw.tag("app.product.id", productId).tag("app.product.quantity", quantity);
    SpanDraft product = backends.callGetProduct(gw, at, productId);
    if (product.status != 0) {
      return afterGrpc(gw, product);
    }
    long cursor = product.end();
    if (shop.has(INVENTORY)) {
      SpanDraft stock =
          c.grpc(
              gw,
              cursor,
              INVENTORY,
              INVENTORY_RPC,
              "CheckAvailability",
              (s, t0) -> backends.checkAvailability(s, t0, productId, quantity));
      if (stock.status != 0) {
        return afterGrpc(gw, stock);
      }
      cursor = stock.end();
    }
    SpanDraft add =
        c.grpc(
            gw,
            cursor,
            CART,
            CART_RPC,
            "AddItem",
            (s, t0) -> {
              s.tag("app.user.id", q.userId).tag("app.product.id", productId);
              long set =
                  c.redis(
                          s,
                          t0,
                          "HSET",
                          "HSET cart:" + q.userId + " " + productId + " ?",
                          q.lat(300))
                      .end();
              return c.redis(s, set, "EXPIRE", "EXPIRE cart:" + q.userId + " 604800", q.lat(200))
                  .end();
            });
    gw.status = 201;
    return afterGrpc(gw, add);
  }

  long checkoutApi(SpanDraft gw, long at) {
    return authenticated(gw, at, this::placeOrder);
  }

  private long placeOrder(SpanDraft gw, long at) {
    SpanDraft order = c.grpc(gw, at, CHECKOUT, CHECKOUT_RPC, "PlaceOrder", checkout::placeOrder);
    if (order.status == GRPC_FAILED_PRECONDITION) {
      gw.status = 402; // card declined: the client's problem, not a gateway error
      return order.end();
    }
    return afterGrpc(gw, order);
  }

  long loginApi(SpanDraft gw, long at) {
    SpanDraft login = c.grpc(gw, at, AUTH, AUTH_RPC, "Login", backends::login);
    if (login.status == 0) {
      gw.tag("app.user.id", q.userId);
    }
    return afterGrpc(gw, login);
  }

  long ordersApi(SpanDraft gw, long at) {
    return authenticated(gw, at, this::orders);
  }

  private long orders(SpanDraft gw, long at) {
    SpanDraft orders =
        c.grpc(
            gw,
            at,
            CHECKOUT,
            CHECKOUT_RPC,
            "ListOrders",
            (s, t0) -> {
              s.tag("app.user.id", q.userId);
              // A missing index on order_items makes a few history queries crawl.
              long duration = r.chance(0.015) ? r.micros(1500 * MS, 3500 * MS) : q.lat(4 * MS);
              SpanDraft select =
                  c.sql(
                      s,
                      t0,
                      "SELECT",
                      "orders",
                      "SELECT o.id, o.status, o.total_units, o.created_at, count(i.product_id)"
                          + " FROM orders o JOIN order_items i ON i.order_id = o.id"
                          + " WHERE o.user_id = $1 GROUP BY o.id ORDER BY o.created_at DESC"
                          + " LIMIT 20",
                      duration);
              s.tag("app.orders.count", (long) r.between(0, 20));
              return select.end();
            });
    return afterGrpc(gw, orders);
  }

  /**
   * Validates the session token, then runs {@code then} from when that is done; an invalid token is
   * answered without it.
   */
  private long authenticated(SpanDraft gw, long at, Handler then) {
    SpanDraft auth = authenticate(gw, at);
    if (auth == null) {
      return then.handle(gw, at);
    }
    return auth.status != 0 ? afterGrpc(gw, auth) : then.handle(gw, auth.end());
  }

  /** Validates the session token; null when the profile has no auth service. */
  private SpanDraft authenticate(SpanDraft gw, long at) {
    if (!shop.has(AUTH)) {
      gw.tag("app.user.id", q.userId);
      return null;
    }
    String token = r.hex(8);
    SpanDraft auth =
        c.grpc(
            gw,
            at,
            AUTH,
            AUTH_RPC,
            "ValidateToken",
            (s, t0) -> {
              SpanDraft get = c.redis(s, t0, "GET", "GET session:" + token, q.lat(250));
              if (r.chance(0.03)) {
                s.status = GRPC_UNAUTHENTICATED;
                s.failure = "session expired or invalid";
              } else {
                s.tag("app.user.id", q.userId);
              }
              return get.end();
            });
    if (auth.status == 0) {
      gw.tag("app.user.id", q.userId);
    }
    return auth;
  }

  /**
   * Maps a backend's gRPC outcome onto the gateway's HTTP response, as an error-handling filter
   * would; the gateway records the exception for 5xx answers.
   */
  long afterGrpc(SpanDraft gw, SpanDraft call) {
    switch (call.status) {
      case 0 -> {
        if (gw.status < 0) {
          gw.status = 200;
        }
      }
      case GRPC_NOT_FOUND -> gw.status = 404;
      case GRPC_FAILED_PRECONDITION -> gw.status = 409;
      case GRPC_UNAUTHENTICATED -> gw.status = 401;
      default -> {
        gw.status = call.status == GRPC_DEADLINE_EXCEEDED ? 504 : 502;
        String code = Calls.GRPC_CODES[call.status];
        Calls.fail(
            gw,
            call.end(),
            Failure.java(
                "io.grpc.StatusRuntimeException",
                code + ": " + (call.failure == null ? "" : call.failure),
                "io.grpc.stub.ClientCalls.toStatusRuntimeException(ClientCalls.java:268)",
                "io.grpc.stub.ClientCalls.getUnchecked(ClientCalls.java:249)",
                "io.grpc.stub.ClientCalls.blockingUnaryCall(ClientCalls.java:167)",
                "io.shop.gateway.backend.BackendClient.call(BackendClient.java:77)",
                "io.shop.gateway.api.ApiRoutes.lambda$route$3(ApiRoutes.java:112)"));
      }
    }
    return call.end();
  }
}
