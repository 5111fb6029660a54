package io.sightline.trace;

import java.time.Duration;
import java.util.Objects;

/**
 * Guards on what one request may ask the storage for. Jaeger has none; without them one request can
 * ask Elasticsearch for a million traces or for every daily index of ten years.
 *
 * @param maxLimit the most traces one search may ask for ({@code limit}); Jaeger UI offers up to
 *     1,500
 * @param maxLookback the longest time window one search ({@code end - start}) or dependencies
 *     request ({@code lookback}) may cover
 */
public record QueryLimits(int maxLimit, Duration maxLookback) {

  /** 1,500 traces (the largest choice in Jaeger UI) and 31 days. */
  public static final QueryLimits DEFAULTS = new QueryLimits(1500, Duration.ofDays(31));

  public QueryLimits {
    Objects.requireNonNull(maxLookback, "maxLookback");
    if (maxLimit < 1) {
      throw new IllegalArgumentException("the maximum search limit must be at least 1");
    }
    if (maxLookback.isNegative() || maxLookback.isZero()) {
      throw new IllegalArgumentException("the maximum lookback must be positive");
    }
  }
}
