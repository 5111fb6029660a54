package io.sightline.trace.adjust;

import io.sightline.trace.Adjuster;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.Trace;
import java.util.HashSet;
import java.util.Set;

/**
 * Drops spans that are exact copies of an earlier span of the trace (same IDs, times, tags, logs,
 * process, everything), keeping the first. Such copies come from storage, e.g. a trace archived
 * twice (Jaeger's {@code DedupeBySpanHash}). It runs first so that the copies cannot trip the
 * span-ID adjusters below.
 */
final class DuplicateSpanRemover implements Adjuster {

  @Override
  public void adjust(Trace trace) {
    // Copies share their span ID: compare whole spans only among those whose ID repeats.
    Set<SpanId> ids = new HashSet<>();
    Set<SpanId> repeated = new HashSet<>();
    for (Span span : trace.spans()) {
      if (!ids.add(span.spanId())) {
        repeated.add(span.spanId());
      }
    }
    if (repeated.isEmpty()) {
      return;
    }
    Set<Span> seen = new HashSet<>();
    trace.spans().removeIf(span -> repeated.contains(span.spanId()) && !seen.add(span));
  }
}
