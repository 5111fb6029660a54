package io.sightline.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.sightline.gotext.GoDuration;
import io.sightline.grpc.jaeger.v2.TraceQueryParameters;
import io.sightline.http.ApiV3QueryParser;
import io.sightline.http.TraceIdParser;
import io.sightline.trace.DependencyQuery;
import io.sightline.trace.QueryLimits;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceQuery;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Objects;

/**
 * The gRPC requests of both API versions as the query model, checked with the same guards as the
 * HTTP API ({@link QueryLimits}); every refusal is {@code INVALID_ARGUMENT} naming the proto field.
 *
 * <p>Jaeger's Go clients send an unset time as Go's zero time (year 1), not as an absent field:
 * both mean "not given", and so does the Unix epoch.
 */
final class QueryRequests {

  /** Go's {@code time.Time{}} as a {@code Timestamp}: 0001-01-01T00:00:00Z. */
  private static final long GO_ZERO_TIME_SECONDS = -62_135_596_800L;

  private final QueryLimits limits;

  QueryRequests(QueryLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * api_v3's {@code TraceQueryParameters} as api_v2's: the two messages have the same fields under
   * the same numbers (1–9; v3 names the tags {@code attributes}), so v3's bytes read as v2's.
   * Fields v2 does not know (v3's {@code filter}) stay unknown fields.
   */
  static TraceQueryParameters v2(io.sightline.grpc.jaeger.v3.TraceQueryParameters query) {
    try {
      return TraceQueryParameters.parseFrom(query.toByteString());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("v3 search parameters are not v2's on the wire", e);
    }
  }

  /**
   * A search as the query model.
   *
   * @param search the {@code query} of a {@code FindTracesRequest} (v3's through {@link #v2})
   * @param tagsField the name of the tags field ({@code tags} in v2, {@code attributes} in v3)
   */
  TraceQuery traceQuery(TraceQueryParameters search, String tagsField) {
    String prefix = "query.";
    Instant min = time(search.getStartTimeMin(), prefix + "start_time_min");
    Instant max = time(search.getStartTimeMax(), prefix + "start_time_max");
    if (min == null || max == null) {
      throw GrpcFailures.invalid(
          prefix + "start_time_min",
          prefix + "start_time_min and " + prefix + "start_time_max are required");
    }
    if (max.isBefore(min)) {
      throw GrpcFailures.invalid(
          prefix + "start_time_max", "must not be before " + prefix + "start_time_min");
    }
    checkRange(java.time.Duration.between(min, max), prefix + "start_time_min");
    java.time.Duration durationMin = duration(search.getDurationMin(), prefix + "duration_min");
    java.time.Duration durationMax = duration(search.getDurationMax(), prefix + "duration_max");
    if (!durationMin.isZero() && !durationMax.isZero() && durationMax.compareTo(durationMin) < 0) {
      throw GrpcFailures.invalid(
          prefix + "duration_max", "must not be less than " + prefix + "duration_min");
    }
    int depth = search.getSearchDepth();
    if (depth < 0) {
      throw GrpcFailures.invalid(prefix + "search_depth", "must not be negative");
    }
    if (depth > limits.maxLimit()) {
      throw GrpcFailures.invalid(
          prefix + "search_depth", "must not be greater than " + limits.maxLimit());
    }
    if (depth == 0) {
      depth = Math.min(ApiV3QueryParser.DEFAULT_SEARCH_DEPTH, limits.maxLimit());
    }
    for (String key : search.getTagsMap().keySet()) {
      if (key.isEmpty()) {
        throw GrpcFailures.invalid(prefix + tagsField, "a key must not be empty");
      }
    }
    return TraceQuery.builder(min, max)
        .serviceName(search.getServiceName())
        .operationName(search.getOperationName())
        .tags(search.getTagsMap())
        .durationMin(durationMin)
        .durationMax(durationMax)
        .limit(depth)
        .build();
  }

  /** api_v2: a trace ID of 16 big-endian bytes, with optional window hints. */
  static TraceLookup lookup(ByteString traceId, Timestamp start, Timestamp end) {
    if (traceId.size() != 16) {
      throw GrpcFailures.invalid("trace_id", "must be 16 bytes, got " + traceId.size());
    }
    return lookup(TraceId.fromBytes(traceId.toByteArray()), start, end);
  }

  /** api_v3: a trace ID in hex (up to 32 digits), with optional window hints. */
  static TraceLookup lookup(String traceId, Timestamp start, Timestamp end) {
    if (traceId.isEmpty()) {
      throw GrpcFailures.invalid("trace_id", "is required");
    }
    TraceId id;
    try {
      id = TraceIdParser.parseHex(traceId);
    } catch (IllegalArgumentException e) {
      throw GrpcFailures.invalid("trace_id", e.getMessage());
    }
    return lookup(id, start, end);
  }

  private static TraceLookup lookup(TraceId id, Timestamp start, Timestamp end) {
    if (id.isZero()) {
      throw GrpcFailures.invalid("trace_id", "must not be zero");
    }
    Instant from = time(start, "start_time");
    Instant to = time(end, "end_time");
    if (from != null && to != null && to.isBefore(from)) {
      // Contradicting hints narrow nothing down, as over HTTP.
      from = null;
      to = null;
    }
    return new TraceLookup(id, from, to);
  }

  /** The dependencies of {@code [start_time, end_time]}; both required. */
  DependencyQuery dependencies(Timestamp start, Timestamp end) {
    Instant from = time(start, "start_time");
    Instant to = time(end, "end_time");
    if (from == null || to == null) {
      throw GrpcFailures.invalid("start_time", "start_time and end_time are required");
    }
    if (to.isBefore(from)) {
      throw GrpcFailures.invalid("end_time", "must not be before start_time");
    }
    java.time.Duration lookback = java.time.Duration.between(from, to);
    checkRange(lookback, "start_time");
    return new DependencyQuery(to, lookback);
  }

  /** Refuses a time range longer than the limits allow, naming its start field. */
  private void checkRange(java.time.Duration range, String field) {
    if (range.compareTo(limits.maxLookback()) > 0) {
      throw GrpcFailures.invalid(
          field,
          "the time range ("
              + GoDuration.format(range)
              + ") is longer than the maximum of "
              + GoDuration.format(limits.maxLookback()));
    }
  }

  /** A time, or {@code null} when not given (absent, Go's zero time or the epoch). */
  static Instant time(Timestamp timestamp, String field) {
    if (timestamp == null) {
      return null;
    }
    long seconds = timestamp.getSeconds();
    int nanos = timestamp.getNanos();
    if (nanos == 0 && (seconds == 0 || seconds == GO_ZERO_TIME_SECONDS)) {
      return null;
    }
    if (nanos < 0 || nanos > 999_999_999) {
      throw GrpcFailures.invalid(field, "nanos out of range: " + nanos);
    }
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      throw GrpcFailures.invalid(field, "time out of range");
    }
  }

  /** A duration; zero when not given; never negative. */
  static java.time.Duration duration(Duration duration, String field) {
    if (duration == null) {
      return java.time.Duration.ZERO;
    }
    long seconds = duration.getSeconds();
    int nanos = duration.getNanos();
    if (seconds < 0 || nanos < 0) {
      throw GrpcFailures.invalid(field, "must not be negative");
    }
    if (nanos > 999_999_999) {
      throw GrpcFailures.invalid(field, "nanos out of range: " + nanos);
    }
    return java.time.Duration.ofSeconds(seconds, nanos);
  }
}
