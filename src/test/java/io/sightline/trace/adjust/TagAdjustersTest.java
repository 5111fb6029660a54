package io.sightline.trace.adjust;

import static io.sightline.trace.adjust.TestSpans.span;
import static io.sightline.trace.adjust.TestSpans.trace;
import static io.sightline.trace.adjust.TestSpans.withProcessTags;
import static io.sightline.trace.adjust.TestSpans.withTags;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import org.junit.jupiter.api.Test;

class TagAdjustersTest {

  private static final long PACKED = 1 << 24 | 2 << 16 | 3 << 8 | 4;

  @Test
  void ipTagsBecomeDottedText() {
    Span span =
        withProcessTags(
            withTags(
                span(1),
                KeyValue.int64("a", 42),
                KeyValue.string("ip", "not integer"),
                KeyValue.int64("ip", PACKED),
                KeyValue.float64("ip", PACKED),
                KeyValue.string("peer.ipv4", "not integer"),
                KeyValue.int64("peer.ipv4", PACKED),
                KeyValue.float64("peer.ipv4", PACKED)),
            KeyValue.int64("a", 42),
            KeyValue.string("ip", "not integer"),
            KeyValue.int64("ip", PACKED));
    Trace trace = trace(span);
    new IpTagAdjuster().adjust(trace);

    assertThat(trace.spans().get(0).tags())
        .containsExactly(
            KeyValue.int64("a", 42),
            KeyValue.string("ip", "not integer"),
            KeyValue.string("ip", "1.2.3.4"),
            KeyValue.string("ip", "1.2.3.4"),
            KeyValue.string("peer.ipv4", "not integer"),
            KeyValue.string("peer.ipv4", "1.2.3.4"),
            KeyValue.string("peer.ipv4", "1.2.3.4"));
    assertThat(trace.spans().get(0).process().tags())
        .containsExactly(
            KeyValue.int64("a", 42),
            KeyValue.string("ip", "1.2.3.4"), // sorted
            KeyValue.string("ip", "not integer"));
  }

  @Test
  void ipTagsUseTheLow32Bits() {
    Trace trace = trace(withTags(span(1), KeyValue.int64("ip", (1L << 32) | 0x08080808L)));
    new IpTagAdjuster().adjust(trace);
    assertThat(trace.spans().get(0).tags()).containsExactly(KeyValue.string("ip", "8.8.8.8"));
  }

  @Test
  void processTagsSortByKeyThenTypeThenValue() {
    Trace trace =
        trace(
            withProcessTags(
                span(1),
                KeyValue.string("z", "1"),
                KeyValue.bool("b", true),
                KeyValue.int64("b", 1),
                KeyValue.string("b", "y"),
                KeyValue.string("b", "x"),
                KeyValue.bool("b", false),
                KeyValue.string("\u00e9", "e"),
                KeyValue.string("\uD83D\uDE00", "smile"),
                KeyValue.string("\uFF21", "fullwidth A")));
    new IpTagAdjuster().adjust(trace);
    assertThat(trace.spans().get(0).process().tags())
        .containsExactly(
            KeyValue.string("b", "x"),
            KeyValue.string("b", "y"),
            KeyValue.bool("b", false),
            KeyValue.bool("b", true),
            KeyValue.int64("b", 1),
            KeyValue.string("z", "1"),
            KeyValue.string("\u00e9", "e"),
            // UTF-8 byte order: U+FF21 before U+1F600 (UTF-16 order would be the reverse)
            KeyValue.string("\uFF21", "fullwidth A"),
            KeyValue.string("\uD83D\uDE00", "smile"));
  }

  @Test
  void spansOfOneProcessShareTheSortedProcess() {
    Trace trace =
        trace(
            withProcessTags(span(1), KeyValue.string("b", "1"), KeyValue.string("a", "1")),
            withProcessTags(span(2), KeyValue.string("b", "1"), KeyValue.string("a", "1")));
    new IpTagAdjuster().adjust(trace);
    assertThat(trace.spans().get(0).process()).isSameAs(trace.spans().get(1).process());
  }

  @Test
  void otelLibraryTagsMoveToTheProcess() {
    Span span =
        withTags(
            span(1),
            KeyValue.string("random_key", "random_value"),
            KeyValue.string("telemetry.sdk.language", "Go"),
            KeyValue.string("telemetry.sdk.name", "opentelemetry"),
            KeyValue.string("telemetry.sdk.version", "1.27.0"),
            KeyValue.string("telemetry.distro.name", "opentelemetry"),
            KeyValue.string("telemetry.distro.version", "blah"),
            KeyValue.string("another_key", "another_value"));
    Trace trace = trace(span);
    new OtelTagAdjuster().adjust(trace);
    assertThat(trace.spans().get(0).tags())
        .containsExactly(
            KeyValue.string("random_key", "random_value"),
            KeyValue.string("another_key", "another_value"));
    assertThat(trace.spans().get(0).process().tags())
        .containsExactly(
            KeyValue.string("telemetry.distro.name", "opentelemetry"),
            KeyValue.string("telemetry.distro.version", "blah"),
            KeyValue.string("telemetry.sdk.language", "Go"),
            KeyValue.string("telemetry.sdk.name", "opentelemetry"),
            KeyValue.string("telemetry.sdk.version", "1.27.0"));
  }

  @Test
  void spansWithoutOtelTagsKeepTheirTags() {
    Span span = withTags(span(1), KeyValue.string("random_key", "random_value"));
    Trace trace = trace(span);
    new OtelTagAdjuster().adjust(trace);
    assertThat(trace.spans().get(0)).isSameAs(span);
  }
}
