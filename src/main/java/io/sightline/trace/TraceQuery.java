package io.sightline.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A trace search. Every condition must hold on one and the same span: a trace matches when one of
 * its spans has the service, the operation, a duration in range and every tag.
 *
 * @param serviceName exact service name, or {@code ""} for any service
 * @param operationName exact operation name, or {@code ""} for any operation
 * @param tags tag key → value pattern (an anchored Lucene regular expression, as in Jaeger), in the
 *     order given
 * @param startTimeMin earliest span start (inclusive)
 * @param startTimeMax latest span start (inclusive)
 * @param durationMin minimum span duration; {@link Duration#ZERO} for none
 * @param durationMax maximum span duration; {@link Duration#ZERO} for none
 * @param limit the most traces to return; 0 means the default of {@value #DEFAULT_LIMIT}
 */
public record TraceQuery(
    String serviceName,
    String operationName,
    Map<String, String> tags,
    Instant startTimeMin,
    Instant startTimeMax,
    Duration durationMin,
    Duration durationMax,
    int limit) {

  /** Jaeger's default number of traces when none is asked for. */
  public static final int DEFAULT_LIMIT = 100;

  public TraceQuery {
    serviceName = serviceName == null ? "" : serviceName;
    operationName = operationName == null ? "" : operationName;
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    Objects.requireNonNull(startTimeMin, "startTimeMin");
    Objects.requireNonNull(startTimeMax, "startTimeMax");
    durationMin = durationMin == null ? Duration.ZERO : durationMin;
    durationMax = durationMax == null ? Duration.ZERO : durationMax;
    if (startTimeMax.isBefore(startTimeMin)) {
      throw new InvalidQueryException("end", "start Time Minimum is above Maximum");
    }
    if (durationMin.isNegative() || durationMax.isNegative()) {
      throw new InvalidQueryException(
          durationMin.isNegative() ? "minDuration" : "maxDuration",
          "duration must not be negative");
    }
    if (!durationMin.isZero() && !durationMax.isZero() && durationMax.compareTo(durationMin) < 0) {
      throw new InvalidQueryException(
          "maxDuration", "'maxDuration' should be greater than 'minDuration'");
    }
    if (limit < 0) {
      throw new InvalidQueryException("limit", "'limit' must not be negative");
    }
    if (limit == 0) {
      limit = DEFAULT_LIMIT;
    }
  }

  /**
   * Jaeger caps a search that gives a minimum span duration but no maximum at 24 hours: longer
   * spans never match it.
   */
  public static final Duration MIN_ONLY_DURATION_CAP = Duration.ofHours(24);

  /**
   * The span-duration condition as every store applies it: microseconds, truncated as Jaeger's
   * {@code DurationAsMicroseconds}, both ends inclusive, the maximum {@link #MIN_ONLY_DURATION_CAP}
   * when only a minimum was given.
   *
   * @return the range, or {@code null} when the query has no duration condition
   */
  public DurationRange spanDurationMicros() {
    if (durationMin.isZero() && durationMax.isZero()) {
      return null;
    }
    Duration max = durationMax.isZero() ? MIN_ONLY_DURATION_CAP : durationMax;
    return new DurationRange(micros(durationMin), micros(max));
  }

  /** Whole microseconds, truncated; saturating at the {@code long} range. */
  private static long micros(Duration duration) {
    try {
      return Math.addExact(
          Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000);
    } catch (ArithmeticException e) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * A span duration range in microseconds, both ends inclusive.
   *
   * @param min the shortest matching duration (µs)
   * @param max the longest matching duration (µs)
   */
  public record DurationRange(long min, long max) {}

  public static Builder builder(Instant startTimeMin, Instant startTimeMax) {
    return new Builder(startTimeMin, startTimeMax);
  }

  /** Builds a {@link TraceQuery}; unset fields take their "no condition" value. */
  public static final class Builder {
    private String serviceName = "";
    private String operationName = "";
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Instant startTimeMin;
    private final Instant startTimeMax;
    private Duration durationMin = Duration.ZERO;
    private Duration durationMax = Duration.ZERO;
    private int limit;

    private Builder(Instant startTimeMin, Instant startTimeMax) {
      this.startTimeMin = startTimeMin;
      this.startTimeMax = startTimeMax;
    }

    public Builder serviceName(String value) {
      this.serviceName = value;
      return this;
    }

    public Builder operationName(String value) {
      this.operationName = value;
      return this;
    }

    public Builder tag(String key, String valuePattern) {
      this.tags.put(key, valuePattern);
      return this;
    }

    public Builder tags(Map<String, String> values) {
      this.tags.putAll(values);
      return this;
    }

    public Builder durationMin(Duration value) {
      this.durationMin = value;
      return this;
    }

    public Builder durationMax(Duration value) {
      this.durationMax = value;
      return this;
    }

    public Builder limit(int value) {
      this.limit = value;
      return this;
    }

    public TraceQuery build() {
      return new TraceQuery(
          serviceName,
          operationName,
          tags,
          startTimeMin,
          startTimeMax,
          durationMin,
          durationMax,
          limit);
    }
  }
}
