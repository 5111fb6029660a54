package io.sightline.trace.adjust;

import io.sightline.trace.RefType;
import io.sightline.trace.Span;
import io.sightline.trace.SpanReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Puts the parent reference first, where the UI looks for it (Jaeger's {@code ParentReference}):
 * the first CHILD_OF reference into the same trace, or else the first reference of any kind into
 * the same trace, swaps places with the first reference.
 */
final class ParentReferenceAdjuster extends EachSpanAdjuster {

  @Override
  Span adjust(Span span) {
    List<SpanReference> refs = span.references();
    int firstChildOf = -1;
    int firstOther = -1;
    for (int i = 0; i < refs.size(); i++) {
      SpanReference ref = refs.get(i);
      if (ref.traceId().equals(span.traceId())) {
        if (ref.refType() == RefType.CHILD_OF) {
          firstChildOf = i;
          break;
        }
        if (firstOther < 0) {
          firstOther = i;
        }
      }
    }
    int swap = firstChildOf >= 0 ? firstChildOf : firstOther;
    if (swap <= 0) {
      return span;
    }
    List<SpanReference> reordered = new ArrayList<>(refs);
    Collections.swap(reordered, 0, swap);
    return span.withReferences(reordered);
  }
}
