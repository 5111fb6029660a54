package io.sightline.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Dependency links in the window {@code [endTs - lookback, endTs]}.
 *
 * @param endTs the end of the window
 * @param lookback the window's length; positive
 */
public record DependencyQuery(Instant endTs, Duration lookback) {

  public DependencyQuery {
    Objects.requireNonNull(endTs, "endTs");
    Objects.requireNonNull(lookback, "lookback");
    if (lookback.isNegative()) {
      throw new InvalidQueryException("lookback", "'lookback' must not be negative");
    }
  }

  /** The start of the window. */
  public Instant startTs() {
    return endTs.minus(lookback);
  }
}
