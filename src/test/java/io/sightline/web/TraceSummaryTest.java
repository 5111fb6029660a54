package io.sightline.web;

import static io.sightline.web.trace.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.KeyValue;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.web.trace.TestTraces;
import org.junit.jupiter.api.Test;

class TraceSummaryTest {

  @Test
  void summarisesATrace() {
    Trace trace =
        TestTraces.trace(
            span("a").service("frontend").op("GET /").at(100, 1_000),
            span("b").service("cart").op("load").childOf("a").at(200, 300).error(),
            span("c").service("cart").op("save").childOf("a").at(600, 700), // ends at +1300
            span("d").service("db").op("SELECT").childOf("b").at(250, 10).error());
    TraceSummary s = TraceSummary.of(trace);
    assertThat(s.traceId()).isEqualTo(TestTraces.TRACE_ID.toString());
    assertThat(s.name()).isEqualTo("frontend: GET /");
    assertThat(s.shortId()).isEqualTo("4bf92f3");
    assertThat(s.startMicros()).isEqualTo(TestTraces.T0 + 100);
    assertThat(s.durationMicros()).isEqualTo(1_200); // +100 … +1300
    assertThat(s.spanCount()).isEqualTo(4);
    assertThat(s.errorCount()).isEqualTo(2);
    assertThat(s.orphanCount()).isZero();
    assertThat(s.incomplete()).isFalse();
    // per service, by name
    assertThat(s.services())
        .containsExactly(
            new TraceSummary.ServiceCount("cart", 2, 1),
            new TraceSummary.ServiceCount("db", 1, 1),
            new TraceSummary.ServiceCount("frontend", 1, 0));
  }

  @Test
  void countsOrphansAndNamesTheTraceAfterTheBestRoot() {
    // "x" lost its parent (not in the trace); "late" and "early" reference nothing
    Trace trace =
        TestTraces.trace(
            span("x").service("worker").op("consume").childOf("missing").at(0, 10),
            span("late").service("b").op("late root").at(50, 10),
            span("early").service("a").op("early root").at(20, 10),
            span("y").service("worker").op("step").childOf("x").at(1, 1));
    TraceSummary s = TraceSummary.of(trace);
    assertThat(s.orphanCount()).isEqualTo(1);
    assertThat(s.incomplete()).isTrue();
    // the orphan references a span (outside the trace) so it does not name the trace; of the two
    // real roots the earlier wins
    assertThat(s.name()).isEqualTo("a: early root");
  }

  @Test
  void aRootWithFewerReferencesWins() {
    TraceId other = TraceId.parse("ffff");
    Trace trace =
        TestTraces.trace(
            span("linked")
                .service("a")
                .op("linked")
                .at(0, 10)
                .ref(SpanReference.followsFrom(other, SpanId.parse("1"))),
            span("plain").service("b").op("plain").at(5, 10));
    assertThat(TraceSummary.of(trace).name()).isEqualTo("b: plain");
  }

  @Test
  void aTraceWhereEverySpanHasAParentHasNoRoot() {
    Trace trace =
        TestTraces.trace(
            span("a").service("s").op("a").childOf("b").at(0, 10),
            span("b").service("s").op("b").childOf("a").at(1, 10));
    TraceSummary s = TraceSummary.of(trace);
    assertThat(s.hasRoot()).isFalse();
    assertThat(s.name()).isEqualTo("<trace-without-root-span>");
    assertThat(s.orphanCount()).isZero(); // a cycle, but every parent is there
  }

  @Test
  void followsFromCountsAsAParentAndErrorsComeFromTagsOrOtelStatus() {
    Trace trace =
        TestTraces.trace(
            span("a").service("s").op("root").at(0, 10),
            span("b").service("s").op("async").followsFrom("a").at(20, 10),
            span("c").service("s").op("lost").followsFrom("gone").at(30, 10),
            span("d")
                .service("s")
                .op("otel")
                .childOf("a")
                .at(1, 1)
                .tag("otel.status_code", "ERROR"),
            span("e").service("s").op("text").childOf("a").at(1, 1).tag("error", "true"),
            span("f")
                .service("s")
                .op("no")
                .childOf("a")
                .at(1, 1)
                .tag(KeyValue.bool("error", false)));
    TraceSummary s = TraceSummary.of(trace);
    assertThat(s.orphanCount()).isEqualTo(1);
    assertThat(s.errorCount()).isEqualTo(2);
    assertThat(s.durationMicros()).isEqualTo(40);
  }

  @Test
  void negativeDurationsDoNotShortenTheTrace() {
    Trace trace = TestTraces.trace(span("a").at(0, 100), span("b").childOf("a").at(10, -50));
    assertThat(TraceSummary.of(trace).durationMicros()).isEqualTo(100);
  }
}
