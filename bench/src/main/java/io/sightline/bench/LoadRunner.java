package io.sightline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop load: {@code clients} threads, each sending its next request as soon as the previous
 * one answered. A warm-up phase (same concurrency, discarded), then a measured phase of a fixed
 * duration: clients start no new operation after it, but the operations in flight complete and
 * count (so even a 10 s request is measured at 16 clients), and the phase ends when the last one
 * does. The watched processes' CPU time is sampled at the start and end of the measured phase.
 */
final class LoadRunner {

  private final Duration warmup;
  private final Duration measure;
  private final int minWarmupOperations;

  /**
   * @param warmup how long to warm up at each concurrency
   * @param measure how long to measure
   * @param minWarmupOperations at least this many warm-up operations per client, however long
   */
  LoadRunner(Duration warmup, Duration measure, int minWarmupOperations) {
    this.warmup = warmup;
    this.measure = measure;
    this.minWarmupOperations = minWarmupOperations;
  }

  /**
   * Warms up, then measures.
   *
   * @param product the product's process (its CPU is reported), or null
   * @param elasticsearch the Elasticsearch node's process, or null
   */
  Measurement run(Operation operation, int clients, ProcStats product, ProcStats elasticsearch)
      throws InterruptedException {
    phase(operation, clients, warmup, minWarmupOperations);
    double cpuBefore = product == null ? Double.NaN : product.cpuSeconds();
    double esBefore = elasticsearch == null ? Double.NaN : elasticsearch.cpuSeconds();
    long started = System.nanoTime();
    Phase result = phase(operation, clients, measure, 1);
    double seconds = (result.endedNanos - started) / 1e9;
    double cpu = product == null ? Double.NaN : product.cpuSeconds() - cpuBefore;
    double es = elasticsearch == null ? Double.NaN : elasticsearch.cpuSeconds() - esBefore;
    return Measurement.of(
        result.nanos, result.count, result.errors, result.firstError, seconds, result.bytes, cpu, es);
  }

  private record Phase(
      long[] nanos, int count, int errors, String firstError, long bytes, long endedNanos) {}

  private static Phase phase(Operation operation, int clients, Duration length, int minOperations)
      throws InterruptedException {
    long deadline = System.nanoTime() + length.toNanos();
    List<Client> all = new ArrayList<>(clients);
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<String> firstError = new AtomicReference<>();
    for (int i = 0; i < clients; i++) {
      Client client = new Client(operation, deadline, minOperations, start, firstError);
      Thread thread = new Thread(client, "bench-client-" + i);
      thread.setDaemon(true);
      client.thread = thread;
      all.add(client);
      thread.start();
    }
    start.countDown();
    int count = 0;
    int errors = 0;
    long bytes = 0;
    long ended = 0;
    for (Client client : all) {
      client.thread.join();
      count += client.count;
      errors += client.errors;
      bytes += client.bytes;
      ended = Math.max(ended, client.lastEnd);
    }
    long[] nanos = new long[count];
    int at = 0;
    for (Client client : all) {
      System.arraycopy(client.nanos, 0, nanos, at, client.count);
      at += client.count;
    }
    return new Phase(nanos, count, errors, firstError.get(), bytes, ended);
  }

  /** One closed-loop client. */
  private static final class Client implements Runnable {
    final Operation operation;
    final long deadline;
    final int minOperations;
    final CountDownLatch start;
    final AtomicReference<String> firstError;
    Thread thread;
    long[] nanos = new long[1024];
    int count;
    int errors;
    long bytes;
    long lastEnd;

    Client(
        Operation operation,
        long deadline,
        int minOperations,
        CountDownLatch start,
        AtomicReference<String> firstError) {
      this.operation = operation;
      this.deadline = deadline;
      this.minOperations = minOperations;
      this.start = start;
      this.firstError = firstError;
    }

    @Override
    public void run() {
      try {
        start.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      lastEnd = System.nanoTime();
      while (lastEnd - deadline < 0 || count + errors < minOperations) {
        long t0 = System.nanoTime();
        try {
          long received = operation.run();
          long t1 = System.nanoTime();
          if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
          }
          nanos[count++] = t1 - t0;
          bytes += received;
          lastEnd = t1;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (Exception e) {
          errors++;
          lastEnd = System.nanoTime();
          firstError.compareAndSet(null, String.valueOf(e));
          if (errors > 1000 && count == 0) {
            return; // nothing works: do not spin
          }
        }
      }
    }
  }
}
