package io.sightline.demo;

import static io.sightline.demo.ShopFlows.ALPHANUMERIC;
import static io.sightline.demo.ShopFlows.MS;
import static io.sightline.demo.ShopFlows.SECOND;
import static io.sightline.demo.ShopFlows.SHIPPING_RPC;
import static io.sightline.demo.ShopService.NOTIFICATION;
import static io.sightline.demo.ShopService.SHIPPING;

import io.sightline.trace.KeyValue;

/**
 * What follows a placed order, asynchronously: the order-worker ships it and has the
 * notification-service send the confirmation e-mail.
 */
final class OrderFulfilment extends RequestPart {

  OrderFulfilment(ShopRequest q) {
    super(q);
  }

  /** order-worker (Java): fulfils an order after checkout, asynchronously. */
  long fulfilOrder(SpanDraft w, long at, String orderId) {
    w.tag("app.order.id", orderId);
    long cursor =
        c.sql(
                w,
                at,
                "SELECT",
                "orders",
                "SELECT id, user_id, status, total_units FROM orders WHERE id = ?",
                q.lat(1500))
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
                  long label = c.internal(ss, t0, "create shipping label", q.lat(4 * MS)).end();
                  return c.sql(
                          ss,
                          label,
                          "INSERT",
                          "shipments",
                          "INSERT INTO shipments (order_id, tracking_id, carrier) VALUES ($1, $2,"
                              + " $3)",
                          q.lat(2 * MS))
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
                q.lat(2 * MS))
            .end();
    return c.publish(w, cursor, "order-events", orderId, r.nextInt(12)).end();
  }

  /** notification-service (Python): renders and sends the confirmation e-mail. */
  private long sendConfirmation(SpanDraft s, long at, String orderId) {
    s.tag("app.order.id", orderId).tag("app.notification.channel", "email");
    long cursor = c.redis(s, at, "INCR", "INCR ratelimit:email:" + q.userId, q.lat(300)).end();
    cursor = c.internal(s, cursor, "render email", q.lat(5 * MS)).end();
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
      return send.end() + q.lat(200);
    }
    cursor = c.internal(s, cursor, "send email", q.lat(120 * MS)).end();
    s.status = 202;
    return c.sql(
            s,
            cursor,
            "INSERT",
            "notifications",
            "INSERT INTO notifications (order_id, channel, sent_at) VALUES (%s, %s, now())",
            q.lat(1500))
        .end();
  }
}
