package io.sightline.format.otlp;

import io.sightline.trace.SpanId;
import io.sightline.trace.TraceId;
import java.util.List;

/**
 * An OTLP span as read from JSON, before the translation to Jaeger's model. IDs that were absent or
 * empty are zero; times are nanoseconds since the epoch as Go reads them ({@code int64} of the
 * {@code fixed64}).
 */
record OtlpSpan(
    TraceId traceId,
    SpanId spanId,
    String traceState,
    SpanId parentSpanId,
    long flags,
    String name,
    int kind,
    long startTimeUnixNano,
    long endTimeUnixNano,
    List<OtlpValue.Attribute> attributes,
    List<Event> events,
    List<Link> links,
    int statusCode,
    String statusMessage) {

  /** OTLP {@code Span.SpanKind} numbers. */
  static final int KIND_UNSPECIFIED = 0;

  static final int KIND_INTERNAL = 1;
  static final int KIND_SERVER = 2;
  static final int KIND_CLIENT = 3;
  static final int KIND_PRODUCER = 4;
  static final int KIND_CONSUMER = 5;

  /** OTLP {@code Status.StatusCode} numbers. */
  static final int STATUS_UNSET = 0;

  static final int STATUS_OK = 1;
  static final int STATUS_ERROR = 2;

  /** A span event. */
  record Event(long timeUnixNano, String name, List<OtlpValue.Attribute> attributes) {}

  /** A span link. */
  record Link(TraceId traceId, SpanId spanId, List<OtlpValue.Attribute> attributes) {}

  /** A scope ({@code InstrumentationScope}) and the spans read under it. */
  record Scope(String name, String version, List<OtlpSpan> spans) {}
}
