package io.sightline.demo;

import static io.sightline.demo.Calls.GRPC_FAILED_PRECONDITION;
import static io.sightline.demo.Calls.GRPC_INTERNAL;
import static io.sightline.demo.ShopFlows.ALPHANUMERIC;
import static io.sightline.demo.ShopFlows.CART_RPC;
import static io.sightline.demo.ShopFlows.INVENTORY_RPC;
import static io.sightline.demo.ShopFlows.MS;
import static io.sightline.demo.ShopFlows.PRICES;
import static io.sightline.demo.ShopFlows.PRODUCTS;
import static io.sightline.demo.ShopFlows.SECOND;
import static io.sightline.demo.ShopFlows.SHIPPING_RPC;
import static io.sightline.demo.ShopService.CART;
import static io.sightline.demo.ShopService.INVENTORY;
import static io.sightline.demo.ShopService.ORDER_WORKER;
import static io.sightline.demo.ShopService.PAYMENT;
import static io.sightline.demo.ShopService.SHIPPING;

import io.sightline.trace.KeyValue;
import java.util.Locale;
import java.util.function.LongPredicate;

/**
 * checkout-service's PlaceOrder and what follows from it: stock reservation, the card charge at the
 * payment provider; the order then goes to {@link OrderFulfilment}.
 */
final class CheckoutFlow extends RequestPart {
  private static final String[] CARD_TYPES = {"visa", "mastercard", "amex"};
  private static final String PSP_URL = "https://api.payments.example.com/v1/charges";
  private static final String PSP_HOST = "api.payments.example.com";
  private static final String PSP_ADDRESS = "192.0.2.44";
  private static final KeyValue EVENT_RETRY = KeyValue.string("event", "retry");

  private final ShopBackends backends;
  private final LongPredicate paymentIncident;
  private final OrderFulfilment fulfilment = new OrderFulfilment(q);

  /**
   * @param paymentIncident whether the payment provider is having an incident at a time (µs)
   */
  CheckoutFlow(ShopRequest q, ShopBackends backends, LongPredicate paymentIncident) {
    super(q);
    this.backends = backends;
    this.paymentIncident = paymentIncident;
  }

  /** checkout-service (Go) PlaceOrder: the longest flow, with payment, Kafka and async work. */
  long placeOrder(SpanDraft s, long at) {
    String orderId = ShopTopology.uuid(r);
    int items = r.between(1, 5);
    s.tag("app.user.id", q.userId).tag("app.order.id", orderId);
    if (r.chance(0.3)) {
      byte[] key = new byte[16];
      for (int i = 0; i < key.length; i++) {
        key[i] = (byte) r.nextInt(256);
      }
      s.tag(KeyValue.binary("app.checkout.idempotency_key", key));
    }
    long cursor =
        c.grpc(s, at, CART, CART_RPC, "GetCart", (cs, t0) -> backends.getCart(cs, t0, items)).end();

    // Prepare: product details for every item and a shipping quote, in parallel.
    long fanOut = cursor + q.lat(80);
    long prepared = fanOut;
    double total = 0;
    for (int i = 0; i < items; i++) {
      int product = r.nextInt(PRODUCTS.size());
      total += PRICES[product];
      String productId = PRODUCTS.get(product);
      prepared =
          Math.max(
              prepared, backends.callGetProduct(s, fanOut + r.micros(10, 120), productId).end());
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
                      return c.internal(ss, t0, "calculate quote", q.lat(600)).end();
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
                          q.lat(2 * MS))
                      .end())
          .end();
    }

    cursor =
        c.sql(
                s,
                cursor + q.lat(60),
                "INSERT",
                "orders",
                "INSERT INTO orders (id, user_id, status, total_units, currency_code, created_at)"
                    + " VALUES ($1, $2, 'placed', $3, $4, now())",
                q.lat(2500))
            .end();
    cursor =
        c.sql(
                s,
                cursor + q.lat(30),
                "INSERT",
                "order_items",
                "INSERT INTO order_items (order_id, product_id, quantity, price_units) VALUES"
                    + " ($1, $2, $3, $4)",
                q.lat(1800))
            .end();
    int partition = r.nextInt(12);
    SpanDraft published = c.publish(s, cursor, "orders", orderId, partition);
    // The worker picks the message up later; sometimes the consumer group lags by seconds.
    long lag = r.chance(0.05) ? r.micros(2 * SECOND, 12 * SECOND) : q.lat(35 * MS);
    c.consume(
        published,
        published.end() + lag,
        ORDER_WORKER,
        "orders",
        orderId,
        partition,
        1_000_000L + r.nextInt(9_000_000),
        (w, t0) -> fulfilment.fulfilOrder(w, t0, orderId));
    cursor =
        c.grpc(
                s,
                published.end(),
                CART,
                CART_RPC,
                "EmptyCart",
                (cs, t0) -> c.redis(cs, t0, "DEL", "DEL cart:" + q.userId, q.lat(300)).end())
            .end();
    s.log(
        cursor,
        KeyValue.string("event", "order placed"),
        KeyValue.string("app.order.id", orderId),
        KeyValue.float64("app.order.amount", amount));
    return cursor + q.lat(100);
  }

  /** inventory-service (Java): reserve stock; a deadlock now and then, retried once. */
  private long reserveStock(SpanDraft s, long at, int items) {
    String statement =
        "UPDATE stock SET reserved = reserved + ? WHERE product_id = ? AND quantity - reserved"
            + " >= ?";
    SpanDraft update = c.sql(s, at, "UPDATE", "stock", statement, q.lat(3 * MS));
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
      cursor = c.sql(s, cursor + backoff, "UPDATE", "stock", statement, q.lat(3 * MS)).end();
    }
    s.tag("app.inventory.reserved_items", (long) items);
    return cursor + q.lat(100);
  }

  /**
   * payment-service (Node.js): charges the card at the external provider, retrying 503s with
   * backoff ({@code http.request.resend_count} on the repeated requests).
   */
  private long charge(SpanDraft s, long at, double amount) {
    s.tag("app.payment.amount", amount)
        .tag("app.payment.currency", "USD")
        .tag("app.payment.card_type", r.pick(CARD_TYPES));
    long cursor = c.internal(s, at, "validate card", q.lat(400)).end();
    boolean incident = paymentIncident.test(at);
    boolean declined = r.chance(0.03);
    boolean charged = false;
    int attempt = 0;
    while (true) {
      boolean unavailable = !declined && r.chance(incident ? 0.7 : 0.02);
      long duration = unavailable ? q.lat(incident ? 900 * MS : 250 * MS) : q.lat(180 * MS);
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
          "app.payment.transaction.id", "ch_" + r.chars(24, ALPHANUMERIC).toLowerCase(Locale.ROOT));
    }
    return cursor + q.lat(300);
  }
}
