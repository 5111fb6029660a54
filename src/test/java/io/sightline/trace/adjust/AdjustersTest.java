package io.sightline.trace.adjust;

import static io.sightline.trace.adjust.TestSpans.TRACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TracedProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdjustersTest {

  @Test
  void standardAdjustersWorkTogether() {
    TracedProcess clientProcess =
        new TracedProcess("client-svc", List.of(KeyValue.int64("ip", 0x0a000001)));
    TracedProcess serverProcess =
        new TracedProcess(
            "server-svc", List.of(KeyValue.string("z", "1"), KeyValue.int64("ip", 0x0a000002)));
    Span client =
        span(42, List.of(), clientProcess, 1_000, 100)
            .withTags(List.of(KeyValue.string("span.kind", "client")));
    Span server =
        span(
                42,
                List.of(SpanReference.childOf(TRACE, new SpanId(42))),
                serverProcess,
                // starts before the client: clock skew
                900,
                50)
            .withTags(
                List.of(
                    KeyValue.string("span.kind", "server"),
                    KeyValue.string("telemetry.sdk.language", "java")))
            .withLogs(
                List.of(
                    new SpanLog(
                        910, List.of(KeyValue.string("z", "1"), KeyValue.string("event", "e")))));
    Span child =
        span(
            7,
            List.of(
                SpanReference.followsFrom(TRACE, new SpanId(99)),
                SpanReference.childOf(new io.sightline.trace.TraceId(0, 0), new SpanId(1)),
                SpanReference.childOf(TRACE, new SpanId(42))),
            serverProcess,
            920,
            10);
    Trace trace = Trace.of(new ArrayList<>(List.of(client, server, child, client)));
    List<Span> list = trace.spans();

    Adjusters.standard(Duration.ZERO).adjust(trace);

    assertThat(trace.spans()).isSameAs(list); // adjusted in place
    assertThat(trace.spans()).hasSize(3); // the duplicate client span is gone
    Span adjustedServer = trace.spans().get(1);
    assertThat(adjustedServer.spanId()).isEqualTo(new SpanId(1));
    assertThat(adjustedServer.parentSpanId()).isEqualTo(new SpanId(42));
    assertThat(adjustedServer.tags()).containsExactly(KeyValue.string("span.kind", "server"));
    assertThat(adjustedServer.process().tags())
        .containsExactly(
            KeyValue.string("ip", "10.0.0.2"),
            KeyValue.string("telemetry.sdk.language", "java"),
            KeyValue.string("z", "1"));
    assertThat(adjustedServer.logs().get(0).fields())
        .containsExactly(KeyValue.string("event", "e"), KeyValue.string("z", "1"));
    // Skew is computed but not applied (disabled): a warning, times untouched.
    assertThat(adjustedServer.warnings())
        .containsExactly("clock skew adjustment disabled; not applying calculated delta of 125µs");
    assertThat(adjustedServer.startTime()).isEqualTo(900);

    Span adjustedChild = trace.spans().get(2);
    assertThat(adjustedChild.references())
        .containsExactly(
            SpanReference.childOf(TRACE, new SpanId(1)),
            SpanReference.followsFrom(TRACE, new SpanId(99)));
    assertThat(adjustedChild.warnings())
        .containsExactly(
            "clock skew adjustment disabled; not applying calculated delta of 125µs",
            "Invalid span reference removed {TraceID:0000000000000000 SpanID:0000000000000001"
                + " RefType:CHILD_OF XXX_NoUnkeyedLiteral:{} XXX_unrecognized:[] XXX_sizecache:0}");
    assertThat(trace.spans().get(0).process().tags())
        .containsExactly(KeyValue.string("ip", "10.0.0.1"));
  }

  @Test
  void aHundredThousandSpanTraceIsAdjustedQuickly() {
    List<Span> spans = new ArrayList<>(100_000);
    TracedProcess process = new TracedProcess("svc", List.of(KeyValue.string("ip", "1.1.1.1")));
    spans.add(span(1, List.of(), process, 0, 10_000_000));
    for (int i = 2; i <= 100_000; i++) {
      spans.add(span(i, List.of(SpanReference.childOf(TRACE, new SpanId(i - 1))), process, i, 10));
    }
    Trace trace = Trace.of(spans);
    long begin = System.nanoTime();
    Adjusters.standard(Duration.ofSeconds(1)).adjust(trace);
    long millis = (System.nanoTime() - begin) / 1_000_000;
    assertThat(trace.spans()).hasSize(100_000).isSameAs(spans);
    assertThat(millis).as("adjusting took %d ms", millis).isLessThan(10_000);
  }

  @Test
  void negativeMaxSkewIsRejected() {
    assertThatThrownBy(() -> Adjusters.standard(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Span span(
      long id, List<SpanReference> refs, TracedProcess process, long start, long duration) {
    return new Span(
        TRACE,
        new SpanId(id),
        "op",
        refs,
        0,
        start,
        duration,
        List.of(),
        List.of(),
        process,
        List.of());
  }
}
