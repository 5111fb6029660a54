package io.sightline.storage.memory;

import static io.sightline.storage.memory.MemorySpanStoreTest.micros;
import static io.sightline.storage.memory.MemorySpanStoreTest.span;
import static io.sightline.storage.memory.MemorySpanStoreTest.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The time-bucket indices ({@link TimeIndex}) against the search's definition, computed the slow
 * way from every span held: spans over many buckets, written out of time order in batches, searched
 * between writes (so buckets are sorted, then written again), evicted by the span bound.
 */
class TimeIndexSearchTest {

  private static final Instant NOW = Instant.parse("2024-05-04T23:00:00Z");
  private static final List<String> SERVICES = List.of("a", "b", "c");
  private static final List<String> OPERATIONS = List.of("x", "y");

  @Test
  void searchesFindWhatTheDefinitionFindsWhileWritesAndEvictionsGoOn() {
    Random random = new Random(42);
    MemorySpanStore store =
        new MemorySpanStore(
            new MemoryStoreProperties(0, 3_000, Duration.ofHours(72)),
            Clock.fixed(NOW, ZoneOffset.UTC));
    long windowStart = micros(NOW.minusSeconds(120));
    List<Span> written = new ArrayList<>();
    long nextTrace = 1;
    for (int batch = 0; batch < 60; batch++) {
      List<Span> spans = new ArrayList<>();
      for (int t = 0; t < 20; t++) {
        // Mostly new traces, sometimes more spans of one written before.
        long trace =
            random.nextInt(4) == 0 && nextTrace > 1
                ? 1 + random.nextInt((int) nextTrace - 1)
                : nextTrace++;
        for (int s = 0; s < 1 + random.nextInt(6); s++) {
          spans.add(
              span(
                  traceId(trace),
                  random.nextLong(),
                  SERVICES.get(random.nextInt(SERVICES.size())),
                  OPERATIONS.get(random.nextInt(OPERATIONS.size())),
                  // 120 s: about 29 buckets; the same microsecond now and then.
                  windowStart + random.nextInt(120_000) * 1_000L + random.nextInt(2)));
        }
      }
      Collections.shuffle(spans, random);
      store.writeSpans(spans);
      written.addAll(spans);
      for (int q = 0; q < 3; q++) {
        TraceQuery query = randomQuery(random);
        assertThat(store.findTraceIds(query))
            .as("batch %d, %s", batch, query)
            .isEqualTo(expected(store, written, query));
      }
    }
    assertThat(store.stats().evictedTraces()).isPositive();
    assertThat(store.heldIndexEntries())
        .as("entries of evicted traces held in the indices are bounded")
        .isLessThanOrEqualTo(3 * 2 * store.stats().spans());
  }

  private static TraceQuery randomQuery(Random random) {
    Instant from = NOW.minusSeconds(130 - random.nextInt(60));
    Instant to = from.plusSeconds(1 + random.nextInt(90));
    TraceQuery.Builder query = TraceQuery.builder(from, to).limit(1 + random.nextInt(40));
    if (random.nextInt(3) > 0) {
      query.serviceName(SERVICES.get(random.nextInt(SERVICES.size())));
      if (random.nextBoolean()) {
        query.operationName(OPERATIONS.get(random.nextInt(OPERATIONS.size())));
      }
    }
    return query.build();
  }

  /**
   * Traces held with a matching span that started in the window (at millisecond grain), by their
   * newest such start descending, then by trace ID text ascending; the first {@code limit}.
   */
  private static List<TraceId> expected(
      MemorySpanStore store, List<Span> written, TraceQuery query) {
    long from = query.startTimeMin().toEpochMilli() * 1_000;
    long to = query.startTimeMax().toEpochMilli() * 1_000 + 999;
    Map<TraceId, Long> newest = new HashMap<>();
    for (Span span : held(store, written)) {
      if (span.startTime() >= from
          && span.startTime() <= to
          && (query.serviceName().isEmpty()
              || query.serviceName().equals(span.process().serviceName()))
          && (query.operationName().isEmpty()
              || query.operationName().equals(span.operationName()))) {
        newest.merge(span.traceId(), span.startTime(), Math::max);
      }
    }
    return newest.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<TraceId, Long> e) -> e.getValue())
                .reversed()
                .thenComparing(e -> e.getKey().toString()))
        .limit(query.limit())
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The spans the store still holds: those of the traces it still returns. */
  private static List<Span> held(MemorySpanStore store, List<Span> written) {
    List<TraceLookup> lookups = new ArrayList<>();
    written.stream().map(Span::traceId).distinct().forEach(id -> lookups.add(TraceLookup.of(id)));
    List<Span> spans = new ArrayList<>();
    for (Trace trace : store.getTraces(lookups)) {
      spans.addAll(trace.spans());
    }
    return spans;
  }
}
