package io.sightline.storage.elasticsearch;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanReference;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.time.Instant;
import java.util.List;

/** Small span builders for the storage tests. */
final class TestSpans {

  private TestSpans() {}

  static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  static Span span(
      TraceId traceId, long spanId, Long parent, String service, String operation, Instant start) {
    return new Span(
        traceId,
        new SpanId(spanId),
        operation,
        parent == null ? List.of() : List.of(SpanReference.childOf(traceId, new SpanId(parent))),
        1,
        micros(start),
        1_000,
        List.of(KeyValue.string("span.kind", "server")),
        List.of(),
        new TracedProcess(service, List.of(KeyValue.string("hostname", "host-1"))),
        List.of());
  }

  static Span span(TraceId traceId, long spanId, String service, String operation, Instant start) {
    return span(traceId, spanId, null, service, operation, start);
  }
}
