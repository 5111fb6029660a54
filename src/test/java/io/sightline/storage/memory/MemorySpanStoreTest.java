package io.sightline.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Operation;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceQuery;
import io.sightline.trace.TracedProcess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The memory store's own concerns: bounds and eviction, the service window, cheap large fetches.
 */
class MemorySpanStoreTest {

  private static final Instant NOW = Instant.parse("2024-05-04T23:00:00Z");

  private final MutableClock clock = new MutableClock(NOW);

  @Test
  void evictsTheTracesFirstWrittenWhenThereAreTooManyTraces() {
    MemorySpanStore store = store(3, 1_000);
    for (int i = 1; i <= 3; i++) {
      store.writeSpans(List.of(span(i, 1, "svc", "op", NOW.minusSeconds(60 - i))));
    }
    // More spans for the first trace do not make it younger: eviction follows first writes.
    store.writeSpans(List.of(span(1, 2, "svc", "op", NOW.minusSeconds(10))));
    store.writeSpans(List.of(span(4, 1, "svc", "op", NOW.minusSeconds(5))));

    assertThat(fetch(store, 1)).isEmpty();
    assertThat(fetch(store, 2)).hasSize(1);
    assertThat(fetch(store, 4)).hasSize(1);
    assertThat(store.stats()).isEqualTo(new MemorySpanStore.Stats(3, 3, 1));
    // Gone from the search indices too.
    assertThat(store.findTraceIds(lastHour("svc")))
        .containsExactly(traceId(4), traceId(3), traceId(2));
  }

  @Test
  void evictsWholeTracesWhenThereAreTooManySpans() {
    MemorySpanStore store = store(0, 10);
    for (int trace = 1; trace <= 3; trace++) {
      List<Span> spans = new ArrayList<>();
      for (int s = 1; s <= 4; s++) {
        spans.add(span(trace, s, "svc", "op-" + trace, NOW.minusSeconds(100 - trace)));
      }
      store.writeSpans(spans);
    }

    assertThat(store.stats()).isEqualTo(new MemorySpanStore.Stats(2, 8, 1));
    assertThat(fetch(store, 1)).isEmpty();
    assertThat(fetch(store, 3)).hasSize(4);
    assertThat(store.findTraceIds(lastHour("svc"))).containsExactly(traceId(3), traceId(2));
    assertThat(
            store.findTraceIds(
                TraceQuery.builder(NOW.minusSeconds(3600), NOW)
                    .serviceName("svc")
                    .operationName("op-1")
                    .build()))
        .isEmpty();
  }

  @Test
  void aTraceLargerThanTheSpanBoundIsDroppedSoTheBoundHolds() {
    MemorySpanStore store = store(0, 5);
    store.writeSpans(List.of(span(1, 1, "svc", "op", NOW)));
    List<Span> huge = new ArrayList<>();
    for (int s = 1; s <= 6; s++) {
      huge.add(span(2, s, "svc", "op", NOW));
    }
    store.writeSpans(huge);

    assertThat(store.stats()).isEqualTo(new MemorySpanStore.Stats(0, 0, 2));
    assertThat(store.findTraceIds(lastHour("svc"))).isEmpty();
  }

  @Test
  void zeroMaxTracesMeansNoLimitOnTheNumberOfTraces() {
    MemorySpanStore store = store(0, 1_000);
    for (int i = 1; i <= 500; i++) {
      store.writeSpans(List.of(span(i, 1, "svc", "op", NOW)));
    }
    assertThat(store.stats().traces()).isEqualTo(500);
  }

  @Test
  void listsServicesAndOperationsSeenInTheWholeDaysOfTheMaxSpanAge() {
    MemorySpanStore store = store(100, 1_000);
    // now − 72h = 2024-05-01T23:00Z, so the daily indices read are 05-01 … 05-04.
    store.writeSpans(
        List.of(
            span(1, 1, "early-on-first-day", "a", Instant.parse("2024-05-01T00:30:00Z")),
            span(2, 1, "day-before", "b", Instant.parse("2024-04-30T23:59:59Z")),
            span(3, 1, "today", "c", Instant.parse("2024-05-04T22:00:00Z")),
            span(4, 1, "tomorrow", "d", Instant.parse("2024-05-05T00:00:01Z"))));

    assertThat(store.getServices()).containsExactlyInAnyOrder("early-on-first-day", "today");
    assertThat(store.getOperations("day-before", "")).isEmpty();

    // A day later the first day is out of the window, and tomorrow has come.
    clock.set(NOW.plus(Duration.ofDays(1)));
    assertThat(store.getServices()).containsExactlyInAnyOrder("today", "tomorrow");
    // The spans themselves are still there: age only limits the service listing.
    assertThat(fetch(store, 1)).hasSize(1);
  }

  @Test
  void ordersNamesLikeATermsAggregationOverDailyServiceDocuments() {
    MemorySpanStore store = store(100, 1_000);
    Instant today = NOW.minusSeconds(60);
    Instant yesterday = today.minus(Duration.ofDays(1));
    // One service document per (service, operation, day), as Jaeger's writer stores them.
    store.writeSpans(
        List.of(
            span(1, 1, "busy", "get", today),
            span(1, 2, "busy", "get", today), // same document
            span(1, 3, "busy", "get", yesterday),
            span(1, 4, "busy", "put", today),
            span(2, 1, "alpha", "x", today),
            span(3, 1, "zeta", "x", today),
            span(3, 2, "zeta", "y", today)));

    // busy: 3 documents; zeta: 2; alpha: 1.
    assertThat(store.getServices()).containsExactly("busy", "zeta", "alpha");
    assertThat(store.getOperations("busy", "server"))
        .containsExactly(new Operation("get", ""), new Operation("put", ""));
    assertThat(store.getOperations("zeta", null))
        .containsExactly(new Operation("x", ""), new Operation("y", ""));
  }

  @Test
  void namesLongerThan256CharactersAreNotIndexed() {
    MemorySpanStore store = store(100, 1_000);
    String longService = "s".repeat(257);
    String longOperation = "o".repeat(257);
    store.writeSpans(
        List.of(span(1, 1, longService, "op", NOW), span(2, 1, "svc", longOperation, NOW)));

    assertThat(store.getServices()).containsExactly("svc");
    assertThat(store.getOperations("svc", "")).isEmpty();
    assertThat(store.getOperations(longService, "")).isEmpty();
    assertThat(store.findTraceIds(lastHour(longService))).isEmpty();
    assertThat(
            store.findTraceIds(
                TraceQuery.builder(NOW.minusSeconds(3600), NOW)
                    .serviceName("svc")
                    .operationName(longOperation)
                    .build()))
        .isEmpty();
    // Without conditions on the long names, the spans are found.
    assertThat(store.findTraceIds(TraceQuery.builder(NOW.minusSeconds(3600), NOW).build()))
        .containsExactlyInAnyOrder(traceId(1), traceId(2));
  }

  @Test
  void searchWithoutAServiceLooksAtEveryService() {
    MemorySpanStore store = store(100, 1_000);
    store.writeSpans(
        List.of(
            span(1, 1, "a", "op", NOW.minusSeconds(30))
                .withTags(List.of(KeyValue.string("customer", "42"))),
            span(2, 1, "b", "op", NOW.minusSeconds(20))
                .withTags(List.of(KeyValue.string("customer", "42"))),
            span(3, 1, "c", "op", NOW.minusSeconds(10))));

    assertThat(
            store.findTraceIds(
                TraceQuery.builder(NOW.minusSeconds(3600), NOW).tag("customer", "42").build()))
        .containsExactly(traceId(2), traceId(1));
  }

  @Test
  void equalStartTimesOrderTraceIdsAscendingLikeTheTermsAggregation() {
    MemorySpanStore store = store(100, 1_000);
    Instant at = NOW.minusSeconds(30);
    store.writeSpans(
        List.of(
            span(0xb, 1, "svc", "op", at),
            span(0xa, 1, "svc", "op", at),
            span(0xc, 1, "svc", "op", at)));

    assertThat(store.findTraceIds(lastHour("svc")))
        .containsExactly(traceId(0xa), traceId(0xb), traceId(0xc));
  }

  @Test
  void aHundredThousandSpanTraceWrittenInBatchesComesBackWholeAndOrdered() {
    MemorySpanStore store = store(10, 200_000);
    TraceId id = traceId(7);
    long start = micros(NOW.minus(Duration.ofHours(1)));
    List<Span> spans = new ArrayList<>(100_000);
    for (int i = 0; i < 100_000; i++) {
      spans.add(span(id, 100_000 - i, "big", "op-" + (i % 10), start + (i % 5_000)));
    }
    Collections.shuffle(spans, new java.util.Random(1));
    // Written in 100 batches, so the store cannot rely on one sorted write.
    for (int b = 0; b < 100; b++) {
      store.writeSpans(spans.subList(b * 1_000, (b + 1) * 1_000));
    }

    List<Span> first = store.getTraces(List.of(TraceLookup.of(id))).get(0).spans();
    // A second fetch (served from the already-sorted trace) is the same.
    assertThat(store.getTraces(List.of(TraceLookup.of(id))).get(0).spans()).isEqualTo(first);

    assertThat(first).hasSize(100_000);
    for (int i = 1; i < first.size(); i++) {
      Span a = first.get(i - 1);
      Span b = first.get(i);
      assertThat(
              a.startTime() < b.startTime()
                  || (a.startTime() == b.startTime()
                      && Long.compareUnsigned(a.spanId().value(), b.spanId().value()) < 0))
          .as("order at %d", i)
          .isTrue();
    }
  }

  @Test
  void aSearchOnARareServiceFindsItAmongManySpans() {
    MemorySpanStore store = store(0, 300_000);
    long start = micros(NOW.minus(Duration.ofHours(2)));
    List<Span> batch = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      batch.add(span(traceId(i + 1), 1, "busy-" + (i % 20), "op", start + i * 10L));
      if (batch.size() == 10_000) {
        store.writeSpans(batch);
        batch = new ArrayList<>();
      }
    }
    store.writeSpans(List.of(span(999_999, 1, "rare", "op", NOW.minusSeconds(60))));

    TraceQuery rare =
        TraceQuery.builder(NOW.minusSeconds(3600), NOW).serviceName("rare").limit(20).build();
    assertThat(store.findTraceIds(rare)).containsExactly(traceId(999_999));
  }

  // ---- helpers ----

  private MemorySpanStore store(int maxTraces, int maxSpans) {
    return new MemorySpanStore(
        new MemoryStoreProperties(maxTraces, maxSpans, Duration.ofHours(72)), clock);
  }

  private static TraceQuery lastHour(String service) {
    return TraceQuery.builder(NOW.minusSeconds(3600), NOW).serviceName(service).build();
  }

  private static List<Span> fetch(MemorySpanStore store, long traceId) {
    List<Trace> traces = store.getTraces(List.of(TraceLookup.of(traceId(traceId))));
    return traces.isEmpty() ? List.of() : traces.get(0).spans();
  }

  static TraceId traceId(long low) {
    return new TraceId(0, low);
  }

  static Span span(long traceId, long spanId, String service, String operation, Instant start) {
    return span(traceId(traceId), spanId, service, operation, micros(start));
  }

  static Span span(TraceId traceId, long spanId, String service, String operation, long start) {
    return new Span(
        traceId,
        new SpanId(spanId),
        operation,
        List.of(),
        0,
        start,
        1_000,
        List.of(),
        List.of(),
        new TracedProcess(service, List.of()),
        List.of());
  }

  static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      this.now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
