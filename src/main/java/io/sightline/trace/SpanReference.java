package io.sightline.trace;

import java.util.Objects;

/**
 * A reference from one span to another (its parent, or a link).
 *
 * @param refType CHILD_OF or FOLLOWS_FROM
 * @param traceId the referenced span's trace (a link may point into another trace)
 * @param spanId the referenced span
 */
public record SpanReference(RefType refType, TraceId traceId, SpanId spanId) {

  public SpanReference {
    Objects.requireNonNull(refType, "refType");
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
  }

  public static SpanReference childOf(TraceId traceId, SpanId spanId) {
    return new SpanReference(RefType.CHILD_OF, traceId, spanId);
  }

  public static SpanReference followsFrom(TraceId traceId, SpanId spanId) {
    return new SpanReference(RefType.FOLLOWS_FROM, traceId, spanId);
  }
}
