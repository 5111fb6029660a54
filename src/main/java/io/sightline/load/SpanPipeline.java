package io.sightline.load;

import io.sightline.threads.DaemonThreads;
import io.sightline.trace.Span;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.Trace;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes traces through a {@link SpanWriter} in batches of a fixed number of spans, with up to
 * {@code concurrency} batches in flight on their own threads while the caller reads or generates
 * the next one. Memory stays bounded: the caller blocks while all request slots are busy, so at
 * most {@code concurrency + 1} batches exist at once (plus the trace being read).
 *
 * <p>It keeps exact accounts: a span counts as written once the request holding it succeeded, a
 * trace once all its spans have, a source once it was read to the end and all its traces are
 * written. After a request failed nothing more is sent; {@link #write} throws {@link
 * WriteFailedException} so that the reader stops, and {@link #failure()} tells what failed.
 */
final class SpanPipeline implements AutoCloseable {

  private final SpanWriter writer;
  private final int batchSpans;
  private final int concurrency;
  private final Semaphore slots;
  private final ExecutorService executor;
  private final AtomicLong spansWritten = new AtomicLong();
  private final AtomicLong tracesWritten = new AtomicLong();
  private final AtomicInteger failedRequests = new AtomicInteger();
  private volatile Failure failure;
  private Batch current = new Batch();

  /**
   * @param batchSpans spans per write (one bulk request)
   * @param concurrency writes in flight at once
   */
  SpanPipeline(SpanWriter writer, int batchSpans, int concurrency) {
    this.writer = writer;
    this.batchSpans = batchSpans;
    this.concurrency = concurrency;
    this.slots = new Semaphore(concurrency);
    this.executor =
        Executors.newFixedThreadPool(concurrency, DaemonThreads.numbered("sightline-load-writer"));
  }

  /** The request that failed first. */
  record Failure(Throwable cause, int spans, int traces, int otherFailedRequests) {}

  /**
   * Queues a trace's spans, sending each batch as it fills.
   *
   * @throws WriteFailedException when an earlier request has failed (nothing more is sent)
   */
  void write(Trace trace, Tally tally) {
    failIfFailed();
    TraceTicket ticket = new TraceTicket(tally);
    tally.read(trace.spans().size());
    for (Span span : trace.spans()) {
      current.add(span, ticket);
      if (current.spans.size() >= batchSpans) {
        send();
      }
    }
    ticket.seal();
  }

  /**
   * Sends the partial batch now, so that no request mixes spans of this source and the next: the
   * accounts of each source stay exact even when a later request fails.
   *
   * @throws WriteFailedException when an earlier request has failed
   */
  void endOfSource() {
    failIfFailed();
    send();
  }

  /**
   * Sends the last partial batch, waits for every request and makes everything written searchable.
   *
   * @throws WriteFailedException when a request failed
   */
  void finish() {
    failIfFailed();
    send();
    awaitInFlight();
    failIfFailed();
    writer.flush();
  }

  /** Waits until no request is in flight (after a failure: so that the accounts are final). */
  void awaitInFlight() {
    slots.acquireUninterruptibly(concurrency);
    slots.release(concurrency);
  }

  long spansWritten() {
    return spansWritten.get();
  }

  long tracesWritten() {
    return tracesWritten.get();
  }

  /** The first failed request, or null. */
  Failure failure() {
    Failure first = failure;
    if (first == null) {
      return null;
    }
    return new Failure(first.cause(), first.spans(), first.traces(), failedRequests.get() - 1);
  }

  private void failIfFailed() {
    if (failure != null) {
      throw new WriteFailedException();
    }
  }

  private void send() {
    Batch batch = current;
    if (batch.spans.isEmpty()) {
      return;
    }
    current = new Batch();
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to send spans", e);
    }
    failIfFailedReleasing();
    executor.execute(
        () -> {
          try {
            writer.writeSpans(batch.spans);
            spansWritten.addAndGet(batch.spans.size());
            batch.tickets.forEach((ticket, count) -> ticket.written(count[0]));
          } catch (RuntimeException | Error e) {
            synchronized (this) {
              if (failure == null) {
                failure = new Failure(e, batch.spans.size(), batch.tickets.size(), 0);
              }
            }
            failedRequests.incrementAndGet();
          } finally {
            slots.release();
          }
        });
  }

  private void failIfFailedReleasing() {
    if (failure != null) {
      slots.release();
      throw new WriteFailedException();
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Spans of one request, and how many of them belong to each trace. */
  private static final class Batch {
    final List<Span> spans = new ArrayList<>();
    final IdentityHashMap<TraceTicket, int[]> tickets = new IdentityHashMap<>();

    void add(Span span, TraceTicket ticket) {
      spans.add(span);
      int[] count = tickets.get(ticket);
      if (count == null) {
        tickets.put(ticket, new int[] {1});
        ticket.inBatch();
      } else {
        count[0]++;
      }
    }
  }

  /**
   * One trace on its way: complete when it was read whole and every batch holding it is written.
   */
  private final class TraceTicket {
    private final Tally tally;
    private int pendingBatches;
    private boolean sealed;

    TraceTicket(Tally tally) {
      this.tally = tally;
    }

    synchronized void inBatch() {
      pendingBatches++;
    }

    void written(int spans) {
      tally.spansWritten(spans);
      boolean complete;
      synchronized (this) {
        pendingBatches--;
        complete = sealed && pendingBatches == 0;
      }
      if (complete) {
        complete();
      }
    }

    void seal() {
      boolean complete;
      synchronized (this) {
        sealed = true;
        complete = pendingBatches == 0;
      }
      if (complete) {
        complete();
      }
    }

    private void complete() {
      tracesWritten.incrementAndGet();
      tally.traceWritten();
    }
  }

  /** Thrown to the reader once a request has failed: stop reading, see {@link #failure()}. */
  static final class WriteFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WriteFailedException() {
      super("an earlier bulk request failed", null, false, false);
    }
  }
}
