package io.sightline.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sightline.threads.DaemonThreads;
import io.sightline.trace.Span;
import io.sightline.trace.SpanWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue between the OTLP receivers and the store: a bounded number of spans waiting, one writer
 * thread that writes them with the store's {@link SpanWriter} (the loader's writer), batches that
 * arrived together written together.
 *
 * <p>Never silent loss: {@link #offer} either takes a whole request or refuses it (the receivers
 * answer OTLP's retryable "try later"), and a failed write is retried, with a growing pause, until
 * it succeeds — while the store is down the queue fills and new requests are refused. Only spans
 * still queued when the server stops and the queue cannot drain within the shutdown grace are
 * counted as dropped.
 *
 * <p>Metrics: {@code sightline.ingest.spans.received|refused|written|dropped} (counters, {@code
 * _total} in Prometheus) and {@code sightline.ingest.queue.depth|capacity} (gauges, spans).
 */
public final class SpanIngest implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SpanIngest.class);

  private static final Duration FIRST_RETRY = Duration.ofMillis(100);
  private static final Duration LAST_RETRY = Duration.ofSeconds(5);

  private final SpanWriter writer;
  private final int capacity;
  private final int maxWriteBatch;
  private final Duration shutdownGrace;
  private final LinkedBlockingQueue<List<Span>> queue = new LinkedBlockingQueue<>();
  private final AtomicLong depth = new AtomicLong();
  private final Counter received;
  private final Counter refusedFull;
  private final Counter refusedInvalid;
  private final Counter written;
  private final Counter dropped;
  private final Thread worker;
  private volatile boolean open = true;

  /**
   * @param capacity how many spans may wait at most
   * @param maxWriteBatch how many queued spans one write takes at most
   * @param shutdownGrace how long {@link #close} waits for the queue to drain
   */
  public SpanIngest(
      SpanWriter writer,
      int capacity,
      int maxWriteBatch,
      Duration shutdownGrace,
      MeterRegistry registry) {
    if (capacity < 1 || maxWriteBatch < 1) {
      throw new IllegalArgumentException("capacity and batch must be positive");
    }
    this.writer = writer;
    this.capacity = capacity;
    this.maxWriteBatch = maxWriteBatch;
    this.shutdownGrace = shutdownGrace;
    this.received = counter(registry, "received", "Spans received by the OTLP receivers");
    this.refusedFull =
        Counter.builder("sightline.ingest.spans.refused")
            .description("Spans refused with a retryable answer or as malformed")
            .tag("reason", "queue_full")
            .register(registry);
    this.refusedInvalid =
        Counter.builder("sightline.ingest.spans.refused")
            .description("Spans refused with a retryable answer or as malformed")
            .tag("reason", "invalid")
            .register(registry);
    this.written = counter(registry, "written", "Spans written to the store");
    this.dropped = counter(registry, "dropped", "Spans accepted but never written (must stay 0)");
    Gauge.builder("sightline.ingest.queue.depth", depth, AtomicLong::get)
        .description("Spans waiting to be written")
        .register(registry);
    Gauge.builder("sightline.ingest.queue.capacity", () -> this.capacity)
        .description("Spans that may wait at most")
        .register(registry);
    this.worker = DaemonThreads.start("otlp-span-writer", this::drain);
  }

  private static Counter counter(MeterRegistry registry, String what, String description) {
    return Counter.builder("sightline.ingest.spans." + what)
        .description(description)
        .register(registry);
  }

  /**
   * Queues all of these spans, or none: {@code false} when they do not fit (or the ingest is
   * closing). A request larger than the whole queue is taken when the queue is empty.
   */
  public boolean offer(List<Span> spans) {
    int n = spans.size();
    received.increment(n);
    if (n == 0) {
      return true;
    }
    if (!open) {
      refusedFull.increment(n);
      return false;
    }
    long before;
    do {
      before = depth.get();
      if (!fits(before, n)) {
        refusedFull.increment(n);
        return false;
      }
    } while (!depth.compareAndSet(before, before + n));
    queue.add(spans);
    return true;
  }

  /**
   * Refuses a request of this many spans at once, counted as {@link #offer} counts a refusal, when
   * the queue could not take it now: the receiver then answers "try later" without first spending
   * its CPU translating spans that would be refused ({@link #offer} checks again).
   */
  public boolean refuseIfFull(int spans) {
    long now = depth.get();
    if (open && (spans == 0 || fits(now, spans))) {
      return false;
    }
    received.increment(spans);
    refusedFull.increment(spans);
    return true;
  }

  /** Whether a request of {@code spans} may join a queue this deep (an empty one takes any). */
  private boolean fits(long depth, int spans) {
    return depth == 0 || depth + spans <= capacity;
  }

  /** Counts spans received but refused as malformed (the whole request is refused). */
  public void refuseInvalid(int spans) {
    received.increment(spans);
    refusedInvalid.increment(spans);
  }

  /** Spans waiting to be written. */
  public long depth() {
    return depth.get();
  }

  private void drain() {
    List<Span> batch = new ArrayList<>(maxWriteBatch);
    while (open || !queue.isEmpty()) {
      try {
        List<Span> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.addAll(first);
        List<Span> next;
        while (batch.size() < maxWriteBatch && (next = queue.poll()) != null) {
          batch.addAll(next);
        }
        writeUntilStored(batch);
        depth.addAndGet(-batch.size());
        written.increment(batch.size());
        batch.clear();
      } catch (InterruptedException e) {
        break;
      }
    }
    long left = depth.getAndSet(0);
    if (left > 0) {
      dropped.increment((double) left);
      log.error("OTLP ingest stopped with {} spans not written", left);
    }
  }

  private void writeUntilStored(List<Span> batch) throws InterruptedException {
    Duration pause = FIRST_RETRY;
    while (true) {
      try {
        writer.writeSpans(batch);
        return;
      } catch (RuntimeException e) {
        if (!open) {
          throw new InterruptedException("closing while the store fails: " + e.getMessage());
        }
        log.warn(
            "Writing {} OTLP spans failed, retrying in {} ms: {}",
            batch.size(),
            pause.toMillis(),
            e.toString());
        Thread.sleep(pause.toMillis());
        pause =
            pause.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : pause.multipliedBy(2);
      }
    }
  }

  /** Stops taking spans and waits up to the shutdown grace for the queued ones to be written. */
  @Override
  public void close() {
    open = false;
    try {
      worker.join(shutdownGrace.toMillis());
      if (worker.isAlive()) {
        worker.interrupt();
        worker.join(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
