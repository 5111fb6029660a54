package io.sightline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Closed-loop load: {@code clients} threads, each sending its next request as soon as the previous
 * one answered. A warm-up phase (discarded), then measured phases of a fixed duration: clients
 * start no new operation after one, but the operations in flight complete and count (so even a 10 s
 * request is measured at 16 clients), and the phase ends when the last one does. The watched
 * processes' CPU time is sampled at the start and end of each measured phase.
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

  /** Something measured side by side with others: a product, or the raw floor. */
  record Target(String name, Operation operation, ProcStats process) {}

  /**
   * Measures the targets in alternating blocks (ABBA order: A B, B A, A B …), so that a change in
   * the machine's background load during the measurement falls on all of them alike; each target's
   * blocks are merged into one measurement. No warm-up here: the caller warms each target up once
   * per scenario ({@link #warmUp}, at its highest concurrency, which also opens every connection),
   * and the concurrencies are then measured one after the other.
   *
   * @param blocks how many blocks the measured time is cut into per target
   * @param elasticsearch the Elasticsearch node's process (its CPU is reported per target), or null
   */
  Map<String, Measurement> compare(
      List<Target> targets, int clients, int blocks, ProcStats elasticsearch)
      throws InterruptedException {
    Duration block = measure.dividedBy(blocks);
    Map<String, Totals> totals = new LinkedHashMap<>();
    for (Target target : targets) {
      totals.put(target.name(), new Totals());
    }
    for (int b = 0; b < blocks; b++) {
      List<Target> order = new ArrayList<>(targets);
      if (b % 2 == 1) {
        Collections.reverse(order);
      }
      for (Target target : order) {
        Totals t = totals.get(target.name());
        double cpuBefore = target.process() == null ? Double.NaN : target.process().cpuSeconds();
        double esBefore = elasticsearch == null ? Double.NaN : elasticsearch.cpuSeconds();
        long started = System.nanoTime();
        Phase result = phase(target.operation(), clients, block, 1);
        t.seconds += (result.endedNanos - started) / 1e9;
        t.cpu += target.process() == null ? Double.NaN : target.process().cpuSeconds() - cpuBefore;
        t.es += elasticsearch == null ? Double.NaN : elasticsearch.cpuSeconds() - esBefore;
        t.add(result);
      }
    }
    Map<String, Measurement> out = new LinkedHashMap<>();
    totals.forEach((name, t) -> out.put(name, t.measurement()));
    return out;
  }

  /** Runs each target for the warm-up time at this concurrency; nothing is kept. */
  void warmUp(List<Target> targets, int clients) throws InterruptedException {
    for (Target target : targets) {
      phase(target.operation(), clients, warmup, minWarmupOperations);
      if (target.process() != null) {
        untilCompiled(target, clients);
      }
    }
  }

  /** A warmed-up JVM spends less than this share of its CPU compiling. */
  static final double SETTLED_COMPILE_SHARE = 0.05;

  /** Warm-up rounds of {@code warmup} each after the first, at most, waiting for the JIT. */
  static final int MAX_EXTRA_WARMUP_ROUNDS = 35;

  /**
   * Keeps warming a freshly started JVM up, a round of {@code warmup} at a time, until its JIT
   * compilers used less than {@link #SETTLED_COMPILE_SHARE} of its CPU in the last round (or {@link
   * #MAX_EXTRA_WARMUP_ROUNDS} more rounds passed): a query server runs for days, and what the bench
   * compares is the served request, not the compiling of the code that serves it.
   */
  private void untilCompiled(Target target, int clients) throws InterruptedException {
    ProcStats process = target.process();
    double share = Double.NaN;
    int extra = 0;
    while (extra < MAX_EXTRA_WARMUP_ROUNDS && !(share < SETTLED_COMPILE_SHARE)) {
      double cpu = process.cpuSeconds();
      double compiling = process.compilerCpuSeconds();
      phase(target.operation(), clients, warmup, 1);
      extra++;
      share = (process.compilerCpuSeconds() - compiling) / (process.cpuSeconds() - cpu);
    }
    Console.info(
        "%s warmed up %d s; the JIT compiled in %.0f %% of its CPU time of the last %d s",
        target.name(), warmup.multipliedBy(extra + 1).toSeconds(), share * 100, warmup.toSeconds());
  }

  /** One target's blocks, merged. */
  private static final class Totals {
    long[] nanos = new long[0];
    int count;
    int errors;
    String firstError;
    long bytes;
    double seconds;
    double cpu;
    double es;

    void add(Phase phase) {
      nanos = Arrays.copyOf(nanos, count + phase.count);
      System.arraycopy(phase.nanos, 0, nanos, count, phase.count);
      count += phase.count;
      errors += phase.errors;
      if (firstError == null) {
        firstError = phase.firstError;
      }
      bytes += phase.bytes;
    }

    Measurement measurement() {
      return Measurement.of(nanos, count, errors, firstError, seconds, bytes, cpu, es);
    }
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
