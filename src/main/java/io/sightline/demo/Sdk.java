package io.sightline.demo;

import io.sightline.trace.KeyValue;

/**
 * The OpenTelemetry SDK a demo service runs, with the instrumentation scope names its libraries
 * report ({@code otel.scope.name}) and how it writes database attributes.
 */
@SuppressWarnings("ImmutableEnumChecker") // KeyValue is an immutable record
enum Sdk {
  JAVA(
      "java",
      "1.49.0",
      "io.opentelemetry.netty-4.1",
      "io.opentelemetry.java-http-client",
      "io.opentelemetry.grpc-1.6",
      "io.opentelemetry.jdbc",
      "io.opentelemetry.lettuce-5.1",
      "io.opentelemetry.kafka-clients-0.11",
      false),
  GO(
      "go",
      "1.35.0",
      "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp",
      "go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp",
      "go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc",
      "github.com/exaring/otelpgx",
      "github.com/redis/go-redis/extra/redisotel",
      "go.opentelemetry.io/contrib/instrumentation/github.com/IBM/sarama/otelsarama",
      false),
  NODEJS(
      "nodejs",
      "1.30.1",
      "@opentelemetry/instrumentation-http",
      "@opentelemetry/instrumentation-undici",
      "@opentelemetry/instrumentation-grpc",
      "@opentelemetry/instrumentation-pg",
      "@opentelemetry/instrumentation-ioredis",
      "@opentelemetry/instrumentation-kafkajs",
      false),
  // Newer Python instrumentations already emit the stable database conventions
  // (db.query.text, db.namespace…); real stores hold both spellings side by side.
  PYTHON(
      "python",
      "1.31.1",
      "opentelemetry.instrumentation.fastapi",
      "opentelemetry.instrumentation.httpx",
      "opentelemetry.instrumentation.grpc",
      "opentelemetry.instrumentation.psycopg",
      "opentelemetry.instrumentation.redis",
      "opentelemetry.instrumentation.confluent_kafka",
      true),
  DOTNET(
      "dotnet",
      "1.11.2",
      "Microsoft.AspNetCore",
      "System.Net.Http",
      "Microsoft.AspNetCore",
      "Npgsql",
      "OpenTelemetry.Instrumentation.StackExchangeRedis",
      "Confluent.Kafka.Extensions.OpenTelemetry",
      false),
  RUST(
      "rust",
      "0.28.0",
      "tracing-opentelemetry",
      "tracing-opentelemetry",
      "tracing-opentelemetry",
      "tracing-opentelemetry",
      "tracing-opentelemetry",
      "tracing-opentelemetry",
      false);

  final String language;
  final String version;
  final KeyValue httpServerScope;
  final KeyValue httpClientScope;
  final KeyValue grpcScope;
  final KeyValue sqlScope;
  final KeyValue redisScope;
  final KeyValue kafkaScope;
  final boolean stableDbConventions;

  Sdk(
      String language,
      String version,
      String httpServer,
      String httpClient,
      String grpc,
      String sql,
      String redis,
      String kafka,
      boolean stableDbConventions) {
    this.language = language;
    this.version = version;
    this.httpServerScope = scope(httpServer);
    this.httpClientScope = scope(httpClient);
    this.grpcScope = scope(grpc);
    this.sqlScope = scope(sql);
    this.redisScope = scope(redis);
    this.kafkaScope = scope(kafka);
    this.stableDbConventions = stableDbConventions;
  }

  private static KeyValue scope(String name) {
    return KeyValue.string("otel.scope.name", name);
  }
}
