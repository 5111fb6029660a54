package io.sightline.storage.memory;

import io.sightline.trace.Span;
import io.sightline.trace.TraceId;
import java.util.ArrayList;
import java.util.List;

/**
 * The spans of one trace, kept in {@link IndexedSpan#TRACE_ORDER}.
 *
 * <p>Appends happen under the store's write lock and only mark the list unsorted; the first fetch
 * afterwards sorts it once (under this object's monitor, since several readers may fetch at once),
 * so a trace written span by span is not re-sorted on every write and a repeated fetch of a large
 * trace costs one list copy.
 */
final class StoredTrace {

  private final TraceId traceId;
  private final String key;
  private final ArrayList<IndexedSpan> spans = new ArrayList<>();
  private boolean sorted = true;
  private boolean evicted;

  StoredTrace(TraceId traceId) {
    this.traceId = traceId;
    // The trace ID as Jaeger's v1 writer stores it, which the terms aggregation orders by.
    this.key = traceId.toString();
  }

  TraceId traceId() {
    return traceId;
  }

  String key() {
    return key;
  }

  /**
   * Marks the trace as dropped from the store: searches skip its entries from now on; caller holds
   * the store's write lock.
   */
  void evict() {
    evicted = true;
  }

  boolean isEvicted() {
    return evicted;
  }

  /** Adds a span; caller holds the store's write lock. */
  void add(IndexedSpan span) {
    if (sorted && !spans.isEmpty()) {
      sorted = IndexedSpan.TRACE_ORDER.compare(spans.get(spans.size() - 1), span) <= 0;
    }
    spans.add(span);
  }

  /** The indexed spans, in no particular order; caller holds the store's write lock. */
  List<IndexedSpan> indexedSpans() {
    return spans;
  }

  int size() {
    return spans.size();
  }

  /** A new list of the spans in trace order; caller holds the store's read (or write) lock. */
  synchronized List<Span> snapshot() {
    if (!sorted) {
      spans.sort(IndexedSpan.TRACE_ORDER);
      sorted = true;
    }
    List<Span> copy = new ArrayList<>(spans.size());
    for (IndexedSpan span : spans) {
      copy.add(span.span());
    }
    return copy;
  }
}
