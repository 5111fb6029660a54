package io.sightline.trace.adjust;

import static io.sightline.trace.adjust.TestSpans.TRACE;
import static io.sightline.trace.adjust.TestSpans.span;
import static io.sightline.trace.adjust.TestSpans.trace;
import static io.sightline.trace.adjust.TestSpans.withLogs;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReferenceAndLogAdjustersTest {

  private static final TraceId A = TRACE;
  private static final TraceId B = new TraceId(0, 2);

  private static SpanReference childOf(TraceId trace) {
    return SpanReference.childOf(trace, new SpanId(1));
  }

  private static SpanReference followsFrom(TraceId trace) {
    return SpanReference.followsFrom(trace, new SpanId(1));
  }

  private static SpanReference followsFrom2(TraceId trace) {
    return SpanReference.followsFrom(trace, new SpanId(2));
  }

  static Stream<Arguments> parentCases() {
    return Stream.of(
        Arguments.of("empty", List.of(), List.of()),
        Arguments.of("single child", List.of(childOf(A)), List.of(childOf(A))),
        Arguments.of("single remote child", List.of(childOf(B)), List.of(childOf(B))),
        Arguments.of(
            "local, local follows - keep order",
            List.of(childOf(A), followsFrom(A)),
            List.of(childOf(A), followsFrom(A))),
        Arguments.of(
            "local and remote child in order",
            List.of(childOf(A), childOf(B)),
            List.of(childOf(A), childOf(B))),
        Arguments.of(
            "local and remote child out of order",
            List.of(childOf(B), childOf(A)),
            List.of(childOf(A), childOf(B))),
        Arguments.of(
            "local child, remote follows",
            List.of(followsFrom(B), childOf(A)),
            List.of(childOf(A), followsFrom(B))),
        Arguments.of(
            "remote, local, local follows - keep order",
            List.of(followsFrom(B), followsFrom2(A), followsFrom(A)),
            List.of(followsFrom2(A), followsFrom(B), followsFrom(A))),
        Arguments.of(
            "remote child, local follows",
            List.of(childOf(B), followsFrom(A)),
            List.of(followsFrom(A), childOf(B))),
        Arguments.of(
            "remote child, local follows, local child",
            List.of(childOf(B), followsFrom(A), childOf(A)),
            List.of(childOf(A), followsFrom(A), childOf(B))),
        Arguments.of(
            "remote follows, local follows, local child",
            List.of(followsFrom(B), followsFrom(A), childOf(A)),
            List.of(childOf(A), followsFrom(A), followsFrom(B))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parentCases")
  void parentReferenceComesFirst(
      String name, List<SpanReference> incoming, List<SpanReference> expected) {
    Trace trace = trace(span(5).withReferences(incoming));
    new ParentReferenceAdjuster().adjust(trace);
    assertThat(trace.spans().get(0).references()).isEqualTo(expected);
  }

  @Test
  void referencesToTraceZeroAreRemovedWithAWarning() {
    Trace trace =
        trace(
            span(1),
            span(2).withReferences(List.of()),
            span(3)
                .withReferences(
                    List.of(
                        SpanReference.childOf(new TraceId(0, 1), new SpanId(0)),
                        SpanReference.childOf(new TraceId(1, 0), new SpanId(0)),
                        SpanReference.childOf(new TraceId(0, 0), new SpanId(7)))));
    new SpanReferencesAdjuster().adjust(trace);
    assertThat(trace.spans().get(0).references()).isEmpty();
    assertThat(trace.spans().get(1).references()).isEmpty();
    assertThat(trace.spans().get(2).references()).hasSize(2);
    assertThat(trace.spans().get(2).warnings())
        .containsExactly(
            "Invalid span reference removed {TraceID:0000000000000000 SpanID:0000000000000007"
                + " RefType:CHILD_OF XXX_NoUnkeyedLiteral:{} XXX_unrecognized:[] XXX_sizecache:0}");
  }

  @Test
  void logFieldsPutEventFirstAndSortTheRest() {
    SpanLog log =
        new SpanLog(
            1,
            List.of(
                KeyValue.string("b", "1"),
                KeyValue.string("a", "1"),
                KeyValue.int64("event", 5), // not a string: not the event
                KeyValue.string("c", "1"),
                KeyValue.string("event", "boom"),
                KeyValue.string("0", "1")));
    Trace trace = trace(withLogs(span(1), log));
    new SortLogFields().adjust(trace);
    // "event" swaps with the first field ("b"), then everything after it is sorted.
    assertThat(trace.spans().get(0).logs().get(0).fields())
        .containsExactly(
            KeyValue.string("event", "boom"),
            KeyValue.string("0", "1"),
            KeyValue.string("a", "1"),
            KeyValue.string("b", "1"),
            KeyValue.string("c", "1"),
            KeyValue.int64("event", 5));
    assertThat(trace.spans().get(0).logs().get(0).timestamp()).isEqualTo(1);
  }

  @Test
  void logsWithoutEventAreSortedAndSortedLogsAreLeftAlone() {
    Span sorted =
        withLogs(
            span(1), new SpanLog(1, List.of(KeyValue.string("a", "1"), KeyValue.string("b", "2"))));
    Trace trace =
        trace(
            sorted,
            withLogs(
                span(2),
                new SpanLog(1, List.of(KeyValue.string("b", "2"), KeyValue.string("a", "1")))));
    new SortLogFields().adjust(trace);
    assertThat(trace.spans().get(0)).isSameAs(sorted);
    assertThat(trace.spans().get(1).logs().get(0).fields())
        .containsExactly(KeyValue.string("a", "1"), KeyValue.string("b", "2"));
  }

  @Test
  void exactDuplicatesAreDroppedKeepingTheFirst() {
    Span one = span(1);
    Span two = span(2);
    Span almostOne = span(1).withStartTime(5);
    Trace trace = trace(one, two, span(1), almostOne, span(2));
    new DuplicateSpanRemover().adjust(trace);
    assertThat(trace.spans()).containsExactly(one, two, almostOne);
    assertThat(trace.spans().get(0)).isSameAs(one);
  }
}
