package io.sightline.trace.adjust;

import static io.sightline.trace.adjust.TestSpans.TRACE;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Jaeger's clock-skew cases: times in milliseconds, host "" = unknown. */
class ClockSkewAdjusterTest {

  record Proto(
      long id,
      long parent,
      long start,
      long duration,
      String host,
      long adjusted,
      List<Long> logs,
      List<Long> adjustedLogs) {
    static Proto of(long id, long parent, long start, long duration, String host, long adjusted) {
      return new Proto(id, parent, start, duration, host, adjusted, List.of(), List.of());
    }

    Proto logs(List<Long> logs, List<Long> adjustedLogs) {
      return new Proto(id, parent, start, duration, host, adjusted, logs, adjustedLogs);
    }
  }

  private static final long MS = 1_000; // µs per ms

  private static Trace makeTrace(List<Proto> protos) {
    List<Span> spans = new ArrayList<>();
    for (Proto p : protos) {
      List<SpanLog> logs = new ArrayList<>();
      for (long log : p.logs()) {
        logs.add(new SpanLog(log * MS, List.of(KeyValue.string("event", "some event"))));
      }
      List<KeyValue> processTags =
          p.host() == null ? List.of() : List.of(KeyValue.string("ip", p.host()));
      spans.add(
          new Span(
              TRACE,
              new SpanId(p.id()),
              "op",
              List.of(SpanReference.childOf(TRACE, new SpanId(p.parent()))),
              0,
              p.start() * MS,
              p.duration() * MS,
              List.of(),
              logs,
              new TracedProcess(p.host() == null ? "svc" : p.host(), processTags),
              List.of()));
    }
    return Trace.of(spans);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "single span with bad parent",
            List.of(Proto.of(1, 99, 0, 100, "a", 0)),
            "invalid parent span IDs=0000000000000063; skipping clock skew adjustment",
            Duration.ZERO),
        Arguments.of(
            "single span with empty host key",
            List.of(Proto.of(1, 0, 0, 100, null, 0)),
            null,
            Duration.ZERO),
        Arguments.of(
            "two spans with the same ID",
            List.of(Proto.of(1, 0, 0, 100, "a", 0), Proto.of(1, 0, 0, 100, "a", 0)),
            "duplicate span IDs; skipping clock skew adjustment",
            Duration.ZERO),
        Arguments.of(
            "parent-child on the same host",
            List.of(Proto.of(1, 0, 0, 100, "a", 0), Proto.of(2, 1, 10, 50, "a", 10)),
            null,
            Duration.ZERO),
        Arguments.of(
            "do not adjust parent-child on the same host",
            List.of(Proto.of(1, 0, 10, 100, "a", 10), Proto.of(2, 1, 0, 50, "a", 0)),
            null,
            Duration.ZERO),
        Arguments.of(
            "do not adjust child that fits inside parent",
            List.of(Proto.of(1, 0, 10, 100, "a", 10), Proto.of(2, 1, 20, 50, "b", 20)),
            null,
            Duration.ZERO),
        Arguments.of(
            "do not adjust child that is longer than parent",
            List.of(Proto.of(1, 0, 10, 100, "a", 10), Proto.of(2, 1, 20, 150, "b", 20)),
            null,
            Duration.ZERO),
        Arguments.of(
            "do not apply positive adjustment due to max skew adjustment",
            List.of(Proto.of(1, 0, 10, 100, "a", 10), Proto.of(2, 1, 0, 50, "b", 0)),
            "max clock skew adjustment delta of 10ms exceeded; not applying calculated delta of 35ms",
            Duration.ofMillis(10)),
        Arguments.of(
            "do not apply negative adjustment due to max skew adjustment",
            List.of(Proto.of(1, 0, 10, 100, "a", 10), Proto.of(2, 1, 80, 50, "b", 80)),
            "max clock skew adjustment delta of 10ms exceeded; not applying calculated delta of -45ms",
            Duration.ofMillis(10)),
        Arguments.of(
            "do not apply adjustment due to disabled adjustment",
            List.of(Proto.of(1, 0, 10, 100, "a", 10), Proto.of(2, 1, 0, 50, "b", 0)),
            "clock skew adjustment disabled; not applying calculated delta of 35ms",
            Duration.ZERO),
        Arguments.of(
            "adjust child starting before parent",
            List.of(
                Proto.of(1, 0, 10, 100, "a", 10),
                // latency = (100-50)/2 = 25; delta = (10-0) + 25 = 35
                Proto.of(2, 1, 0, 50, "b", 35).logs(List.of(5L, 10L), List.of(40L, 45L))),
            null,
            Duration.ofSeconds(1)),
        Arguments.of(
            "adjust child starting before parent even if it is longer",
            List.of(Proto.of(1, 0, 10, 100, "a", 10), Proto.of(2, 1, 0, 150, "b", 10)),
            null,
            Duration.ofSeconds(1)),
        Arguments.of(
            "adjust child ending after parent but being shorter",
            List.of(
                Proto.of(1, 0, 10, 100, "a", 10),
                // latency (100-70)/2 = 15; new start 25, delta -25
                Proto.of(2, 1, 50, 70, "b", 25),
                // same host b, same delta: 60-25 = 35
                Proto.of(3, 2, 60, 20, "b", 35).logs(List.of(65L, 70L), List.of(40L, 45L))),
            null,
            Duration.ofSeconds(1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void adjustsLikeJaeger(String description, List<Proto> protos, String warning, Duration max) {
    Trace trace = makeTrace(protos);
    new ClockSkewAdjuster(max).adjust(trace);

    if (warning != null) {
      String last = null;
      for (Span span : trace.spans()) {
        for (String w : span.warnings()) {
          last = w;
        }
      }
      assertThat(last).isEqualTo(warning);
    } else {
      for (int i = 0; i < protos.size(); i++) {
        Span span = trace.spans().get(i);
        if (protos.get(i).adjusted() == protos.get(i).start()) {
          assertThat(span.warnings()).as("no warnings in span %s", span.spanId()).isEmpty();
        } else {
          assertThat(span.warnings()).as("adjustment warning in span %s", span.spanId()).hasSize(1);
          assertThat(span.warnings().get(0)).startsWith("This span's timestamps were adjusted by ");
        }
      }
    }
    for (int i = 0; i < protos.size(); i++) {
      Proto proto = protos.get(i);
      Span span = trace.spans().get(i);
      assertThat(span.startTime())
          .as("start of span %d", proto.id())
          .isEqualTo(proto.adjusted() * MS);
      for (int l = 0; l < proto.adjustedLogs().size(); l++) {
        assertThat(span.logs().get(l).timestamp()).isEqualTo(proto.adjustedLogs().get(l) * MS);
      }
    }
  }

  @Test
  void warningTextNamesTheShift() {
    Trace trace =
        makeTrace(
            List.of(
                Proto.of(1, 0, 10, 100, "a", 10),
                Proto.of(2, 1, 0, 50, "b", 35).logs(List.of(5L), List.of(40L))));
    new ClockSkewAdjuster(Duration.ofSeconds(1)).adjust(trace);
    assertThat(trace.spans().get(1).warnings())
        .containsExactly("This span's timestamps were adjusted by 35ms");
  }

  @Test
  void halfMicrosecondShiftsAreComputedInNanosecondsAndTruncated() {
    // Parent 10µs long at 1000µs, child 5µs at 0 on another host: latency 2.5µs.
    List<Span> spans = new ArrayList<>();
    spans.add(span(1, 0, 1000, 10, "a"));
    spans.add(span(2, 1, 0, 5, "b"));
    Trace trace = Trace.of(spans);
    new ClockSkewAdjuster(Duration.ofSeconds(1)).adjust(trace);
    assertThat(trace.spans().get(1).warnings())
        .containsExactly("This span's timestamps were adjusted by 1.0025ms");
    assertThat(trace.spans().get(1).startTime()).isEqualTo(1002); // 1002.5µs truncated
  }

  @Test
  void disabledStillWarnsDescendantsOnTheSameHost() {
    Trace trace =
        makeTrace(
            List.of(
                Proto.of(1, 0, 10, 100, "a", 10),
                Proto.of(2, 1, 50, 70, "b", 50),
                Proto.of(3, 2, 60, 20, "b", 60)));
    new ClockSkewAdjuster(Duration.ZERO).adjust(trace);
    assertThat(trace.spans().get(1).warnings())
        .containsExactly("clock skew adjustment disabled; not applying calculated delta of -25ms");
    assertThat(trace.spans().get(2).warnings())
        .containsExactly("clock skew adjustment disabled; not applying calculated delta of -25ms");
  }

  @Test
  void followsFromCountsAsParentWhenThereIsNoChildOf() {
    Span parent = span(1, 0, 10_000, 100_000, "a");
    Span child =
        span(2, 0, 0, 50_000, "b")
            .withReferences(List.of(SpanReference.followsFrom(TRACE, new SpanId(1))));
    Trace trace = Trace.of(new ArrayList<>(List.of(parent, child)));
    new ClockSkewAdjuster(Duration.ZERO).adjust(trace);
    assertThat(trace.spans().get(1).warnings())
        .containsExactly("clock skew adjustment disabled; not applying calculated delta of 35ms");
  }

  @Test
  void cyclesAreNeverVisited() {
    // 1 → 2 → 1: neither is a root; nothing happens, nothing loops.
    Trace trace =
        Trace.of(new ArrayList<>(List.of(span(1, 2, 0, 10, "a"), span(2, 1, 50, 10, "b"))));
    new ClockSkewAdjuster(Duration.ofSeconds(1)).adjust(trace);
    assertThat(trace.spans()).allSatisfy(span -> assertThat(span.warnings()).isEmpty());
  }

  @Test
  void aChainOf100000SpansDoesNotOverflowTheStack() {
    List<Span> spans = new ArrayList<>();
    spans.add(span(1, 0, 1_000_000, 1_000_000, "h0"));
    for (int i = 2; i <= 100_000; i++) {
      // Each child starts before its parent on another host: every one is shifted.
      spans.add(span(i, i - 1, 0, 10, "h" + (i % 2 == 0 ? 1 : 0)));
    }
    Trace trace = Trace.of(spans);
    new ClockSkewAdjuster(Duration.ofHours(1)).adjust(trace);
    Span last = trace.spans().get(99_999);
    assertThat(last.warnings()).hasSize(1);
    assertThat(last.startTime()).isGreaterThan(0);
  }

  @Test
  void hostKeys() {
    assertThat(hostOf(KeyValue.string("ip", "1.2.3.4"))).isEqualTo("1.2.3.4");
    assertThat(hostOf(KeyValue.string("ipv4", "1.2.3.4"))).isEmpty();
    assertThat(hostOf(KeyValue.int64("ip", 1 << 24 | 2 << 16 | 3 << 8 | 4))).isEqualTo("1.2.3.4");
    assertThat(hostOf(KeyValue.binary("ip", new byte[] {1, 2, 3, 4}))).isEqualTo("1.2.3.4");
    assertThat(
            hostOf(
                KeyValue.binary(
                    "ip",
                    new byte[] {
                      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4
                    })))
        .isEqualTo("1.2.3.4");
    assertThat(
            hostOf(
                KeyValue.binary("ip", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4})))
        .isEqualTo("::102:304");
    assertThat(hostOf(KeyValue.binary("ip", new byte[] {1, 2, 3, 4, 5}))).isEmpty();
    assertThat(hostOf(KeyValue.float64("ip", 123.4))).isEmpty();
  }

  private static String hostOf(KeyValue tag) {
    Span span = TestSpans.span(1).withProcess(new TracedProcess("some service", List.of(tag)));
    return ClockSkewAdjuster.hostKey(span);
  }

  /** A span with times in µs. */
  private static Span span(long id, long parent, long start, long duration, String host) {
    return new Span(
        TRACE,
        new SpanId(id),
        "op",
        parent == 0 ? List.of() : List.of(SpanReference.childOf(TRACE, new SpanId(parent))),
        0,
        start,
        duration,
        List.of(),
        List.of(),
        new TracedProcess(host, List.of(KeyValue.string("ip", host))),
        List.of());
  }
}
