package io.sightline.trace.adjust;

import io.sightline.trace.Adjuster;
import io.sightline.trace.RefType;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives Zipkin-style shared spans distinct IDs (Jaeger's {@code SpanIDDeduper}): Zipkin clients use
 * one span ID for both sides of an RPC, but the UI needs unique IDs. A {@code span.kind=server}
 * span whose ID is also used by a {@code span.kind=client} span gets the first ID not used in the
 * trace, counting up from 1; the shared ID becomes its CHILD_OF parent; and the children of the old
 * server span are re-pointed to the new ID.
 */
final class SpanIdDeduper implements Adjuster {

  static final String WARNING_TOO_MANY_SPANS =
      "cannot assign unique span ID, too many spans in the trace";

  @Override
  public void adjust(Trace trace) {
    List<Span> spans = trace.spans();
    Set<SpanId> usedIds = new HashSet<>();
    Set<SpanId> clientIds = new HashSet<>();
    for (Span span : spans) {
      usedIds.add(span.spanId());
      if (span.spanKind().equals("client")) {
        clientIds.add(span.spanId());
      }
    }
    if (clientIds.isEmpty()) {
      return;
    }
    IdAllocator allocator = new IdAllocator(usedIds);
    Map<SpanId, SpanId> oldToNew = new HashMap<>();
    for (int i = 0; i < spans.size(); i++) {
      Span span = spans.get(i);
      if (!span.spanKind().equals("server") || !clientIds.contains(span.spanId())) {
        continue;
      }
      SpanId newId = allocator.next();
      if (newId == null) {
        spans.set(i, span.withWarning(WARNING_TOO_MANY_SPANS));
        continue;
      }
      oldToNew.put(span.spanId(), newId);
      // The shared ID (the client side) becomes the server span's parent.
      spans.set(i, replaceParentId(span, span.spanId()).withSpanId(newId));
    }
    if (oldToNew.isEmpty()) {
      return;
    }
    spans.replaceAll(
        span -> {
          SpanId newParent = oldToNew.get(parentOrZero(span));
          if (newParent == null || span.spanId().equals(newParent)) {
            return span;
          }
          return replaceParentId(span, newParent);
        });
  }

  /** Jaeger's {@code ParentSpanID()}: the first same-trace CHILD_OF reference, or 0. */
  private static SpanId parentOrZero(Span span) {
    SpanId parent = span.parentSpanId();
    return parent == null ? new SpanId(0) : parent;
  }

  /**
   * Jaeger's {@code ReplaceParentID}: points the reference to the current parent at the new one;
   * without such a reference, adds a CHILD_OF reference in front (unless one to the new parent
   * exists).
   */
  static Span replaceParentId(Span span, SpanId newParent) {
    SpanId oldParent = parentOrZero(span);
    List<SpanReference> refs = span.references();
    for (int i = 0; i < refs.size(); i++) {
      SpanReference ref = refs.get(i);
      if (ref.spanId().equals(oldParent) && ref.traceId().equals(span.traceId())) {
        List<SpanReference> updated = new ArrayList<>(refs);
        updated.set(i, new SpanReference(ref.refType(), ref.traceId(), newParent));
        return span.withReferences(updated);
      }
    }
    if (newParent.value() == 0) {
      return span;
    }
    for (SpanReference ref : refs) {
      if (ref.spanId().equals(newParent) && ref.traceId().equals(span.traceId())) {
        return span;
      }
    }
    List<SpanReference> updated = new ArrayList<>(refs.size() + 1);
    updated.add(new SpanReference(RefType.CHILD_OF, span.traceId(), newParent));
    updated.addAll(refs);
    return span.withReferences(updated);
  }

  /** Hands out IDs not used by the trace, counting up from 1 (unsigned), never 2^64-1. */
  static final class IdAllocator {
    private final Set<SpanId> used;
    private long last;

    IdAllocator(Set<SpanId> used) {
      this(used, 0);
    }

    IdAllocator(Set<SpanId> used, long lastUsed) {
      this.used = used;
      this.last = lastUsed;
    }

    /** The next free ID, or {@code null} when none is left. */
    SpanId next() {
      for (long id = last + 1; Long.compareUnsigned(id, -1L) < 0; id++) {
        SpanId candidate = new SpanId(id);
        if (!used.contains(candidate)) {
          last = id;
          return candidate;
        }
      }
      return null;
    }
  }
}
