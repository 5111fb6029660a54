package io.sightline.trace.adjust;

import static io.sightline.trace.adjust.TestSpans.TRACE;
import static io.sightline.trace.adjust.TestSpans.childOf;
import static io.sightline.trace.adjust.TestSpans.span;
import static io.sightline.trace.adjust.TestSpans.trace;
import static io.sightline.trace.adjust.TestSpans.withTags;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpanIdDeduperTest {

  private static final long CLIENT_SPAN_ID = 42;
  private static final long ANOTHER_SPAN_ID = 11;

  /** Jaeger's Zipkin trace: client and server share ID 42; a third span is a child of 42. */
  private static Trace zipkinTrace() {
    Span client = withTags(span(CLIENT_SPAN_ID), KeyValue.string("span.kind", "client"));
    Span server = withTags(childOf(CLIENT_SPAN_ID, 7), KeyValue.string("span.kind", "server"));
    Span third = childOf(ANOTHER_SPAN_ID, CLIENT_SPAN_ID);
    return trace(client, server, third);
  }

  @Test
  void givesTheServerSpanANewIdUnderTheClientSpan() {
    Trace trace = zipkinTrace();
    new SpanIdDeduper().adjust(trace);

    Span client = trace.spans().get(0);
    Span server = trace.spans().get(1);
    Span third = trace.spans().get(2);
    assertThat(client.spanId()).isEqualTo(new SpanId(CLIENT_SPAN_ID));
    // The first ID not used in the trace, counting from 1.
    assertThat(server.spanId()).isEqualTo(new SpanId(1));
    assertThat(server.parentSpanId()).isEqualTo(new SpanId(CLIENT_SPAN_ID));
    assertThat(server.references())
        .containsExactly(SpanReference.childOf(TRACE, new SpanId(CLIENT_SPAN_ID)));
    assertThat(third.spanId()).isEqualTo(new SpanId(ANOTHER_SPAN_ID));
    assertThat(third.parentSpanId()).isEqualTo(new SpanId(1));
  }

  @Test
  void skipsIdsInUse() {
    Span client = withTags(span(2), KeyValue.string("span.kind", "client"));
    Span server = withTags(span(2), KeyValue.string("span.kind", "server"));
    Trace trace = trace(span(1), client, server, span(3));
    new SpanIdDeduper().adjust(trace);
    assertThat(trace.spans().get(2).spanId()).isEqualTo(new SpanId(4));
    // A root server span gains the shared ID as its parent.
    assertThat(trace.spans().get(2).references())
        .containsExactly(SpanReference.childOf(TRACE, new SpanId(2)));
  }

  @Test
  void leavesTheServerSpanAloneWithoutAClientSpan() {
    Trace trace = zipkinTrace();
    trace.spans().remove(0);
    List<Span> before = List.copyOf(trace.spans());
    new SpanIdDeduper().adjust(trace);
    assertThat(trace.spans()).isEqualTo(before);
  }

  @Test
  void warnsWhenNoIdIsLeft() {
    Span client = withTags(span(-2), KeyValue.string("span.kind", "client"));
    Span server = withTags(span(-2), KeyValue.string("span.kind", "server"));
    Set<SpanId> used = new HashSet<>(List.of(new SpanId(-2)));
    SpanIdDeduper.IdAllocator allocator = new SpanIdDeduper.IdAllocator(used, -3);
    assertThat(allocator.next()).isNull(); // -2 is used, -1 (2^64-1) is never handed out
    // Through the adjuster: with a fresh allocator there are IDs, so no warning.
    Trace trace = trace(client, server);
    new SpanIdDeduper().adjust(trace);
    assertThat(trace.spans().get(1).spanId()).isEqualTo(new SpanId(1));
    assertThat(SpanIdDeduper.WARNING_TOO_MANY_SPANS)
        .isEqualTo("cannot assign unique span ID, too many spans in the trace");
  }
}
