package io.sightline.trace;

import java.time.Instant;
import java.util.Objects;

/**
 * A request for one trace by ID, optionally with the time window the caller knows it lies in.
 *
 * @param traceId the trace
 * @param start the earliest span start the caller expects, or {@code null}
 * @param end the latest span start the caller expects, or {@code null}
 */
public record TraceLookup(TraceId traceId, Instant start, Instant end) {

  public TraceLookup {
    Objects.requireNonNull(traceId, "traceId");
  }

  public static TraceLookup of(TraceId traceId) {
    return new TraceLookup(traceId, null, null);
  }
}
