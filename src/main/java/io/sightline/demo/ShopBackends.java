package io.sightline.demo;

import static io.sightline.demo.Calls.GRPC_FAILED_PRECONDITION;
import static io.sightline.demo.Calls.GRPC_NOT_FOUND;
import static io.sightline.demo.Calls.GRPC_UNAUTHENTICATED;
import static io.sightline.demo.ShopFlows.CATALOG_RPC;
import static io.sightline.demo.ShopFlows.MS;
import static io.sightline.demo.ShopFlows.PRODUCTS;
import static io.sightline.demo.ShopFlows.SECOND;
import static io.sightline.demo.ShopService.CATALOG;

import io.sightline.trace.KeyValue;

/**
 * The backends' handlers of one request: catalog, recommendations, search, cart, inventory and
 * auth, each over its cache and database.
 */
final class ShopBackends extends RequestPart {
  private static final KeyValue EVENT_CACHE_MISS = KeyValue.string("event", "cache miss");

  ShopBackends(ShopRequest q) {
    super(q);
  }

  /** A call of catalog-service's GetProduct from {@code caller}; returns the client span. */
  SpanDraft callGetProduct(SpanDraft caller, long at, String productId) {
    return c.grpc(
        caller, at, CATALOG, CATALOG_RPC, "GetProduct", (s, t0) -> getProduct(s, t0, productId));
  }

  /** catalog-service GetProduct: read-through cache in front of PostgreSQL. */
  long getProduct(SpanDraft s, long at, String productId) {
    s.tag("app.product.id", productId);
    boolean known = PRODUCTS.contains(productId);
    SpanDraft get = cacheGet(s, at, "product:" + productId);
    // A failed GET counts as a miss: the product is read from the database.
    boolean hit = !get.isError() && known && r.chance(0.8);
    long cursor = get.end();
    if (hit) {
      return cursor + q.lat(150);
    }
    s.log(cursor, EVENT_CACHE_MISS, KeyValue.string("cache.key", "product:" + productId));
    // Now and then a row lock held by a price update makes the read wait.
    long duration = r.chance(0.01) ? r.micros(800 * MS, 2500 * MS) : q.lat(2500);
    cursor =
        c.sql(
                s,
                cursor + q.lat(40),
                "SELECT",
                "products",
                "SELECT id, name, description, picture, price_units, price_nanos, currency_code,"
                    + " categories FROM products WHERE id = ?",
                duration)
            .end();
    if (!known) {
      s.status = GRPC_NOT_FOUND;
      s.failure = "product " + productId + " not found";
      return cursor + q.lat(60);
    }
    cursor =
        c.redis(s, cursor + q.lat(30), "SET", "SET product:" + productId + " ? EX 300", q.lat(300))
            .end();
    return cursor + q.lat(150);
  }

  /** A Redis GET through Lettuce, which now and then times out (the span is then failed). */
  private SpanDraft cacheGet(SpanDraft s, long at, String key) {
    boolean timeout = r.chance(0.005);
    SpanDraft get =
        c.redis(s, at, "GET", "GET " + key, timeout ? r.micros(100 * MS, 104 * MS) : q.lat(350));
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

  long listProducts(SpanDraft s, long at) {
    SpanDraft get = c.redis(s, at, "GET", "GET products:featured", q.lat(400));
    long cursor = get.end();
    if (r.chance(0.85)) {
      s.tag("app.products.count", 24L);
      return cursor + q.lat(300);
    }
    s.log(cursor, EVENT_CACHE_MISS, KeyValue.string("cache.key", "products:featured"));
    cursor =
        c.sql(
                s,
                cursor + q.lat(40),
                "SELECT",
                "products",
                "SELECT id, name, picture, price_units, price_nanos, currency_code FROM products"
                    + " WHERE featured ORDER BY popularity DESC LIMIT 24",
                q.lat(6 * MS))
            .end();
    cursor =
        c.redis(s, cursor + q.lat(30), "SET", "SET products:featured ? EX 60", q.lat(400)).end();
    s.tag("app.products.count", 24L);
    return cursor + q.lat(300);
  }

  /** recommendation-service (Python): cached recommendations, else rank catalog products. */
  long listRecommendations(SpanDraft s, long at, String productId) {
    long cursor = at;
    if (r.chance(0.015)) {
      // A freshly started pod loads its model on the first request.
      cursor =
          c.internal(s, cursor, "load recommendation model", r.micros(1800 * MS, 4500 * MS)).end();
    }
    String key = "recs:" + (productId == null ? "home" : productId);
    cursor = c.redis(s, cursor, "GET", "GET " + key, q.lat(300)).end();
    boolean hit = r.chance(0.6);
    s.tag("app.recommendation.cache_hit", hit);
    if (!hit) {
      cursor = c.grpc(s, cursor, CATALOG, CATALOG_RPC, "ListProducts", this::listProducts).end();
      cursor = c.internal(s, cursor, "rank candidates", q.lat(3 * MS)).end();
      cursor = c.redis(s, cursor, "SET", "SET " + key + " ? EX 600", q.lat(300)).end();
    }
    s.tag("app.recommendation.count", (long) r.between(3, 5));
    return cursor + q.lat(200);
  }

  /** search-service (Python/FastAPI): a cached query, else PostgreSQL full-text search. */
  long search(SpanDraft s, long at, String term) {
    s.tag("app.search.query", term);
    String key = "search:" + Integer.toHexString(term.hashCode());
    long cursor = c.redis(s, at, "GET", "GET " + key, q.lat(300)).end();
    if (r.chance(0.35)) {
      s.tag("app.search.results", (long) r.between(1, 20)).tag("app.search.cache_hit", true);
      return cursor + q.lat(400);
    }
    s.tag("app.search.cache_hit", false);
    boolean timeout = r.chance(0.008);
    long duration =
        timeout
            ? 3 * SECOND + r.micros(0, 2 * MS)
            : r.chance(0.015) ? r.micros(1500 * MS, 2900 * MS) : q.lat(12 * MS);
    SpanDraft select =
        c.sql(
            s,
            cursor + q.lat(50),
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
      return select.end() + q.lat(300);
    }
    cursor =
        c.redis(s, select.end() + q.lat(50), "SET", "SET " + key + " ? EX 60", q.lat(300)).end();
    s.tag("app.search.results", (long) r.between(0, 20));
    return cursor + q.lat(500);
  }

  long getCart(SpanDraft s, long at, int items) {
    s.tag("app.user.id", q.userId).tag("app.cart.items.count", (long) items);
    return c.redis(s, at, "HGETALL", "HGETALL cart:" + q.userId, q.lat(350)).end() + q.lat(100);
  }

  long checkAvailability(SpanDraft s, long at, String productId, long quantity) {
    s.tag("app.product.id", productId);
    long cursor =
        c.sql(
                s,
                at,
                "SELECT",
                "stock",
                "SELECT quantity - reserved FROM stock WHERE product_id = ?",
                q.lat(1800))
            .end();
    if (r.chance(0.04)) {
      s.status = GRPC_FAILED_PRECONDITION;
      s.failure = "insufficient stock for product " + productId;
    }
    s.tag("app.product.quantity", quantity);
    return cursor + q.lat(100);
  }

  long login(SpanDraft s, long at) {
    long cursor =
        c.sql(
                s,
                at,
                "SELECT",
                "users",
                "SELECT id, password_hash, status FROM users WHERE email = $1",
                q.lat(1500))
            .end();
    cursor =
        c.internal(s, cursor, "bcrypt.CompareHashAndPassword", r.micros(55 * MS, 95 * MS)).end();
    if (r.chance(0.07)) {
      s.status = GRPC_UNAUTHENTICATED;
      s.failure = "invalid credentials";
      return cursor + q.lat(100);
    }
    q.userId = "u-" + r.between(10_000, 10_499);
    s.tag("app.user.id", q.userId);
    return c.redis(s, cursor, "SET", "SET session:" + r.hex(8) + " ? EX 86400", q.lat(300)).end();
  }
}
