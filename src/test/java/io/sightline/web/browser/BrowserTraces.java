package io.sightline.web.browser;

import static io.sightline.web.trace.TestTraces.span;

import io.sightline.trace.KeyValue;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.web.trace.TestTraces;

/** The traces the browser tests open. */
final class BrowserTraces {

  static final TraceId SHOP = TestTraces.TRACE_ID;
  static final TraceId BIG = TraceId.parse("b16b16b16b16b16b16b16b16b16b16b1");
  static final int BIG_SIZE = 100_000;

  /** A web shop checkout: 15 spans in 6 services, two errors, logs, a queue, a link. */
  static Trace shop() {
    TraceId other = TraceId.parse("aaaabbbbccccdddd");
    return TestTraces.trace(
        span("a1")
            .service("frontend")
            .op("GET /checkout")
            .at(0, 820_000)
            .tag("span.kind", "server")
            .tag("http.method", "GET")
            .tag(KeyValue.int64("http.status_code", 200))
            .tag("http.route", "/checkout")
            .processTag("hostname", "frontend-7d9f")
            .processTag("ip", "10.0.0.12"),
        span("a2")
            .service("frontend")
            .op("HTTP GET /api/cart")
            .childOf("a1")
            .at(5_000, 110_000)
            .tag("span.kind", "client")
            .tag("http.method", "GET")
            .tag("peer.service", "cart"),
        span("a3")
            .service("cart")
            .op("GET /api/cart")
            .childOf("a2")
            .at(10_000, 100_000)
            .tag("span.kind", "server")
            .tag(KeyValue.int64("http.status_code", 200)),
        span("a4")
            .service("redis")
            .op("GET cart:42")
            .childOf("a3")
            .at(20_000, 8_000)
            .tag("span.kind", "client")
            .tag("db.system", "redis")
            .tag("db.statement", "GET cart:42"),
        span("a5")
            .service("frontend")
            .op("HTTP POST /api/orders")
            .childOf("a1")
            .at(120_000, 600_000)
            .tag("span.kind", "client")
            .tag("http.method", "POST"),
        span("a6")
            .service("orders")
            .op("POST /api/orders")
            .childOf("a5")
            .at(125_000, 590_000)
            .tag("span.kind", "server")
            .tag(KeyValue.int64("http.status_code", 201))
            .tag("order", "{\"id\":42,\"items\":[{\"sku\":\"A-1\",\"qty\":2}],\"total\":19.9}"),
        span("a7")
            .service("orders")
            .op("SELECT orders")
            .childOf("a6")
            .at(130_000, 40_000)
            .tag("span.kind", "client")
            .tag("db.system", "postgresql")
            .tag("db.statement", "SELECT * FROM orders WHERE user_id = $1"),
        span("a8")
            .service("orders")
            .op("HTTP POST /charge")
            .childOf("a6")
            .at(180_000, 450_000)
            .tag("span.kind", "client")
            .tag("http.method", "POST"),
        span("a9")
            .service("payments")
            .op("POST /charge")
            .childOf("a8")
            .at(185_000, 440_000)
            .tag("span.kind", "server")
            .tag(KeyValue.int64("http.status_code", 502))
            .error()
            .log(300_000, KeyValue.string("event", "retrying"), KeyValue.int64("attempt", 1))
            .log(
                590_000,
                KeyValue.string("event", "error"),
                KeyValue.string("message", "bank gateway timed out")),
        span("aa")
            .service("payments")
            .op("call bank")
            .childOf("a9")
            .at(190_000, 400_000)
            .tag("span.kind", "client")
            .tag("peer.service", "bank-api")
            .tag("rpc.system", "grpc")
            .error(),
        span("ab")
            .service("payments")
            .op("retry backoff")
            .childOf("a9")
            .at(598_000, 20_000)
            .tag("span.kind", "internal"),
        span("ac")
            .service("orders")
            .op("publish order.created")
            .childOf("a6")
            .at(640_000, 5_000)
            .tag("span.kind", "producer")
            .tag("messaging.system", "kafka"),
        span("ad")
            .service("notifications")
            .op("consume order.created")
            .followsFrom("ac")
            .at(650_000, 160_000)
            .tag("span.kind", "consumer")
            .tag("messaging.system", "kafka")
            .ref(SpanReference.followsFrom(other, SpanId.parse("1234"))),
        span("ae")
            .service("frontend")
            .op("render checkout")
            .childOf("a1")
            .at(730_000, 80_000)
            .tag("span.kind", "internal"),
        span("af")
            .service("frontend")
            .op("<img src=x onerror=window.__xss=1>")
            .childOf("ae")
            .at(740_000, 10_000)
            .tag("note", "<script>window.__xss=2</script>"));
  }

  static Trace big() {
    return TestTraces.synthetic(BIG_SIZE, 7, BIG);
  }

  private BrowserTraces() {}
}
