package io.sightline.trace;

import java.time.Duration;
import java.util.Objects;

/**
 * Guards on what one request may ask the storage for. Jaeger has none; without them one request can
 * ask Elasticsearch for a million traces or for every daily index of ten years.
 *
 * @param maxLimit the most traces one search may ask for ({@code limit}); by default none beyond
 *     Go's {@code int32} (as Jaeger): the read budget protects memory, not this cap
 * @param maxLookback the longest time window one search ({@code end - start}) or dependencies
 *     request ({@code lookback}) may cover
 */
public record QueryLimits(int maxLimit, Duration maxLookback) {

  /** Any limit Jaeger accepts, and 31 days. */
  public static final QueryLimits DEFAULTS =
      new QueryLimits(Integer.MAX_VALUE, Duration.ofDays(31));

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
