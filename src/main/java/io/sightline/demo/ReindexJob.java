package io.sightline.demo;

import static io.sightline.demo.ShopFlows.MS;

import io.sightline.demo.ShopTopology.Pod;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Trace;

/**
 * The large trace: search-service's bulk re-index of the catalogue. Four workers index batches in
 * parallel; a batch lists products from the catalog, builds one search document per product (each
 * asks the inventory for stock, cached in Redis) and upserts the documents into PostgreSQL. Depth
 * 6: job → batch → document → client → inventory → Redis/PostgreSQL.
 *
 * <p>The trace has exactly the requested number of spans: every unit is sized before it is created
 * and shrinks (a cache hit instead of a miss, a cached document without calls) when the budget runs
 * low.
 */
final class ReindexJob {

  private static final int WORKERS = 4;
  private static final int BATCH_SIZE = 25;
  private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final ShopTopology shop;

  ReindexJob(ShopTopology shop) {
    this.shop = shop;
  }

  /**
   * The job's trace.
   *
   * @param start µs since the epoch
   * @param spans exactly how many spans, at least 1
   */
  Trace generate(DemoRandom random, long start, int spans) {
    if (spans < 1) {
      throw new IllegalArgumentException("a trace needs at least one span, not " + spans);
    }
    return new Run(random, spans).run(start);
  }

  /** Which service runs the job in this profile: search-service, else the catalog. */
  private ShopService jobService() {
    return shop.has(ShopService.SEARCH) ? ShopService.SEARCH : ShopService.CATALOG;
  }

  private final class Run {
    private final DemoRandom r;
    private final TraceAssembly t;
    private final Calls c;
    private final int requested;
    private final boolean listFromCatalog;
    private final boolean stockFromInventory;
    private int remaining;

    Run(DemoRandom random, int spans) {
      this.r = random;
      this.t =
          new TraceAssembly(
              TraceAssembly.newTraceId(random, random.chance(0.1)), random, shop, spans);
      this.c = new Calls(t);
      this.requested = spans;
      this.remaining = spans;
      this.listFromCatalog = jobService() != ShopService.CATALOG;
      this.stockFromInventory = shop.has(ShopService.INVENTORY);
    }

    Trace run(long start) {
      ShopService service = jobService();
      Pod pod = shop.pick(service, r);
      SpanDraft root =
          t.root(pod, "reindex products", start)
              .tag(Calls.KIND_INTERNAL)
              .tag(service.appScope)
              .tag("app.reindex.trigger", "cron")
              .tag("app.reindex.batch_size", (long) BATCH_SIZE);
      remaining--;
      long cursor = start + c.overhead();
      if (remaining > 0) {
        remaining--;
        cursor =
            c.sql(
                    root,
                    cursor,
                    "SELECT",
                    "products",
                    "SELECT count(*) FROM products WHERE active",
                    lat(8 * MS))
                .end();
      }
      long[] workers = new long[WORKERS];
      for (int i = 0; i < WORKERS; i++) {
        workers[i] = cursor + r.micros(50, 2 * MS);
      }
      int batch = 0;
      int documents = 0;
      while (remaining > 0) {
        int worker = 0;
        for (int i = 1; i < WORKERS; i++) {
          if (workers[i] < workers[worker]) {
            worker = i;
          }
        }
        remaining--;
        int number = ++batch;
        int[] built = new int[1];
        SpanDraft span =
            c.internal(
                root, workers[worker], "index batch", (b, at) -> batch(b, at, number, built));
        documents += built[0];
        workers[worker] = span.end() + r.micros(20, 300);
      }
      long end = cursor;
      for (long worker : workers) {
        end = Math.max(end, worker);
      }
      root.tag("app.reindex.batches", (long) batch).tag("app.reindex.documents", (long) documents);
      root.end(end + c.overhead());
      Trace trace = t.build();
      if (trace.spans().size() != requested) {
        throw new IllegalStateException(
            "generated " + trace.spans().size() + " spans instead of " + requested);
      }
      return trace;
    }

    private long batch(SpanDraft b, long at, int number, int[] built) {
      b.tag("app.batch.number", (long) number);
      long cursor = at;
      String listProducts =
          "SELECT id, name, description, categories, price_units FROM products WHERE active ORDER"
              + " BY id LIMIT 25 OFFSET ?";
      if (!listFromCatalog && remaining >= 1) {
        remaining--;
        cursor = c.sql(b, cursor, "SELECT", "products", listProducts, lat(5 * MS)).end();
      } else if (listFromCatalog && remaining >= 3) {
        remaining -= 3;
        cursor =
            c.grpc(
                    b,
                    cursor,
                    ShopService.CATALOG,
                    "oteldemo.CatalogService",
                    "ListProducts",
                    (s, t0) -> c.sql(s, t0, "SELECT", "products", listProducts, lat(5 * MS)).end())
                .end();
      }
      int documents = 0;
      // Keep one span for the upsert that closes the batch.
      while (documents < BATCH_SIZE && remaining > 1) {
        int available = remaining - 1;
        int hitSpans = stockFromInventory ? 4 : 2;
        boolean miss = r.chance(0.25);
        int need = miss ? hitSpans + 1 : hitSpans;
        if (available < need) {
          miss = false;
          need = available >= hitSpans ? hitSpans : 1;
        }
        remaining -= need;
        cursor = document(b, cursor, need, miss).end();
        documents++;
      }
      if (remaining > 0) {
        remaining--;
        cursor =
            c.sql(
                    b,
                    cursor,
                    "INSERT",
                    "search_documents",
                    "INSERT INTO search_documents (product_id, document, updated_at) VALUES (%s,"
                        + " to_tsvector('english', %s), now()) ON CONFLICT (product_id) DO UPDATE"
                        + " SET document = EXCLUDED.document, updated_at = now()",
                    lat(9 * MS))
                .end();
      }
      b.tag("app.batch.size", (long) documents);
      built[0] = documents;
      return cursor + lat(150);
    }

    /**
     * One search document: 1 span (cached document), or the document span with a stock lookup —
     * through inventory-service when the profile has it (4 spans, 5 on a cache miss), else straight
     * from Redis (2, or 3 on a miss).
     */
    private SpanDraft document(SpanDraft batch, long at, int spans, boolean miss) {
      String productId = r.chars(10, ALPHANUMERIC);
      if (spans == 1) {
        SpanDraft cached = c.internal(batch, at, "build document", lat(250));
        cached.tag("app.product.id", productId).tag("app.document.cached", true);
        return cached;
      }
      return c.internal(
          batch,
          at,
          "build document",
          (d, t0) -> {
            d.tag("app.product.id", productId);
            if (!stockFromInventory) {
              return readStock(d, t0, productId, miss) + lat(400);
            }
            SpanDraft stock =
                c.grpc(
                    d,
                    t0,
                    ShopService.INVENTORY,
                    "oteldemo.InventoryService",
                    "GetStock",
                    (s, t1) -> {
                      s.tag("app.product.id", productId);
                      long read = readStock(s, t1, productId, miss);
                      if (miss && r.chance(0.02)) {
                        s.status = Calls.GRPC_NOT_FOUND;
                        s.failure = "no stock record for product " + productId;
                      }
                      return read;
                    });
            if (stock.status != 0) {
              d.log(
                  stock.end(),
                  KeyValue.string("event", "stock unknown, indexed as unavailable"),
                  KeyValue.string("app.product.id", productId));
            }
            return stock.end() + lat(400);
          });
    }

    /** Stock from Redis, or from PostgreSQL after a cache miss (1 or 2 spans). */
    private long readStock(SpanDraft parent, long at, String productId, boolean miss) {
      long got = c.redis(parent, at, "GET", "GET stock:" + productId, lat(300)).end();
      if (!miss) {
        return got;
      }
      parent.log(
          got,
          KeyValue.string("event", "cache miss"),
          KeyValue.string("cache.key", "stock:" + productId));
      return c.sql(
              parent,
              got,
              "SELECT",
              "stock",
              "SELECT quantity - reserved FROM stock WHERE product_id = ?",
              lat(1500))
          .end();
    }

    private long lat(long median) {
      return r.latency(median, 0.45);
    }
  }
}
