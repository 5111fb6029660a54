package io.sightline.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.demo.DemoTraceGenerator;
import io.sightline.load.SpanPipeline.WriteFailedException;
import io.sightline.trace.Span;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.StorageException;
import io.sightline.trace.Trace;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SpanPipelineTest {

  private final List<Trace> traces =
      new DemoTraceGenerator(3, Clock.systemUTC()).traces(60, Duration.ofHours(1)).toList();
  private final long totalSpans = traces.stream().mapToLong(t -> t.spans().size()).sum();

  /** Records every write; fails the n-th (from 1) when asked to. */
  private static final class Writer implements SpanWriter {
    final List<List<Span>> writes = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger calls = new AtomicInteger();
    final int failOn;
    volatile int flushes;

    Writer(int failOn) {
      this.failOn = failOn;
    }

    @Override
    public void writeSpans(List<Span> spans) {
      if (calls.incrementAndGet() == failOn) {
        throw new StorageException(StorageException.Kind.FAILED, "bulk rejected");
      }
      writes.add(List.copyOf(spans));
    }

    @Override
    public void flush() {
      flushes++;
    }
  }

  @Test
  void writesEverySpanOnceInBatchesOfTheGivenSizeAndFlushesAtTheEnd() {
    Writer writer = new Writer(0);
    Tally tally = new Tally("t");
    try (SpanPipeline pipeline = new SpanPipeline(writer, 100, 2)) {
      traces.forEach(t -> pipeline.write(t, tally));
      tally.readToEnd();
      pipeline.finish();

      assertThat(pipeline.spansWritten()).isEqualTo(totalSpans);
      assertThat(pipeline.tracesWritten()).isEqualTo(traces.size());
    }
    List<Span> written = writer.writes.stream().flatMap(List::stream).toList();
    assertThat(written)
        .containsExactlyInAnyOrderElementsOf(
            traces.stream().flatMap(t -> t.spans().stream()).toList());
    assertThat(writer.writes).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(100));
    assertThat(writer.writes).hasSize((int) ((totalSpans + 99) / 100));
    assertThat(writer.flushes).isEqualTo(1);
    assertThat(tally.complete()).isTrue();
    assertThat(tally.spansWritten()).isEqualTo(totalSpans);
  }

  @Test
  void afterAFailedRequestNothingMoreIsSentAndTheAccountsAreExact() {
    Writer writer = new Writer(3);
    Tally tally = new Tally("t");
    try (SpanPipeline pipeline = new SpanPipeline(writer, 50, 1)) {
      assertThatThrownBy(
              () -> {
                traces.forEach(t -> pipeline.write(t, tally));
                pipeline.finish();
              })
          .isInstanceOf(WriteFailedException.class);
      pipeline.awaitInFlight();

      SpanPipeline.Failure failure = pipeline.failure();
      assertThat(failure.cause()).hasMessage("bulk rejected");
      assertThat(failure.spans()).isEqualTo(50);
      // Only what the writer stored counts, and only whole traces count as traces.
      long stored = writer.writes.stream().mapToLong(List::size).sum();
      assertThat(pipeline.spansWritten()).isEqualTo(stored).isEqualTo(tally.spansWritten());
      assertThat(writer.calls.get()).isGreaterThanOrEqualTo(3);
      assertThat(writer.writes).hasSize(writer.calls.get() - 1);
      assertThat(pipeline.tracesWritten()).isEqualTo(completeTraces(writer.writes));
      assertThat(tally.complete()).isFalse();
      assertThat(writer.flushes).isZero();
    }
  }

  @Test
  void neverMoreRequestsInFlightThanAsked() throws InterruptedException {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch slow = new CountDownLatch(1);
    SpanWriter writer =
        spans -> {
          most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            slow.await(20, TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          inFlight.decrementAndGet();
        };
    try (SpanPipeline pipeline = new SpanPipeline(writer, 10, 3)) {
      Tally tally = new Tally("t");
      traces.forEach(t -> pipeline.write(t, tally));
      pipeline.finish();
      assertThat(pipeline.spansWritten()).isEqualTo(totalSpans);
    }
    assertThat(most.get()).isBetween(2, 3);
  }

  /** Traces all of whose spans were written. */
  private long completeTraces(List<List<Span>> writes) {
    List<Span> written = writes.stream().flatMap(List::stream).toList();
    return traces.stream().filter(t -> written.containsAll(t.spans())).count();
  }
}
