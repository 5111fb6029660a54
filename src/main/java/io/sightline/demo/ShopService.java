package io.sightline.demo;

import io.sightline.trace.KeyValue;

/**
 * The instrumented services of the demo shop. Redis, PostgreSQL, Kafka and the external payment
 * provider are not instrumented: they appear only as {@code peer.service} of client spans, as they
 * would in a real deployment.
 */
@SuppressWarnings("ImmutableEnumChecker") // KeyValue is an immutable record
enum ShopService {
  WEB_FRONTEND("web-frontend", Sdk.NODEJS, "3.8.1", 3, 8080),
  API_GATEWAY("api-gateway", Sdk.JAVA, "2.14.0", 3, 8080),
  AUTH("auth-service", Sdk.GO, "1.9.4", 2, 50051),
  CATALOG("catalog-service", Sdk.JAVA, "4.2.1", 3, 50051),
  SEARCH("search-service", Sdk.PYTHON, "2.3.0", 2, 8000),
  RECOMMENDATION("recommendation-service", Sdk.PYTHON, "1.12.2", 2, 50051),
  CART("cart-service", Sdk.DOTNET, "3.1.0", 2, 7070),
  CHECKOUT("checkout-service", Sdk.GO, "2.7.5", 2, 50051),
  PAYMENT("payment-service", Sdk.NODEJS, "1.20.3", 2, 8080),
  INVENTORY("inventory-service", Sdk.JAVA, "1.6.0", 2, 50051),
  SHIPPING("shipping-service", Sdk.RUST, "0.9.8", 2, 50051),
  NOTIFICATION("notification-service", Sdk.PYTHON, "1.4.1", 1, 8000),
  ORDER_WORKER("order-worker", Sdk.JAVA, "2.7.5", 2, 8080);

  /** Uninstrumented peers, named by {@code peer.service}. */
  static final String REDIS = "redis";

  static final String POSTGRESQL = "postgresql";
  static final String KAFKA = "kafka";
  static final String PAYMENT_PROVIDER = "payment-provider";

  final String serviceName;
  final Sdk sdk;
  final String version;
  final int replicas;
  final int port;

  // Shared tag instances: large traces repeat them on thousands of spans.
  final KeyValue serverAddress;
  final KeyValue serverPort;
  final KeyValue appScope;

  ShopService(String serviceName, Sdk sdk, String version, int replicas, int port) {
    this.serviceName = serviceName;
    this.sdk = sdk;
    this.version = version;
    this.replicas = replicas;
    this.port = port;
    this.serverAddress = KeyValue.string("server.address", serviceName);
    this.serverPort = KeyValue.int64("server.port", port);
    this.appScope = KeyValue.string("otel.scope.name", "shop." + serviceName);
  }
}
