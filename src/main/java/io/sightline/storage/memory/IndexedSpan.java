package io.sightline.storage.memory;

import io.sightline.trace.Span;
import java.util.Comparator;

/**
 * A stored span as the time indices hold it.
 *
 * <p>{@link #SEARCH_ORDER} sorts by start time, then by trace ID text <em>descending</em>, so that
 * walking an index backwards meets spans newest first and, among spans that started in the same
 * microsecond, traces in ascending ID order: the order of Elasticsearch's {@code traceIDs} terms
 * aggregation ({@code max(startTime)} descending, ties by key ascending).
 *
 * @param startTime the span's start, microseconds since the epoch
 * @param span the span ({@code null} in a probe)
 * @param trace the trace it belongs to ({@code null} in a probe)
 * @param seq the write sequence number, unique within a store (keeps equal spans apart)
 * @param bias 0 for stored spans; -1/+1 for range probes that sort before/after every span that
 *     started in the same microsecond
 */
record IndexedSpan(long startTime, Span span, StoredTrace trace, long seq, int bias) {

  static final Comparator<IndexedSpan> SEARCH_ORDER =
      (a, b) -> {
        int c = Long.compare(a.startTime, b.startTime);
        if (c != 0) {
          return c;
        }
        if (a.bias != 0 || b.bias != 0) {
          return Integer.compare(a.bias, b.bias);
        }
        c = b.trace.key().compareTo(a.trace.key());
        return c != 0 ? c : Long.compare(a.seq, b.seq);
      };

  /**
   * The order of a fetched trace, as Elasticsearch returns it: start time, then span ID (its
   * 16-character hex text, i.e. unsigned), then write order.
   */
  static final Comparator<IndexedSpan> TRACE_ORDER =
      (a, b) -> {
        int c = Long.compare(a.startTime, b.startTime);
        if (c != 0) {
          return c;
        }
        c = Long.compareUnsigned(a.span.spanId().value(), b.span.spanId().value());
        return c != 0 ? c : Long.compare(a.seq, b.seq);
      };

  static IndexedSpan of(Span span, StoredTrace trace, long seq) {
    return new IndexedSpan(span.startTime(), span, trace, seq, 0);
  }

  /** A key that sorts before (bias -1) or after (+1) every span that started at this time. */
  static IndexedSpan probe(long startTime, int bias) {
    return new IndexedSpan(startTime, null, null, 0, bias);
  }
}
