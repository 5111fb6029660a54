package io.sightline.demo;

import static io.sightline.demo.ShopService.API_GATEWAY;
import static io.sightline.demo.ShopService.NOTIFICATION;
import static io.sightline.demo.ShopService.PAYMENT;
import static io.sightline.demo.ShopService.RECOMMENDATION;
import static io.sightline.demo.ShopService.SEARCH;
import static io.sightline.demo.ShopService.WEB_FRONTEND;

import io.sightline.demo.Calls.Handler;
import io.sightline.demo.Calls.Visitor;
import io.sightline.trace.Trace;
import java.util.ArrayList;
import java.util.List;

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

  static final double[] PRICES = {
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

  static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  static final String CATALOG_RPC = "oteldemo.CatalogService";
  static final String CART_RPC = "oteldemo.CartService";
  static final String AUTH_RPC = "oteldemo.AuthService";
  static final String CHECKOUT_RPC = "oteldemo.CheckoutService";
  static final String INVENTORY_RPC = "oteldemo.InventoryService";
  static final String SHIPPING_RPC = "oteldemo.ShippingService";
  static final String RECOMMENDATION_RPC = "oteldemo.RecommendationService";

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
    private final ShopRequest q;
    private final ApiGateway gateway;

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
      String userId = null;
      if (needsUser || (flow != Flow.LOGIN && r.chance(0.55))) {
        userId = "u-" + r.between(10_000, 10_499);
      }
      this.q = new ShopRequest(c, userId);
      ShopBackends backends = new ShopBackends(q);
      this.gateway =
          new ApiGateway(
              q, backends, new CheckoutFlow(q, backends, ShopFlows.this::paymentIncident));
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
          api(
              "GET",
              "/api/search",
              "/api/search",
              query,
              (gw, at) -> gateway.searchApi(gw, at, term));
        }
        case VIEW_CART -> api("GET", "/api/cart", "/api/cart", null, gateway::viewCartApi);
        case ADD_TO_CART ->
            api("POST", "/api/cart/items", "/api/cart/items", null, gateway::addToCartApi);
        case CHECKOUT -> api("POST", "/api/checkout", "/api/checkout", null, gateway::checkoutApi);
        case LOGIN -> api("POST", "/api/auth/login", "/api/auth/login", null, gateway::loginApi);
        case ORDER_HISTORY -> api("GET", "/api/orders", "/api/orders", null, gateway::ordersApi);
        case HEALTH_CHECK -> healthCheck();
      }
      return t.build();
    }

    /**
     * An API request: from the browser through web-frontend (which proxies /api), or from the
     * mobile app straight to the gateway.
     */
    private void api(String method, String route, String path, String query, Handler gateway) {
      if (mobile) {
        SpanDraft root = visit(API_GATEWAY, "api.shop.example.com", method, route, path, query);
        long done = gateway.handle(root, start + c.overhead());
        c.closeHttpServer(root, done + c.overhead());
        return;
      }
      SpanDraft root = frontendRequest(method, route, path, query);
      if (q.userId != null) {
        root.tag("app.user.id", q.userId);
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
      SpanDraft root = frontendRequest("GET", "/product/{id}", "/product/" + productId, null);
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
              (gw, t0) -> gateway.productApi(gw, t0, productId));
      long done = product.end();
      if (shop.has(RECOMMENDATION)) {
        done =
            Math.max(
                done, gateway.recommendationsCall(root, at + r.micros(50, 400), productId).end());
      }
      if (q.userId != null) {
        root.tag("app.user.id", q.userId);
        SpanDraft cart =
            c.http(
                root,
                at + r.micros(50, 400),
                API_GATEWAY,
                "GET",
                "/api/cart",
                "/api/cart",
                null,
                gateway::viewCartApi);
        done = Math.max(done, cart.end());
      }
      boolean found = product.status == 200;
      renderPage(
          root, product, done, found ? "ProductPage" : "NotFoundPage", found ? 7 * MS : 2 * MS);
    }

    private void homePage() {
      SpanDraft root = frontendRequest("GET", "/", "/", null);
      if (q.userId != null) {
        root.tag("app.user.id", q.userId);
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
              gateway::featuredProductsApi);
      long done = products.end();
      if (shop.has(RECOMMENDATION)) {
        done =
            Math.max(done, gateway.recommendationsCall(root, at + r.micros(50, 400), null).end());
      }
      renderPage(root, products, done, "HomePage", 9 * MS);
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

    /** A request from a browser to web-frontend: the root span of a page or a proxied API call. */
    private SpanDraft frontendRequest(String method, String route, String path, String query) {
      return visit(WEB_FRONTEND, "shop.example.com", method, route, path, query);
    }

    /** The visitor's request, entering the cluster at a pod of {@code entry}: the root span. */
    private SpanDraft visit(
        ShopService entry, String host, String method, String route, String path, String query) {
      return c.edgeRequest(shop.pick(entry, r), host, method, route, path, query, start, visitor);
    }

    /**
     * Ends a page once its data arrived at {@code done}: the page answers with the API's status
     * (failing on 5xx), then renders {@code view} for about {@code renderMicros}.
     */
    private void renderPage(
        SpanDraft root, SpanDraft api, long done, String view, long renderMicros) {
      root.status = api.status;
      if (api.status >= 500) {
        Calls.fail(root, done, upstreamError(api.status));
      }
      long render = c.internal(root, done, "render " + view, r.latency(renderMicros, 0.5)).end();
      c.closeHttpServer(root, render + c.overhead());
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
