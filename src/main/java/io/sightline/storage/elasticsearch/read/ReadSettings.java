package io.sightline.storage.elasticsearch.read;

import java.time.Duration;
import java.util.Objects;

/**
 * How the readers bound their searches.
 *
 * @param maxSpanAge how far back trace-by-ID lookups and service lists reach ({@code
 *     ES_MAX_SPAN_AGE}, 72h); ignored where the indices are read through an alias or are the
 *     archive
 * @param maxTraceDuration how much a trace fetch widens its window on both sides, so that a trace
 *     found by one span is fetched whole (Jaeger v2.20+ {@code max_trace_duration}, 24h)
 * @param maxDocCount page size of trace fetches and size of aggregations ({@code ES_MAX_DOC_COUNT},
 *     10,000)
 * @param timeWindows false where indices carry no dates (aliases, the archive): trace fetches then
 *     have no time condition at all
 */
public record ReadSettings(
    Duration maxSpanAge, Duration maxTraceDuration, int maxDocCount, boolean timeWindows) {

  public ReadSettings {
    Objects.requireNonNull(maxSpanAge, "maxSpanAge");
    Objects.requireNonNull(maxTraceDuration, "maxTraceDuration");
    if (maxDocCount <= 0) {
      throw new IllegalArgumentException("ES_MAX_DOC_COUNT must be positive, got " + maxDocCount);
    }
  }

  /** Jaeger's defaults: 72h, 24h, 10,000, dated indices. */
  public static ReadSettings defaults() {
    return new ReadSettings(Duration.ofHours(72), Duration.ofHours(24), 10_000, true);
  }
}
