package io.sightline.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A trace: its spans, in the order storage or the adjusters left them, and trace-level warnings.
 *
 * <p>The span list is taken over, not copied: a trace of 100,000 spans must not exist twice in
 * memory. Adjusters replace spans in place ({@link List#replaceAll}); nobody else changes it.
 *
 * @param spans the spans; a mutable list owned by this trace
 * @param warnings trace-level warnings; empty when none
 */
public record Trace(List<Span> spans, List<String> warnings) {

  public Trace {
    Objects.requireNonNull(spans, "spans");
    warnings = List.copyOf(warnings);
  }

  /** A trace with these spans (taken over) and no warnings. */
  public static Trace of(List<Span> spans) {
    return new Trace(spans instanceof ArrayList<Span> ? spans : new ArrayList<>(spans), List.of());
  }

  /** The trace ID: that of the first span ({@code null} for an empty trace). */
  public TraceId traceId() {
    return spans.isEmpty() ? null : spans.get(0).traceId();
  }
}
