package io.sightline.bench;

import io.sightline.demo.DemoTraceGenerator;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark's data: the demo shop's request traces until {@code spans} spans over {@code
 * window} before {@code now}, plus one re-index trace per size in {@code largeTraces}. The loader
 * is given the same seed and now, so the traces the benchmark regenerates here (to convert them for
 * Zipkin, and to know the large traces' IDs) are exactly the ones it stored.
 */
record DataSet(long seed, Instant now, long spans, Duration window, List<Integer> largeTraces) {

  DataSet {
    largeTraces = List.copyOf(largeTraces);
  }

  DemoTraceGenerator generator() {
    return new DemoTraceGenerator(seed, Clock.fixed(now, ZoneOffset.UTC));
  }

  /** The request traces, generated lazily. */
  Stream<Trace> requestTraces() {
    return generator().tracesWithSpans(spans, window);
  }

  /** The request traces and then the large traces. */
  Stream<Trace> allTraces() {
    DemoTraceGenerator generator = generator();
    return Stream.concat(
        generator.tracesWithSpans(spans, window),
        largeTraces.stream().map(generator::generateLargeTrace));
  }

  TraceId largeTraceId(int size) {
    return generator().generateLargeTrace(size).traceId();
  }

  long nowMicros() {
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  long nowMillis() {
    return now.toEpochMilli();
  }
}
