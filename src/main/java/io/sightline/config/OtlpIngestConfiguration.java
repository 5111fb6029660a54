package io.sightline.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.sightline.ingest.OtlpGrpcServer;
import io.sightline.ingest.OtlpHttpServer;
import io.sightline.ingest.SpanIngest;
import io.sightline.storage.StorageType;
import io.sightline.storage.memory.MemoryDependencyStore;
import io.sightline.storage.memory.MemorySpanStore;
import io.sightline.trace.SpanWriter;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * OTLP ingest ({@code COLLECTOR_OTLP_ENABLED}): the gRPC and HTTP receivers and their queue, which
 * writes with the store's own {@link SpanWriter} — the loader's. With the embedded store the writer
 * also records the dependency links of what arrives ({@link ArrivedDependencies}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OtlpIngestConfiguration.Enabled.class)
@EnableConfigurationProperties(OtlpIngestProperties.class)
class OtlpIngestConfiguration {

  /** Spans one store write takes at most (the loader's batch size is of the same order). */
  static final int WRITE_BATCH_SPANS = 5_000;

  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  @Bean(destroyMethod = "close")
  OtlpReceivers otlpReceivers(
      OtlpIngestProperties properties,
      SpanWriter spanWriter,
      ObjectProvider<MemorySpanStore> memorySpans,
      ObjectProvider<MemoryDependencyStore> memoryDependencies,
      ObjectProvider<Clock> clock,
      MeterRegistry registry) {
    MemorySpanStore spans = memorySpans.getIfUnique();
    MemoryDependencyStore dependencies = memoryDependencies.getIfUnique();
    SpanWriter writer = spanWriter;
    AutoCloseable afterIngest = () -> {};
    if (spans != null && dependencies != null) {
      ArrivedDependencies arrived =
          new ArrivedDependencies(
              spans,
              spans,
              dependencies,
              properties.dependenciesInterval(),
              clock.getIfUnique(Clock::systemUTC));
      writer = arrived;
      afterIngest = arrived;
    }
    int maxRequest = (int) properties.maxRequestSize().toBytes();
    SpanIngest ingest =
        new SpanIngest(
            writer, properties.queueSpans(), WRITE_BATCH_SPANS, SHUTDOWN_GRACE, registry);
    OtlpGrpcServer grpc = null;
    try {
      grpc =
          OtlpGrpcServer.start(
              HostPort.parse(properties.grpcHostPort()).socketAddress(), ingest, maxRequest);
      int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
      OtlpHttpServer http =
          OtlpHttpServer.start(
              HostPort.parse(properties.httpHostPort()).socketAddress(),
              ingest,
              maxRequest,
              threads);
      return new OtlpReceivers(ingest, grpc, http, afterIngest);
    } catch (RuntimeException e) {
      if (grpc != null) {
        grpc.close();
      }
      ingest.close();
      throw e;
    }
  }

  /** {@code COLLECTOR_OTLP_ENABLED}, whose default depends on the store. */
  static final class Enabled implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String enabled = context.getEnvironment().getProperty("sightline.ingest.otlp.enabled", "");
      if (!enabled.isBlank()) {
        return Boolean.parseBoolean(enabled.trim());
      }
      return StorageType.parse(context.getEnvironment().getProperty(StorageType.PROPERTY))
          == StorageType.MEMORY;
    }
  }
}
