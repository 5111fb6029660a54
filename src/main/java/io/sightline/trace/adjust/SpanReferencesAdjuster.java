package io.sightline.trace.adjust;

import io.sightline.trace.Span;
import io.sightline.trace.SpanReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes references whose trace ID is zero, with a warning each (Jaeger's {@code SpanReferences}).
 * The warning shows the reference as Jaeger's Go code prints it ({@code %+v} of its model struct).
 */
final class SpanReferencesAdjuster extends EachSpanAdjuster {

  @Override
  Span adjust(Span span) {
    if (!hasInvalidReference(span)) {
      return span;
    }
    List<SpanReference> kept = new ArrayList<>(span.references().size());
    List<String> removed = new ArrayList<>();
    for (SpanReference ref : span.references()) {
      if (ref.traceId().isZero()) {
        removed.add("Invalid span reference removed " + goStruct(ref));
      } else {
        kept.add(ref);
      }
    }
    Span adjusted = span.withReferences(kept);
    for (String warning : removed) {
      adjusted = adjusted.withWarning(warning);
    }
    return adjusted;
  }

  private static boolean hasInvalidReference(Span span) {
    for (SpanReference ref : span.references()) {
      if (ref.traceId().isZero()) {
        return true;
      }
    }
    return false;
  }

  /** Go's {@code fmt.Sprintf("%+v", ref)} of Jaeger's gogo-protobuf {@code SpanRef}. */
  static String goStruct(SpanReference ref) {
    return "{TraceID:"
        + ref.traceId()
        + " SpanID:"
        + ref.spanId()
        + " RefType:"
        + ref.refType().name()
        + " XXX_NoUnkeyedLiteral:{} XXX_unrecognized:[] XXX_sizecache:0}";
  }
}
