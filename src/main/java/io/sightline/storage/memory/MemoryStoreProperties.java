package io.sightline.storage.memory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of the embedded store ({@code sightline.memory.*}).
 *
 * <p>Eviction policy: when a write takes the store past either bound, whole traces are dropped, the
 * one first written longest ago first, until both bounds hold again (a trace that alone has more
 * than {@code maxSpans} spans is dropped too, so the bound always holds). Services and operations
 * are kept apart from the spans, like Elasticsearch's service index, and are listed for {@code
 * maxSpanAge} whether or not their spans are still held.
 *
 * @param maxTraces the most traces held; 0 for no limit on the number of traces (Jaeger's {@code
 *     MEMORY_MAX_TRACES} meaning)
 * @param maxSpans the most spans held in all traces together; positive
 * @param maxSpanAge how far back services and operations are listed, counted in whole UTC days as
 *     Elasticsearch's daily service indices are (Jaeger's {@code max_span_age}, 72h)
 */
@ConfigurationProperties("sightline.memory")
public record MemoryStoreProperties(
    @DefaultValue("50000") int maxTraces,
    @DefaultValue("500000") int maxSpans,
    @DefaultValue("72h") Duration maxSpanAge) {

  public MemoryStoreProperties {
    if (maxTraces < 0) {
      throw new IllegalArgumentException(
          "sightline.memory.max-traces must not be negative (0 = no limit), got " + maxTraces);
    }
    if (maxSpans <= 0) {
      throw new IllegalArgumentException(
          "sightline.memory.max-spans must be positive, got " + maxSpans);
    }
    if (maxSpanAge == null || maxSpanAge.isNegative()) {
      throw new IllegalArgumentException(
          "sightline.memory.max-span-age must not be negative, got " + maxSpanAge);
    }
  }

  /** The defaults: 50,000 traces, 500,000 spans, 72 hours. */
  @SuppressWarnings("CanonicalDuration") // 72h, as Jaeger states its max span age
  public static MemoryStoreProperties defaults() {
    return new MemoryStoreProperties(50_000, 500_000, Duration.ofHours(72));
  }
}
