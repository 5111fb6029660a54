package io.sightline.storage.elasticsearch.index;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A closed time window {@code [start, end]} of span start times.
 *
 * @param start the earliest instant (inclusive)
 * @param end the latest instant (inclusive)
 */
public record TimeWindow(Instant start, Instant end) {

  public TimeWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
  }

  /** This window widened by {@code padding} on both sides (saturating at Instant's range). */
  public TimeWindow pad(Duration padding) {
    return new TimeWindow(saturatingMinus(start, padding), saturatingPlus(end, padding));
  }

  /** The smallest window containing both. */
  public TimeWindow hull(TimeWindow other) {
    return new TimeWindow(
        start.isBefore(other.start) ? start : other.start,
        end.isAfter(other.end) ? end : other.end);
  }

  /** Epoch milliseconds of the start, truncated (the unit of {@code startTimeMillis}). */
  public long startMillis() {
    return millis(start);
  }

  /** Epoch milliseconds of the end, truncated. */
  public long endMillis() {
    return millis(end);
  }

  private static long millis(Instant instant) {
    try {
      return instant.toEpochMilli();
    } catch (ArithmeticException e) {
      return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static Instant saturatingMinus(Instant instant, Duration duration) {
    try {
      return instant.minus(duration);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return Instant.MIN;
    }
  }

  private static Instant saturatingPlus(Instant instant, Duration duration) {
    try {
      return instant.plus(duration);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return Instant.MAX;
    }
  }
}
