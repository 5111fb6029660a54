package io.sightline.demo;

import static io.sightline.demo.Calls.GRPC_DEADLINE_EXCEEDED;
import static io.sightline.demo.Calls.GRPC_FAILED_PRECONDITION;
import static io.sightline.demo.Calls.GRPC_INTERNAL;
import static io.sightline.demo.Calls.GRPC_NOT_FOUND;
import static io.sightline.demo.Calls.GRPC_UNAUTHENTICATED;
import static io.sightline.demo.ShopService.API_GATEWAY;
import static io.sightline.demo.ShopService.AUTH;
import static io.sightline.demo.ShopService.CART;
import static io.sightline.demo.ShopService.CATALOG;
import static io.sightline.demo.ShopService.CHECKOUT;
import static io.sightline.demo.ShopService.INVENTORY;
import static io.sightline.demo.ShopService.NOTIFICATION;
import static io.sightline.demo.ShopService.ORDER_WORKER;
import static io.sightline.demo.ShopService.PAYMENT;
import static io.sightline.demo.ShopService.RECOMMENDATION;
import static io.sightline.demo.ShopService.SEARCH;
import static io.sightline.demo.ShopService.SHIPPING;
import static io.sightline.demo.ShopService.WEB_FRONTEND;

import io.sightline.demo.Calls.Handler;
import io.sightline.demo.Calls.Visitor;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The request flows of the demo shop: what a page view, a search, a checkout… calls, how long each
 * step takes and how it fails. Failures propagate as they do in real services: a declined card
 * fails the checkout, which the gateway answers with 402; a timed-out recommendation is replaced by
 * a fallback and fails nothing above it.
 */
final class ShopFlows {

  static final long MS = 1_000;
  static final long SECOND = 1_000_000;

  /** The kinds of request, with their share of the traffic. */
  enum Flow {
    PRODUCT_PAGE(22, true),
    HOME_PAGE(12, true),
    SEARCH(14, false),
    VIEW_CART(10, true),
    ADD_TO_CART(10, true),
    CHECKOUT(8, false),
    LOGIN(6, false),
    ORDER_HISTORY(5, false),
    HEALTH_CHECK(3, false);

    final int weight;
    final boolean inStorefront;

    Flow(int weight, boolean inStorefront) {
      this.weight = weight;
      this.inStorefront = inStorefront;
    }
  }

  static final List<String> PRODUCTS =
      List.of(
          "OLJCESPC7Z",
          "66VCHSJNUP",
          "1YMWWN1N4O",
          "L9ECAV7KIM",
          "2ZYFJ3GM2N",
          "0PUK6V6EV0",
          "LS4PSXUNUM",
          "9SIQT8TOJO",
          "6E92ZMYYFZ",
          "HQTGWGPNH4");

  private static final double[] PRICES = {
    101.96, 349.95, 209.95, 59.99, 129.99, 34.99, 79.95, 16.99, 1799.00, 9.99
  };

  private static final String[] SEARCH_TERMS = {
    "telescope",
    "binoculars",
    "solar filter",
    "star chart",
    "eyepiece",
    "red flashlight",
    "tripod",
    "lens cleaning kit",
    "astronomy book",
    "barlow lens",
    "moon map",
    "camera adapter"
  };

  private static final String[] BROWSERS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        + " Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
        + " Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/131.0.0.0 Mobile Safari/537.36"
  };

  private static final String[] MOBILE_APPS = {
    "ShopApp/4.12.0 (Android 14; Pixel 8)",
    "ShopApp/4.12.0 (iOS 18.1; iPhone15,3)",
    "ShopApp/4.11.2 (Android 13; SM-S911B)"
  };

  private static final String[] CARD_TYPES = {"visa", "mastercard", "amex"};
  private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private static final String CATALOG_RPC = "oteldemo.CatalogService";
  private static final String CART_RPC = "oteldemo.CartService";
  private static final String AUTH_RPC = "oteldemo.AuthService";
  private static final String CHECKOUT_RPC = "oteldemo.CheckoutService";
  private static final String INVENTORY_RPC = "oteldemo.InventoryService";
  private static final String SHIPPING_RPC = "oteldemo.ShippingService";
  private static final String RECOMMENDATION_RPC = "oteldemo.RecommendationService";

  private static final String PSP_URL = "https://api.payments.example.com/v1/charges";
  private static final String PSP_HOST = "api.payments.example.com";
  private static final String PSP_ADDRESS = "192.0.2.44";

  private static final KeyValue EVENT_CACHE_MISS = KeyValue.string("event", "cache miss");
  private static final KeyValue EVENT_RETRY = KeyValue.string("event", "retry");

  private static final long INCIDENT_BUCKET = 20 * 60 * SECOND;

  private final ShopTopology shop;
  private final long seed;
  private final List<Flow> flows = new ArrayList<>();
  private final int totalWeight;

  ShopFlows(ShopTopology shop, DemoProfile profile, long seed) {
    this.shop = shop;
    this.seed = seed;
    int weights = 0;
    for (Flow flow : Flow.values()) {
      if (profile == DemoProfile.SHOP || flow.inStorefront) {
        flows.add(flow);
        weights += flow.weight;
      }
    }
    this.totalWeight = weights;
  }

  /**
   * One request trace.
   *
   * @param start the trace's start, µs since the epoch
   */
  Trace generate(DemoRandom random, long start) {
    return new Request(random, start).run();
  }

  /**
   * Whether the payment provider is having an incident around {@code time}: 20-minute windows,
   * about one in ten, fixed by the seed, so failed checkouts cluster in time as they do in real
   * outages.
   */
  boolean paymentIncident(long time) {
    return Math.floorMod(DemoRandom.mix(seed ^ (time / INCIDENT_BUCKET)), 10) == 0;
  }

  /** The state of one request while its trace is generated. */
  private final class Request {
    private final DemoRandom r;
    private final long start;
    private final Flow flow;
    private final boolean mobile;
    private final TraceAssembly t;
    private final Calls c;
    private final Visitor visitor;
    private String userId;

    Request(DemoRandom random, long start) {
      this.r = random;
      this.start = start;
      this.flow = pickFlow();
      boolean api =
          flow != Flow.PRODUCT_PAGE && flow != Flow.HOME_PAGE && flow != Flow.HEALTH_CHECK;
      this.mobile = api && r.chance(0.35);
      // The mobile app still propagates 64-bit B3 trace IDs from an older tracer.
      boolean sixtyFourBit = mobile && r.chance(0.4);
      this.t = new TraceAssembly(TraceAssembly.newTraceId(r, sixtyFourBit), r, shop, 64);
      this.c = new Calls(t);
      String address = (r.chance(0.5) ? "203.0.113." : "198.51.100.") + r.between(1, 254);
      this.visitor = new Visitor(mobile ? r.pick(MOBILE_APPS) : r.pick(BROWSERS), address);
      boolean needsUser =
          flow == Flow.VIEW_CART
              || flow == Flow.ADD_TO_CART
              || flow == Flow.CHECKOUT
              || flow == Flow.ORDER_HISTORY;
      if (needsUser || (flow != Flow.LOGIN && r.chance(0.55))) {
        userId = "u-" + r.between(10_000, 10_499);
      }
    }

    private Flow pickFlow() {
      int ticket = r.nextInt(totalWeight);
      for (Flow candidate : flows) {
        ticket -= candidate.weight;
        if (ticket < 0) {
          return candidate;
        }
      }
      throw new IllegalStateException("weights do not add up");
    }

    Trace run() {
      switch (flow) {
        case PRODUCT_PAGE -> productPage();
        case HOME_PAGE -> homePage();
        case SEARCH -> {
          String term = r.pick(SEARCH_TERMS);
          String query = "q=" + term.replace(' ', '+') + "&page=1";
          api("GET", "/api/search", "/api/search", query, (gw, at) -> searchApi(gw, at, term));
        }
        case VIEW_CART -> api("GET", "/api/cart", "/api/cart", null, this::viewCartApi);
        case ADD_TO_CART ->
            api("POST", "/api/cart/items", "/api/cart/items", null, this::addToCartApi);
        case CHECKOUT -> api("POST", "/api/checkout", "/api/checkout", null, this::checkoutApi);
        case LOGIN -> api("POST", "/api/auth/login", "/api/auth/login", null, this::loginApi);
        case ORDER_HISTORY -> api("GET", "/api/orders", "/api/orders", null, this::ordersApi);
        case HEALTH_CHECK -> healthCheck();
      }
      return t.build();
    }

    // ------------------------------------------------------------ entry points

    /**
     * An API request: from the browser through web-frontend (which proxies /api), or from the
     * mobile app straight to the gateway.
     */
    private void api(String method, String route, String path, String query, Handler gateway) {
      if (mobile) {
        SpanDraft root =
            c.edgeRequest(
                shop.pick(API_GATEWAY, r),
                "api.shop.example.com",
                method,
                route,
                path,
                query,
                start,
                visitor);
        long done = gateway.handle(root, start + c.overhead());
        c.closeHttpServer(root, done + c.overhead());
        return;
      }
      SpanDraft root =
          c.edgeRequest(
              shop.pick(WEB_FRONTEND, r),
              "shop.example.com",
              method,
              route,
              path,
              query,
              start,
              visitor);
      if (userId != null) {
        root.tag("app.user.id", userId);
      }
      SpanDraft call =
          c.http(root, start + c.overhead(), API_GATEWAY, method, route, path, query, gateway);
      root.status = call.status;
      if (call.status >= 500) {
        Calls.fail(root, call.end(), upstreamError(call.status));
      }
      c.closeHttpServer(root, call.end() + c.overhead());
    }

    private void productPage() {
      String productId =
          r.chance(0.012) ? r.chars(10, ALPHANUMERIC) : r.pick(PRODUCTS); // a stale link: 404
      SpanDraft root =
          c.edgeRequest(
              shop.pick(WEB_FRONTEND, r),
              "shop.example.com",
              "GET",
              "/product/{id}",
              "/product/" + productId,
              null,
              start,
              visitor);
      long at = start + c.overhead();
      // The page loads product, recommendations and cart in parallel.
      SpanDraft product =
          c.http(
              root,
              at,
              API_GATEWAY,
              "GET",
              "/api/products/{id}",
              "/api/products/" + productId,
              null,
              (gw, t0) -> productApi(gw, t0, productId));
      long done = product.end();
      if (shop.has(RECOMMENDATION)) {
        done = Math.max(done, recommendationsCall(root, at + r.micros(50, 400), productId).end());
      }
      if (userId != null) {
        root.tag("app.user.id", userId);
        SpanDraft cart =
            c.http(
                root,
                at + r.micros(50, 400),
                API_GATEWAY,
                "GET",
                "/api/cart",
                "/api/cart",
                null,
                this::viewCartApi);
        done = Math.max(done, cart.end());
      }
      root.status = product.status;
      if (product.status >= 500) {
        Calls.fail(root, done, upstreamError(product.status));
      }
      long render =
          c.internal(
                  root,
                  done,
                  product.status == 200 ? "render ProductPage" : "render NotFoundPage",
                  r.latency(product.status == 200 ? 7 * MS : 2 * MS, 0.5))
              .end();
      c.closeHttpServer(root, render + c.overhead());
    }

    private void homePage() {
      SpanDraft root =
          c.edgeRequest(
              shop.pick(WEB_FRONTEND, r),
              "shop.example.com",
              "GET",
              "/",
              "/",
              null,
              start,
              visitor);
      if (userId != null) {
        root.tag("app.user.id", userId);
      }
      long at = start + c.overhead();
      SpanDraft products =
          c.http(
              root,
              at,
              API_GATEWAY,
              "GET",
              "/api/products",
              "/api/products",
              "featured=true",
              (gw, t0) -> {
                SpanDraft call =
                    c.grpc(gw, t0, CATALOG, CATALOG_RPC, "ListProducts", this::listProducts);
                return afterGrpc(gw, call);
              });
      long done = products.end();
      if (shop.has(RECOMMENDATION)) {
        done = Math.max(done, recommendationsCall(root, at + r.micros(50, 400), null).end());
      }
      root.status = products.status;
      if (products.status >= 500) {
        Calls.fail(root, done, upstreamError(products.status));
      }
      long render = c.internal(root, done, "render HomePage", r.latency(9 * MS, 0.5)).end();
      c.closeHttpServer(root, render + c.overhead());
    }

    private void healthCheck() {
      ShopService service =
          r.pick(new ShopService[] {WEB_FRONTEND, API_GATEWAY, SEARCH, PAYMENT, NOTIFICATION});
      ShopTopology.Pod pod = shop.pick(service, r);
      SpanDraft probe =
          t.root(pod, "GET /healthz", start)
              .tag(Calls.KIND_SERVER)
              .tag("http.request.method", "GET")
              .tag("http.route", "/healthz")
              .tag("url.path", "/healthz")
              .tag("url.scheme", "http")
              .tag("server.address", pod.ip())
              .tag(service.serverPort)
              .tag("network.peer.address", "10.0.1.1")
              .tag("user_agent.original", "kube-probe/1.31");
      c.closeHttpServer(probe, start + r.latency(400, 0.4));
    }

    // ------------------------------------------------------------ api-gateway handlers

    private long productApi(SpanDraft gw, long at, String productId) {
      gw.tag("app.product.id", productId);
      SpanDraft call =
          c.grpc(
              gw, at, CATALOG, CATALOG_RPC, "GetProduct", (s, t0) -> getProduct(s, t0, productId));
      return afterGrpc(gw, call);
    }

    private SpanDraft recommendationsCall(SpanDraft page, long at, String productId) {
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
                    (s, t1) -> listRecommendations(s, t1, productId));
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

    private long searchApi(SpanDraft gw, long at, String term) {
      SpanDraft call =
          c.http(
              gw,
              at,
              SEARCH,
              "GET",
              "/search",
              "/search",
              "q=" + term.replace(' ', '+') + "&limit=20",
              (s, t0) -> search(s, t0, term));
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

    private long viewCartApi(SpanDraft gw, long at) {
      SpanDraft auth = authenticate(gw, at);
      if (auth != null && auth.status != 0) {
        return afterGrpc(gw, auth);
      }
      long cursor = auth == null ? at : auth.end();
      int items = r.between(0, 4);
      SpanDraft cart =
          c.grpc(gw, cursor, CART, CART_RPC, "GetCart", (s, t0) -> getCart(s, t0, items));
      if (cart.status != 0) {
        return afterGrpc(gw, cart);
      }
      // The gateway enriches the cart items in parallel.
      long done = cart.end();
      for (int i = 0; i < items; i++) {
        String productId = r.pick(PRODUCTS);
        SpanDraft product =
            c.grpc(
                gw,
                cart.end() + r.micros(20, 150),
                CATALOG,
                CATALOG_RPC,
                "GetProduct",
                (s, t0) -> getProduct(s, t0, productId));
        done = Math.max(done, product.end());
      }
      gw.tag("app.cart.items.count", (long) items);
      return done;
    }

    private long addToCartApi(SpanDraft gw, long at) {
      SpanDraft auth = authenticate(gw, at);
      if (auth != null && auth.status != 0) {
        return afterGrpc(gw, auth);
      }
      String productId = r.pick(PRODUCTS);
      long quantity = r.between(1, 3);
      gw.tag("app.product.id", productId).tag("app.product.quantity", quantity);
      SpanDraft product =
          c.grpc(
              gw,
              auth == null ? at : auth.end(),
              CATALOG,
              CATALOG_RPC,
              "GetProduct",
              (s, t0) -> getProduct(s, t0, productId));
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
                (s, t0) -> checkAvailability(s, t0, productId, quantity));
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
                s.tag("app.user.id", userId).tag("app.product.id", productId);
                long set =
                    c.redis(s, t0, "HSET", "HSET cart:" + userId + " " + productId + " ?", lat(300))
                        .end();
                return c.redis(s, set, "EXPIRE", "EXPIRE cart:" + userId + " 604800", lat(200))
                    .end();
              });
      gw.status = 201;
      return afterGrpc(gw, add);
    }

    private long checkoutApi(SpanDraft gw, long at) {
      SpanDraft auth = authenticate(gw, at);
      if (auth != null && auth.status != 0) {
        return afterGrpc(gw, auth);
      }
      SpanDraft order =
          c.grpc(
              gw,
              auth == null ? at : auth.end(),
              CHECKOUT,
              CHECKOUT_RPC,
              "PlaceOrder",
              this::placeOrder);
      if (order.status == GRPC_FAILED_PRECONDITION) {
        gw.status = 402; // card declined: the client's problem, not a gateway error
        return order.end();
      }
      return afterGrpc(gw, order);
    }

    private long loginApi(SpanDraft gw, long at) {
      SpanDraft login = c.grpc(gw, at, AUTH, AUTH_RPC, "Login", this::login);
      if (login.status == 0) {
        gw.tag("app.user.id", userId);
      }
      return afterGrpc(gw, login);
    }

    private long ordersApi(SpanDraft gw, long at) {
      SpanDraft auth = authenticate(gw, at);
      if (auth != null && auth.status != 0) {
        return afterGrpc(gw, auth);
      }
      SpanDraft orders =
          c.grpc(
              gw,
              auth == null ? at : auth.end(),
              CHECKOUT,
              CHECKOUT_RPC,
              "ListOrders",
              (s, t0) -> {
                s.tag("app.user.id", userId);
                // A missing index on order_items makes a few history queries crawl.
                long duration = r.chance(0.015) ? r.micros(1500 * MS, 3500 * MS) : lat(4 * MS);
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

    /** Validates the session token; null when the profile has no auth service. */
    private SpanDraft authenticate(SpanDraft gw, long at) {
      if (!shop.has(AUTH)) {
        gw.tag("app.user.id", userId);
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
                SpanDraft get = c.redis(s, t0, "GET", "GET session:" + token, lat(250));
                if (r.chance(0.03)) {
                  s.status = GRPC_UNAUTHENTICATED;
                  s.failure = "session expired or invalid";
                } else {
                  s.tag("app.user.id", userId);
                }
                return get.end();
              });
      if (auth.status == 0) {
        gw.tag("app.user.id", userId);
      }
      return auth;
    }

    /**
     * Maps a backend's gRPC outcome onto the gateway's HTTP response, as an error-handling filter
     * would; the gateway records the exception for 5xx answers.
     */
    private long afterGrpc(SpanDraft gw, SpanDraft call) {
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

    // ------------------------------------------------------------ backend handlers

    /** catalog-service GetProduct: read-through cache in front of PostgreSQL. */
    private long getProduct(SpanDraft s, long at, String productId) {
      s.tag("app.product.id", productId);
      boolean known = PRODUCTS.contains(productId);
      SpanDraft get = cacheGet(s, at, "product:" + productId);
      // A failed GET counts as a miss: the product is read from the database.
      boolean hit = !get.isError() && known && r.chance(0.8);
      long cursor = get.end();
      if (hit) {
        return cursor + lat(150);
      }
      s.log(cursor, EVENT_CACHE_MISS, KeyValue.string("cache.key", "product:" + productId));
      // Now and then a row lock held by a price update makes the read wait.
      long duration = r.chance(0.01) ? r.micros(800 * MS, 2500 * MS) : lat(2500);
      cursor =
          c.sql(
                  s,
                  cursor + lat(40),
                  "SELECT",
                  "products",
                  "SELECT id, name, description, picture, price_units, price_nanos, currency_code,"
                      + " categories FROM products WHERE id = ?",
                  duration)
              .end();
      if (!known) {
        s.status = GRPC_NOT_FOUND;
        s.failure = "product " + productId + " not found";
        return cursor + lat(60);
      }
      cursor =
          c.redis(s, cursor + lat(30), "SET", "SET product:" + productId + " ? EX 300", lat(300))
              .end();
      return cursor + lat(150);
    }

    /** A Redis GET through Lettuce, which now and then times out (the span is then failed). */
    private SpanDraft cacheGet(SpanDraft s, long at, String key) {
      boolean timeout = r.chance(0.005);
      SpanDraft get =
          c.redis(s, at, "GET", "GET " + key, timeout ? r.micros(100 * MS, 104 * MS) : lat(350));
      if (timeout) {
        c.failDb(
            get,
            Failure.java(
                "io.lettuce.core.RedisCommandTimeoutException",
                "Command timed out after 100 millisecond(s)",
                "io.lettuce.core.internal.ExceptionFactory.createTimeoutException"
                    + "(ExceptionFactory.java:59)",
                "io.lettuce.core.internal.Futures.awaitOrCancel(Futures.java:246)",
                "io.lettuce.core.FutureSyncInvocationHandler.handleInvocation"
                    + "(FutureSyncInvocationHandler.java:74)",
                "io.shop.catalog.cache.ProductCache.get(ProductCache.java:41)"));
      }
      return get;
    }

    private long listProducts(SpanDraft s, long at) {
      SpanDraft get = c.redis(s, at, "GET", "GET products:featured", lat(400));
      long cursor = get.end();
      if (r.chance(0.85)) {
        s.tag("app.products.count", 24L);
        return cursor + lat(300);
      }
      s.log(cursor, EVENT_CACHE_MISS, KeyValue.string("cache.key", "products:featured"));
      cursor =
          c.sql(
                  s,
                  cursor + lat(40),
                  "SELECT",
                  "products",
                  "SELECT id, name, picture, price_units, price_nanos, currency_code FROM products"
                      + " WHERE featured ORDER BY popularity DESC LIMIT 24",
                  lat(6 * MS))
              .end();
      cursor = c.redis(s, cursor + lat(30), "SET", "SET products:featured ? EX 60", lat(400)).end();
      s.tag("app.products.count", 24L);
      return cursor + lat(300);
    }

    /** recommendation-service (Python): cached recommendations, else rank catalog products. */
    private long listRecommendations(SpanDraft s, long at, String productId) {
      long cursor = at;
      if (r.chance(0.015)) {
        // A freshly started pod loads its model on the first request.
        cursor =
            c.internal(s, cursor, "load recommendation model", r.micros(1800 * MS, 4500 * MS))
                .end();
      }
      String key = "recs:" + (productId == null ? "home" : productId);
      cursor = c.redis(s, cursor, "GET", "GET " + key, lat(300)).end();
      boolean hit = r.chance(0.6);
      s.tag("app.recommendation.cache_hit", hit);
      if (!hit) {
        cursor = c.grpc(s, cursor, CATALOG, CATALOG_RPC, "ListProducts", this::listProducts).end();
        cursor = c.internal(s, cursor, "rank candidates", lat(3 * MS)).end();
        cursor = c.redis(s, cursor, "SET", "SET " + key + " ? EX 600", lat(300)).end();
      }
      s.tag("app.recommendation.count", (long) r.between(3, 5));
      return cursor + lat(200);
    }

    /** search-service (Python/FastAPI): a cached query, else PostgreSQL full-text search. */
    private long search(SpanDraft s, long at, String term) {
      s.tag("app.search.query", term);
      String key = "search:" + Integer.toHexString(term.hashCode());
      long cursor = c.redis(s, at, "GET", "GET " + key, lat(300)).end();
      if (r.chance(0.35)) {
        s.tag("app.search.results", (long) r.between(1, 20)).tag("app.search.cache_hit", true);
        return cursor + lat(400);
      }
      s.tag("app.search.cache_hit", false);
      boolean timeout = r.chance(0.008);
      long duration =
          timeout
              ? 3 * SECOND + r.micros(0, 2 * MS)
              : r.chance(0.015) ? r.micros(1500 * MS, 2900 * MS) : lat(12 * MS);
      SpanDraft select =
          c.sql(
              s,
              cursor + lat(50),
              "SELECT",
              "search_documents",
              "SELECT product_id, ts_rank(document, query) AS rank FROM search_documents,"
                  + " plainto_tsquery('english', %s) query WHERE document @@ query ORDER BY rank"
                  + " DESC LIMIT 20",
              duration);
      if (timeout) {
        select.tag("db.response.status_code", "57014");
        Failure failure =
            Failure.python(
                "psycopg.errors.QueryCanceled",
                "canceling statement due to statement timeout",
                "/app/search/api.py|48|search|results = await repository.search(q, limit)",
                "/app/search/repository.py|31|search|await cursor.execute(SEARCH_SQL, (q,))",
                "/usr/local/lib/python3.12/site-packages/psycopg/cursor_async.py|97|execute|"
                    + "raise ex.with_traceback(None)");
        c.failDb(select, failure);
        s.status = 500;
        Calls.fail(s, select.end(), failure);
        return select.end() + lat(300);
      }
      cursor = c.redis(s, select.end() + lat(50), "SET", "SET " + key + " ? EX 60", lat(300)).end();
      s.tag("app.search.results", (long) r.between(0, 20));
      return cursor + lat(500);
    }

    private long getCart(SpanDraft s, long at, int items) {
      s.tag("app.user.id", userId).tag("app.cart.items.count", (long) items);
      return c.redis(s, at, "HGETALL", "HGETALL cart:" + userId, lat(350)).end() + lat(100);
    }

    private long checkAvailability(SpanDraft s, long at, String productId, long quantity) {
      s.tag("app.product.id", productId);
      long cursor =
          c.sql(
                  s,
                  at,
                  "SELECT",
                  "stock",
                  "SELECT quantity - reserved FROM stock WHERE product_id = ?",
                  lat(1800))
              .end();
      if (r.chance(0.04)) {
        s.status = GRPC_FAILED_PRECONDITION;
        s.failure = "insufficient stock for product " + productId;
      }
      s.tag("app.product.quantity", quantity);
      return cursor + lat(100);
    }

    private long login(SpanDraft s, long at) {
      long cursor =
          c.sql(
                  s,
                  at,
                  "SELECT",
                  "users",
                  "SELECT id, password_hash, status FROM users WHERE email = $1",
                  lat(1500))
              .end();
      cursor =
          c.internal(s, cursor, "bcrypt.CompareHashAndPassword", r.micros(55 * MS, 95 * MS)).end();
      if (r.chance(0.07)) {
        s.status = GRPC_UNAUTHENTICATED;
        s.failure = "invalid credentials";
        return cursor + lat(100);
      }
      userId = "u-" + r.between(10_000, 10_499);
      s.tag("app.user.id", userId);
      return c.redis(s, cursor, "SET", "SET session:" + r.hex(8) + " ? EX 86400", lat(300)).end();
    }

    /** checkout-service (Go) PlaceOrder: the longest flow, with payment, Kafka and async work. */
    private long placeOrder(SpanDraft s, long at) {
      String orderId = ShopTopology.uuid(r);
      int items = r.between(1, 5);
      s.tag("app.user.id", userId).tag("app.order.id", orderId);
      if (r.chance(0.3)) {
        byte[] key = new byte[16];
        for (int i = 0; i < key.length; i++) {
          key[i] = (byte) r.nextInt(256);
        }
        s.tag(KeyValue.binary("app.checkout.idempotency_key", key));
      }
      long cursor =
          c.grpc(s, at, CART, CART_RPC, "GetCart", (cs, t0) -> getCart(cs, t0, items)).end();

      // Prepare: product details for every item and a shipping quote, in parallel.
      long fanOut = cursor + lat(80);
      long prepared = fanOut;
      double total = 0;
      for (int i = 0; i < items; i++) {
        int product = r.nextInt(PRODUCTS.size());
        total += PRICES[product];
        String productId = PRODUCTS.get(product);
        prepared =
            Math.max(
                prepared,
                c.grpc(
                        s,
                        fanOut + r.micros(10, 120),
                        CATALOG,
                        CATALOG_RPC,
                        "GetProduct",
                        (cs, t0) -> getProduct(cs, t0, productId))
                    .end());
      }
      double shippingCost = Math.round((4.99 + items * 1.25) * 100) / 100.0;
      prepared =
          Math.max(
              prepared,
              c.grpc(
                      s,
                      fanOut + r.micros(10, 120),
                      SHIPPING,
                      SHIPPING_RPC,
                      "GetQuote",
                      (ss, t0) -> {
                        ss.tag("app.shipping.cost", shippingCost);
                        return c.internal(ss, t0, "calculate quote", lat(600)).end();
                      })
                  .end());
      double amount = Math.round((total + shippingCost) * 100) / 100.0;
      s.tag("app.cart.items.count", (long) items).tag("app.order.amount", amount);

      cursor =
          c.grpc(
                  s,
                  prepared,
                  INVENTORY,
                  INVENTORY_RPC,
                  "ReserveStock",
                  (is, t0) -> reserveStock(is, t0, items))
              .end();

      SpanDraft charge =
          c.http(
              s,
              cursor,
              PAYMENT,
              "POST",
              "/charge",
              "/charge",
              null,
              (ps, t0) -> charge(ps, t0, amount));
      cursor = charge.end();
      if (charge.status != 200) {
        boolean declined = charge.status == 402;
        s.status = declined ? GRPC_FAILED_PRECONDITION : GRPC_INTERNAL;
        // The checkout code records the failure itself, whatever the status code.
        Calls.fail(
            s,
            cursor,
            Failure.go(
                "*fmt.wrapError",
                "failed to charge card: "
                    + (declined
                        ? "card declined: insufficient_funds"
                        : "payment provider unavailable"),
                "main.(*checkout).chargeCard|/usr/src/app/main.go:415",
                "main.(*checkout).PlaceOrder|/usr/src/app/main.go:268",
                "github.com/shop/checkout/genproto/oteldemo._CheckoutService_PlaceOrder_Handler"
                    + "|/usr/src/app/genproto/oteldemo/demo_grpc.pb.go:1297"));
        return c.grpc(
                s,
                cursor,
                INVENTORY,
                INVENTORY_RPC,
                "ReleaseStock",
                (is, t0) ->
                    c.sql(
                            is,
                            t0,
                            "UPDATE",
                            "stock",
                            "UPDATE stock SET reserved = reserved - ? WHERE product_id = ?",
                            lat(2 * MS))
                        .end())
            .end();
      }

      cursor =
          c.sql(
                  s,
                  cursor + lat(60),
                  "INSERT",
                  "orders",
                  "INSERT INTO orders (id, user_id, status, total_units, currency_code, created_at)"
                      + " VALUES ($1, $2, 'placed', $3, $4, now())",
                  lat(2500))
              .end();
      cursor =
          c.sql(
                  s,
                  cursor + lat(30),
                  "INSERT",
                  "order_items",
                  "INSERT INTO order_items (order_id, product_id, quantity, price_units) VALUES"
                      + " ($1, $2, $3, $4)",
                  lat(1800))
              .end();
      int partition = r.nextInt(12);
      SpanDraft published = c.publish(s, cursor, "orders", orderId, partition);
      // The worker picks the message up later; sometimes the consumer group lags by seconds.
      long lag = r.chance(0.05) ? r.micros(2 * SECOND, 12 * SECOND) : lat(35 * MS);
      c.consume(
          published,
          published.end() + lag,
          ORDER_WORKER,
          "orders",
          orderId,
          partition,
          1_000_000L + r.nextInt(9_000_000),
          (w, t0) -> fulfilOrder(w, t0, orderId));
      cursor =
          c.grpc(
                  s,
                  published.end(),
                  CART,
                  CART_RPC,
                  "EmptyCart",
                  (cs, t0) -> c.redis(cs, t0, "DEL", "DEL cart:" + userId, lat(300)).end())
              .end();
      s.log(
          cursor,
          KeyValue.string("event", "order placed"),
          KeyValue.string("app.order.id", orderId),
          KeyValue.float64("app.order.amount", amount));
      return cursor + lat(100);
    }

    /** inventory-service (Java): reserve stock; a deadlock now and then, retried once. */
    private long reserveStock(SpanDraft s, long at, int items) {
      String statement =
          "UPDATE stock SET reserved = reserved + ? WHERE product_id = ? AND quantity - reserved"
              + " >= ?";
      SpanDraft update = c.sql(s, at, "UPDATE", "stock", statement, lat(3 * MS));
      long cursor = update.end();
      if (r.chance(0.03)) {
        update.tag("db.response.status_code", "40P01");
        c.failDb(
            update,
            Failure.java(
                "org.postgresql.util.PSQLException",
                "ERROR: deadlock detected",
                "org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse"
                    + "(QueryExecutorImpl.java:2725)",
                "org.postgresql.jdbc.PgPreparedStatement.executeUpdate(PgPreparedStatement.java:152)",
                "io.shop.inventory.StockRepository.reserve(StockRepository.java:64)",
                "io.shop.inventory.InventoryService.reserveStock(InventoryService.java:88)"));
        long backoff = r.micros(15 * MS, 40 * MS);
        s.log(
            cursor,
            EVENT_RETRY,
            KeyValue.int64("retry.attempt", 1),
            KeyValue.int64("retry.backoff_ms", backoff / MS),
            KeyValue.string("message", "deadlock detected, retrying transaction"));
        cursor = c.sql(s, cursor + backoff, "UPDATE", "stock", statement, lat(3 * MS)).end();
      }
      s.tag("app.inventory.reserved_items", (long) items);
      return cursor + lat(100);
    }

    /**
     * payment-service (Node.js): charges the card at the external provider, retrying 503s with
     * backoff ({@code http.request.resend_count} on the repeated requests).
     */
    private long charge(SpanDraft s, long at, double amount) {
      s.tag("app.payment.amount", amount)
          .tag("app.payment.currency", "USD")
          .tag("app.payment.card_type", r.pick(CARD_TYPES));
      long cursor = c.internal(s, at, "validate card", lat(400)).end();
      boolean incident = paymentIncident(at);
      boolean declined = r.chance(0.03);
      boolean charged = false;
      int attempt = 0;
      while (true) {
        boolean unavailable = !declined && r.chance(incident ? 0.7 : 0.02);
        long duration = unavailable ? lat(incident ? 900 * MS : 250 * MS) : lat(180 * MS);
        int status = declined ? 402 : unavailable ? 503 : 200;
        SpanDraft request =
            c.externalHttp(
                s,
                cursor,
                ShopService.PAYMENT_PROVIDER,
                "POST",
                PSP_URL,
                PSP_HOST,
                PSP_ADDRESS,
                duration,
                status);
        if (attempt > 0) {
          request.tag("http.request.resend_count", (long) attempt);
        }
        cursor = request.end();
        if (!unavailable) {
          charged = !declined;
          break;
        }
        if (++attempt == 3) {
          break;
        }
        long backoff = (100 * MS) << (attempt - 1);
        s.log(
            cursor,
            EVENT_RETRY,
            KeyValue.int64("retry.attempt", attempt),
            KeyValue.int64("retry.backoff_ms", backoff / MS),
            KeyValue.string("message", "payment provider returned 503, retrying"));
        cursor += backoff;
      }
      s.tag("app.payment.charged", charged);
      if (declined) {
        s.status = 402;
        s.tag("app.payment.declined_reason", "insufficient_funds");
      } else if (!charged) {
        s.status = 502;
        Calls.fail(
            s,
            cursor,
            Failure.node(
                "PaymentProviderError",
                "payment provider unavailable after 3 attempts (HTTP 503)",
                "chargeCard (/usr/src/app/charge.js:88:11)",
                "process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
                "async Object.charge (/usr/src/app/routes.js:41:20)"));
      } else {
        s.tag(
            "app.payment.transaction.id",
            "ch_" + r.chars(24, ALPHANUMERIC).toLowerCase(Locale.ROOT));
      }
      return cursor + lat(300);
    }

    /** order-worker (Java): fulfils an order after checkout, asynchronously. */
    private long fulfilOrder(SpanDraft w, long at, String orderId) {
      w.tag("app.order.id", orderId);
      long cursor =
          c.sql(
                  w,
                  at,
                  "SELECT",
                  "orders",
                  "SELECT id, user_id, status, total_units FROM orders WHERE id = ?",
                  lat(1500))
              .end();
      String trackingId = r.chars(12, ALPHANUMERIC);
      cursor =
          c.grpc(
                  w,
                  cursor,
                  SHIPPING,
                  SHIPPING_RPC,
                  "ShipOrder",
                  (ss, t0) -> {
                    ss.tag("app.order.id", orderId).tag("app.shipping.tracking.id", trackingId);
                    long label = c.internal(ss, t0, "create shipping label", lat(4 * MS)).end();
                    return c.sql(
                            ss,
                            label,
                            "INSERT",
                            "shipments",
                            "INSERT INTO shipments (order_id, tracking_id, carrier) VALUES ($1, $2,"
                                + " $3)",
                            lat(2 * MS))
                        .end();
                  })
              .end();
      SpanDraft notify =
          c.http(
              w,
              cursor,
              NOTIFICATION,
              "POST",
              "/notifications/order-confirmation",
              "/notifications/order-confirmation",
              null,
              (ns, t0) -> sendConfirmation(ns, t0, orderId));
      cursor = notify.end();
      if (notify.status >= 500) {
        // The worker does not fail the order for a missing e-mail; a sweeper resends later.
        w.log(
            cursor,
            KeyValue.string("event", "notification failed, scheduled for resend"),
            KeyValue.int64("http.response.status_code", notify.status));
      }
      cursor =
          c.sql(
                  w,
                  cursor,
                  "UPDATE",
                  "orders",
                  "UPDATE orders SET status = 'confirmed', updated_at = now() WHERE id = ?",
                  lat(2 * MS))
              .end();
      return c.publish(w, cursor, "order-events", orderId, r.nextInt(12)).end();
    }

    /** notification-service (Python): renders and sends the confirmation e-mail. */
    private long sendConfirmation(SpanDraft s, long at, String orderId) {
      s.tag("app.order.id", orderId).tag("app.notification.channel", "email");
      long cursor = c.redis(s, at, "INCR", "INCR ratelimit:email:" + userId, lat(300)).end();
      cursor = c.internal(s, cursor, "render email", lat(5 * MS)).end();
      if (r.chance(0.02)) {
        s.status = 503;
        SpanDraft send =
            c.internal(s, cursor, "send email", r.micros(5 * SECOND, 5 * SECOND + 50 * MS));
        Failure failure =
            Failure.python(
                "smtplib.SMTPServerDisconnected",
                "Connection unexpectedly closed: timed out",
                "/app/notifications/email.py|77|send|smtp.send_message(message)",
                "/usr/local/lib/python3.12/smtplib.py|986|send_message|"
                    + "return self.sendmail(from_addr, to_addrs, flatmsg, mail_options,"
                    + " rcpt_options)",
                "/usr/local/lib/python3.12/smtplib.py|405|getreply|"
                    + "raise SMTPServerDisconnected(\"Connection unexpectedly closed: \" + str(e))");
        Calls.fail(send, send.end(), failure);
        Calls.fail(s, send.end(), failure);
        return send.end() + lat(200);
      }
      cursor = c.internal(s, cursor, "send email", lat(120 * MS)).end();
      s.status = 202;
      return c.sql(
              s,
              cursor,
              "INSERT",
              "notifications",
              "INSERT INTO notifications (order_id, channel, sent_at) VALUES (%s, %s, now())",
              lat(1500))
          .end();
    }

    private long lat(long median) {
      return r.latency(median, 0.45);
    }

    private Failure upstreamError(int status) {
      return Failure.node(
          "Error",
          "Request failed with status code " + status,
          "settle (/app/node_modules/axios/lib/core/settle.js:19:12)",
          "IncomingMessage.handleStreamEnd (/app/node_modules/axios/lib/adapters/http.js:599:11)",
          "async ApiProxy.forward (/app/.next/server/chunks/412.js:1:8841)");
    }
  }
}
