package io.sightline.load;

import io.sightline.trace.Span;
import io.sightline.trace.SpanLog;
import io.sightline.trace.Trace;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves traces in time by a fixed number of microseconds: span start times and log timestamps
 * (durations stay), so that old files land inside the storage's read windows.
 */
record TimeShift(long micros) {

  static final TimeShift NONE = new TimeShift(0);

  /** The shift that makes {@code newestEnd} (µs) become {@code now} (µs). */
  static TimeShift toNow(long newestEnd, long now) {
    return new TimeShift(Math.subtractExact(now, newestEnd));
  }

  Trace apply(Trace trace) {
    if (micros == 0) {
      return trace;
    }
    List<Span> spans = trace.spans();
    spans.replaceAll(this::apply);
    return trace;
  }

  private Span apply(Span span) {
    Span moved = span.withStartTime(span.startTime() + micros);
    if (span.logs().isEmpty()) {
      return moved;
    }
    List<SpanLog> logs = new ArrayList<>(span.logs().size());
    for (SpanLog log : span.logs()) {
      logs.add(new SpanLog(log.timestamp() + micros, log.fields()));
    }
    return moved.withLogs(logs);
  }
}
