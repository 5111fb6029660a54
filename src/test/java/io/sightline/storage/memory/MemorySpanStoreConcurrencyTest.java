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
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Smoke test: writers append to shared traces (so fetches sort concurrently) and evict, while
 * readers search and fetch. Every answer a reader sees must be internally consistent.
 */
class MemorySpanStoreConcurrencyTest {

  private static final Instant NOW = Instant.parse("2024-05-04T12:00:00Z");
  private static final int WRITERS = 3;
  private static final int READERS = 3;
  private static final int TRACES_PER_WRITER = 400;
  private static final int SPANS_PER_TRACE = 20;

  @Test
  void concurrentReadersSeeConsistentTracesWhileWritersAppendAndEvict() throws Exception {
    // Room for about half of what is written, so eviction runs all along.
    MemorySpanStore store =
        new MemorySpanStore(
            new MemoryStoreProperties(
                0, WRITERS * TRACES_PER_WRITER * SPANS_PER_TRACE / 2, Duration.ofHours(72)),
            Clock.fixed(NOW, ZoneOffset.UTC));
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong fetchedSpans = new AtomicLong();
    AtomicLong searches = new AtomicLong();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(
            pool.submit(
                () -> {
                  await(start);
                  long base = micros(NOW.minus(Duration.ofMinutes(30)));
                  // Each trace is written in several batches, newest spans first, interleaved
                  // with other traces: fetches have to sort what they find.
                  for (int t = 0; t < TRACES_PER_WRITER; t += 4) {
                    for (int s = SPANS_PER_TRACE; s > 0; s -= 5) {
                      List<Span> batch = new ArrayList<>();
                      for (int k = t; k < t + 4; k++) {
                        long id = writer * 1_000_000L + k + 1;
                        for (int j = s; j > s - 5; j--) {
                          batch.add(
                              span(
                                  traceId(id),
                                  j,
                                  "svc-" + writer,
                                  "op-" + (j % 3),
                                  base + k * 100L + j));
                        }
                      }
                      store.writeSpans(batch);
                    }
                  }
                  return null;
                }));
      }
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        int reader = r;
        readers.add(
            pool.submit(
                () -> {
                  await(start);
                  TraceQuery query =
                      TraceQuery.builder(NOW.minus(Duration.ofHours(1)), NOW)
                          .serviceName("svc-" + (reader % WRITERS))
                          .limit(50)
                          .build();
                  while (writing.get()) {
                    List<TraceId> ids = store.findTraceIds(query);
                    searches.incrementAndGet();
                    List<TraceLookup> lookups = ids.stream().map(TraceLookup::of).toList();
                    for (Trace trace : store.getTraces(lookups)) {
                      check(trace, problems);
                      fetchedSpans.addAndGet(trace.spans().size());
                    }
                    store.getServices();
                    store.getOperations("svc-0", "");
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> writer : writers) {
        writer.get(2, TimeUnit.MINUTES);
      }
      writing.set(false);
      for (Future<?> reader : readers) {
        reader.get(1, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(problems).isEmpty();
    assertThat(searches.get()).isPositive();
    assertThat(fetchedSpans.get()).isPositive();
    MemorySpanStore.Stats stats = store.stats();
    assertThat(stats.spans())
        .isLessThanOrEqualTo(WRITERS * TRACES_PER_WRITER * SPANS_PER_TRACE / 2);
    // A trace evicted while its writer was still sending batches comes back as a new, partial
    // trace holding the later batches: so at least every trace was held once.
    assertThat(stats.traces() + stats.evictedTraces())
        .isGreaterThanOrEqualTo(WRITERS * TRACES_PER_WRITER);
    // Every trace still held is complete and in order.
    for (String service : store.getServices()) {
      TraceQuery all =
          TraceQuery.builder(NOW.minus(Duration.ofHours(1)), NOW)
              .serviceName(service)
              .limit(10_000)
              .build();
      for (Trace trace : store.findTraces(all)) {
        check(trace, problems);
        // Batches go from the highest span ID down, so a trace held is the whole trace or, if it
        // was evicted mid-write, exactly the spans 1..n of the batches written after that.
        assertThat(trace.spans())
            .extracting(span -> span.spanId().value())
            .containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, trace.spans().size()).boxed().toList());
      }
    }
    assertThat(problems).isEmpty();
  }

  /** All spans of one trace, no span twice, in (startTime, spanID) order. */
  private static void check(Trace trace, ConcurrentLinkedQueue<String> problems) {
    List<Span> spans = trace.spans();
    for (int i = 0; i < spans.size(); i++) {
      Span span = spans.get(i);
      if (!span.traceId().equals(trace.traceId())) {
        problems.add("span of " + span.traceId() + " in trace " + trace.traceId());
      }
      if (i > 0) {
        Span before = spans.get(i - 1);
        boolean ordered =
            before.startTime() < span.startTime()
                || (before.startTime() == span.startTime()
                    && Long.compareUnsigned(before.spanId().value(), span.spanId().value()) < 0);
        if (!ordered) {
          problems.add("trace " + trace.traceId() + " out of order at " + i);
        }
      }
    }
    if (spans.size() % 5 != 0) {
      problems.add("trace " + trace.traceId() + " has a partial batch: " + spans.size());
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
