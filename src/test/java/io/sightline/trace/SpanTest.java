package io.sightline.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpanTest {

  private static final TraceId TRACE = TraceId.parse("abc");
  private static final TracedProcess PROCESS = new TracedProcess("svc", List.of());

  private static Span span(List<SpanReference> refs, List<KeyValue> tags) {
    return new Span(
        TRACE, SpanId.parse("2"), "op", refs, 0, 1_000, 50, tags, List.of(), PROCESS, List.of());
  }

  @Test
  void parentIsTheFirstChildOfInTheSameTrace() {
    Span span =
        span(
            List.of(
                SpanReference.followsFrom(TRACE, SpanId.parse("7")),
                SpanReference.childOf(TraceId.parse("def"), SpanId.parse("8")),
                SpanReference.childOf(TRACE, SpanId.parse("9"))),
            List.of());
    assertThat(span.parentSpanId()).isEqualTo(SpanId.parse("9"));
    assertThat(span(List.of(), List.of()).parentSpanId()).isNull();
  }

  @Test
  void errorFromBoolTextOrOtelStatus() {
    assertThat(span(List.of(), List.of(KeyValue.bool("error", true))).isError()).isTrue();
    assertThat(span(List.of(), List.of(KeyValue.string("error", "true"))).isError()).isTrue();
    assertThat(span(List.of(), List.of(KeyValue.bool("error", false))).isError()).isFalse();
    assertThat(span(List.of(), List.of(KeyValue.string("otel.status_code", "ERROR"))).isError())
        .isTrue();
    assertThat(span(List.of(), List.of(KeyValue.string("otel.status_code", "OK"))).isError())
        .isFalse();
  }

  @Test
  void withersChangeOneField() {
    Span span = span(List.of(), List.of(KeyValue.string("span.kind", "server")));
    Span moved = span.withStartTime(5_000).withWarning("adjusted");
    assertThat(moved.startTime()).isEqualTo(5_000);
    assertThat(moved.endTime()).isEqualTo(5_050);
    assertThat(moved.warnings()).containsExactly("adjusted");
    assertThat(moved.spanKind()).isEqualTo("server");
    assertThat(span.warnings()).isEmpty();
  }
}
