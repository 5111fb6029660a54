package io.sightline.trace.adjust;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Terse span construction for adjuster tests. */
final class TestSpans {

  static final TraceId TRACE = new TraceId(0, 1);

  private TestSpans() {}

  static Span span(long id) {
    return new Span(
        TRACE,
        new SpanId(id),
        "op-" + id,
        List.of(),
        0,
        1_000_000,
        100,
        List.of(),
        List.of(),
        new TracedProcess("svc", List.of()),
        List.of());
  }

  static Span childOf(long id, long parent) {
    return span(id).withReferences(List.of(SpanReference.childOf(TRACE, new SpanId(parent))));
  }

  static Span withTags(Span span, KeyValue... tags) {
    return span.withTags(Arrays.asList(tags));
  }

  static Span withProcessTags(Span span, KeyValue... tags) {
    return span.withProcess(new TracedProcess(span.process().serviceName(), Arrays.asList(tags)));
  }

  static Span withLogs(Span span, SpanLog... logs) {
    return span.withLogs(Arrays.asList(logs));
  }

  static Trace trace(Span... spans) {
    return Trace.of(new ArrayList<>(Arrays.asList(spans)));
  }
}
