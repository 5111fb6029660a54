package io.sightline.api.v3;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceSummaryTest {

  private static final TraceId TRACE = TraceId.parse("77");

  private static Span span(
      long id,
      Long parent,
      String service,
      String op,
      long start,
      long duration,
      KeyValue... tags) {
    return new Span(
        TRACE,
        new SpanId(id),
        op,
        parent == null ? List.of() : List.of(SpanReference.childOf(TRACE, new SpanId(parent))),
        0,
        start,
        duration,
        List.of(tags),
        List.of(),
        new TracedProcess(service, List.of()),
        List.of());
  }

  @Test
  void countsSpansErrorsOrphansAndServicesLikeJaeger() {
    List<Span> spans = new ArrayList<>();
    // Two spans without a parent: the earlier one is the root.
    spans.add(span(2, null, "late-root", "second", 2_000, 10));
    spans.add(span(1, null, "frontend", "first", 1_000, 5_000));
    spans.add(
        span(3, 1L, "backend", "work", 1_500, 100, KeyValue.string("otel.status_code", "ERROR")));
    // A client span answered 503: an OTLP error, though no error tag says so.
    spans.add(
        span(
            4,
            3L,
            "backend",
            "call",
            1_600,
            50,
            KeyValue.string("span.kind", "client"),
            KeyValue.int64("http.response.status_code", 503)));
    // error=false is no error; its parent is missing: an orphan.
    spans.add(span(5, 99L, "backend", "lost", 1_700, 20, KeyValue.bool("error", false)));
    // A span of a resource without service name.
    spans.add(span(6, 1L, "OTLPResourceNoServiceName", "anon", 1_800, 1));

    TraceSummary summary = TraceSummary.of(Trace.of(spans));

    assertThat(summary.traceId()).isEqualTo(TRACE);
    assertThat(summary.rootServiceName()).isEqualTo("frontend");
    assertThat(summary.rootOperationName()).isEqualTo("first");
    assertThat(summary.minStartTimeUnixNano()).isEqualTo(1_000_000L);
    assertThat(summary.maxEndTimeUnixNano()).isEqualTo(6_000_000L);
    assertThat(summary.spanCount()).isEqualTo(6);
    assertThat(summary.errorSpanCount()).isEqualTo(2);
    assertThat(summary.orphanSpanCount()).isEqualTo(1);
    assertThat(summary.services())
        .containsExactly(
            new TraceSummary.ServiceSummary("", 1, 0),
            new TraceSummary.ServiceSummary("backend", 3, 2),
            new TraceSummary.ServiceSummary("frontend", 1, 0),
            new TraceSummary.ServiceSummary("late-root", 1, 0));
  }

  @Test
  void aTraceWithoutRootHasNoRootNames() {
    TraceSummary summary =
        TraceSummary.of(
            Trace.of(List.of(span(1, 9L, "a", "op", 10, 1), span(2, 1L, "a", "op", 11, 1))));

    assertThat(summary.rootServiceName()).isEmpty();
    assertThat(summary.rootOperationName()).isEmpty();
    assertThat(summary.orphanSpanCount()).isEqualTo(1);
  }
}
