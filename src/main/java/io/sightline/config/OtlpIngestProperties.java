package io.sightline.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The OTLP receivers ({@code sightline.ingest.otlp.*}; Jaeger's {@code COLLECTOR_OTLP_*}).
 *
 * @param enabled {@code COLLECTOR_OTLP_ENABLED}: {@code true}/{@code false}; blank = on with the
 *     embedded store, off with Elasticsearch/OpenSearch
 * @param grpcHostPort {@code COLLECTOR_OTLP_GRPC_HOST_PORT}, {@code [host]:port}
 * @param httpHostPort {@code COLLECTOR_OTLP_HTTP_HOST_PORT}, {@code [host]:port}
 * @param queueSpans how many spans may wait for the store before requests are refused (retryable)
 * @param maxRequestSize the largest gRPC message or HTTP body (after gzip decompression)
 * @param dependenciesInterval embedded store: how often the links of arrived spans are recorded
 */
@ConfigurationProperties("sightline.ingest.otlp")
public record OtlpIngestProperties(
    String enabled,
    @DefaultValue(":4317") String grpcHostPort,
    @DefaultValue(":4318") String httpHostPort,
    @DefaultValue("100000") int queueSpans,
    @DefaultValue("16MB") DataSize maxRequestSize,
    @DefaultValue("10s") Duration dependenciesInterval) {

  public OtlpIngestProperties {
    if (queueSpans < 1) {
      throw new IllegalArgumentException(
          "sightline.ingest.otlp.queue-spans must be positive, got " + queueSpans);
    }
    if (maxRequestSize.toBytes() < 1 || maxRequestSize.toBytes() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "sightline.ingest.otlp.max-request-size must be between 1B and 2GB, got "
              + maxRequestSize);
    }
    if (dependenciesInterval.isNegative() || dependenciesInterval.isZero()) {
      throw new IllegalArgumentException(
          "sightline.ingest.otlp.dependencies-interval must be positive, got "
              + dependenciesInterval);
    }
  }
}
