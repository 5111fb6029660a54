package io.sightline.demo;

import static io.sightline.demo.Calls.KIND_CLIENT;
import static io.sightline.demo.Calls.KIND_PRODUCER;

import io.sightline.trace.KeyValue;

/**
 * The client spans of calls to the peers that are not instrumented (PostgreSQL, Redis, Kafka), the
 * failure events every call records, and the timing every call shares. {@link Calls} adds the calls
 * between the shop's own services. Times are microseconds.
 */
class PeerCalls {

  // Uninstrumented peers: PostgreSQL, Redis, Kafka and the payment provider.
  private static final KeyValue DB_POSTGRESQL = KeyValue.string("db.system", "postgresql");
  private static final KeyValue DB_NAME = KeyValue.string("db.name", "shop");
  private static final KeyValue DB_NAMESPACE = KeyValue.string("db.namespace", "shop");
  private static final KeyValue DB_USER = KeyValue.string("db.user", "shop_app");
  private static final KeyValue POSTGRES_ADDRESS =
      KeyValue.string("server.address", "postgres-primary");
  private static final KeyValue POSTGRES_PORT = KeyValue.int64("server.port", 5432);
  private static final KeyValue POSTGRES_PEER =
      KeyValue.string("network.peer.address", "10.43.18.5");
  private static final KeyValue PEER_POSTGRESQL =
      KeyValue.string("peer.service", ShopService.POSTGRESQL);

  private static final KeyValue DB_REDIS = KeyValue.string("db.system", "redis");
  private static final KeyValue REDIS_INDEX = KeyValue.int64("db.redis.database_index", 0);
  private static final KeyValue REDIS_NAMESPACE = KeyValue.string("db.namespace", "0");
  private static final KeyValue REDIS_ADDRESS = KeyValue.string("server.address", "redis-master");
  private static final KeyValue REDIS_PORT = KeyValue.int64("server.port", 6379);
  private static final KeyValue REDIS_PEER = KeyValue.string("network.peer.address", "10.43.7.21");
  private static final KeyValue PEER_REDIS = KeyValue.string("peer.service", ShopService.REDIS);

  static final KeyValue MESSAGING_KAFKA = KeyValue.string("messaging.system", "kafka");
  private static final KeyValue PUBLISH = KeyValue.string("messaging.operation", "publish");
  static final KeyValue PROCESS = KeyValue.string("messaging.operation", "process");
  static final KeyValue KAFKA_ADDRESS = KeyValue.string("server.address", "kafka-0.kafka");
  static final KeyValue KAFKA_PORT = KeyValue.int64("server.port", 9092);
  private static final KeyValue PEER_KAFKA = KeyValue.string("peer.service", ShopService.KAFKA);

  final TraceAssembly trace;
  final DemoRandom random;

  PeerCalls(TraceAssembly trace) {
    this.trace = trace;
    this.random = trace.random;
  }

  /** Time on the wire inside the cluster, one way. */
  long network() {
    return random.latency(300, 0.5);
  }

  /** A server's own overhead before and after the handler (routing, (de)serialisation). */
  long overhead() {
    return random.latency(90, 0.6);
  }

  // ---------------------------------------------------------------- databases

  /**
   * A PostgreSQL statement. Most SDKs write the older attributes ({@code db.statement}, {@code
   * db.name}, {@code db.operation}); the Python services write the stable ones ({@code
   * db.query.text}, {@code db.namespace}, {@code db.operation.name}).
   *
   * @param duration µs
   */
  SpanDraft sql(
      SpanDraft caller, long at, String operation, String table, String statement, long duration) {
    Sdk sdk = caller.pod.service().sdk;
    String name = operation + (sdk.stableDbConventions ? " " : " shop.") + table;
    SpanDraft span = trace.child(caller, caller.pod, name, at).tag(KIND_CLIENT).tag(DB_POSTGRESQL);
    if (sdk.stableDbConventions) {
      span.tag(DB_NAMESPACE)
          .tag("db.query.text", statement)
          .tag("db.operation.name", operation)
          .tag("db.collection.name", table);
    } else {
      span.tag(DB_NAME)
          .tag(DB_USER)
          .tag("db.statement", statement)
          .tag("db.operation", operation)
          .tag("db.sql.table", table);
    }
    span.tag(POSTGRES_ADDRESS)
        .tag(POSTGRES_PORT)
        .tag(POSTGRES_PEER)
        .tag(PEER_POSTGRESQL)
        .tag(sdk.sqlScope);
    span.end(at + duration);
    return span;
  }

  /**
   * A Redis command.
   *
   * @param statement the command as the instrumentation shows it (values masked)
   * @param duration µs
   */
  SpanDraft redis(SpanDraft caller, long at, String command, String statement, long duration) {
    Sdk sdk = caller.pod.service().sdk;
    SpanDraft span = trace.child(caller, caller.pod, command, at).tag(KIND_CLIENT).tag(DB_REDIS);
    if (sdk.stableDbConventions) {
      span.tag("db.query.text", statement).tag("db.operation.name", command).tag(REDIS_NAMESPACE);
    } else {
      span.tag("db.statement", statement).tag("db.operation", command).tag(REDIS_INDEX);
    }
    span.tag(REDIS_ADDRESS).tag(REDIS_PORT).tag(REDIS_PEER).tag(PEER_REDIS).tag(sdk.redisScope);
    span.end(at + duration);
    return span;
  }

  /** A failed database call: error status and the driver's exception, at the span's end. */
  void failDb(SpanDraft span, Failure failure) {
    exception(span, span.end(), failure);
    span.markError(failure.message());
  }

  // ---------------------------------------------------------------- messaging

  /** Publishes one message to a Kafka topic: a producer span in the caller. */
  SpanDraft publish(SpanDraft caller, long at, String topic, String key, int partition) {
    Sdk sdk = caller.pod.service().sdk;
    SpanDraft span =
        trace
            .child(caller, caller.pod, topic + " publish", at)
            .tag(KIND_PRODUCER)
            .tag(MESSAGING_KAFKA)
            .tag("messaging.destination.name", topic)
            .tag(PUBLISH)
            .tag("messaging.kafka.message.key", key)
            .tag("messaging.kafka.destination.partition", (long) partition)
            .tag("messaging.client_id", caller.pod.service().serviceName + "-producer-1")
            .tag(KAFKA_ADDRESS)
            .tag(KAFKA_PORT)
            .tag(PEER_KAFKA)
            .tag(sdk.kafkaScope);
    span.end(at + random.latency(1_800, 0.5));
    return span;
  }

  // ---------------------------------------------------------------- events

  /** Records an exception event ({@code event=exception}) at {@code at}. */
  static void exception(SpanDraft span, long at, Failure failure) {
    span.log(
        at,
        KeyValue.string("event", "exception"),
        KeyValue.string("exception.type", failure.type()),
        KeyValue.string("exception.message", failure.message()),
        KeyValue.string("exception.stacktrace", failure.stacktrace()));
  }

  /** Records a failure and marks the span failed with the failure's message. */
  static void fail(SpanDraft span, long at, Failure failure) {
    exception(span, at, failure);
    span.failure = failure.message();
    span.markError(failure.message());
  }
}
