package io.sightline.bench;

import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Posts the data set to Zipkin's collector ({@code POST /api/v2/spans}, JSON v2) in batches, then
 * waits until Elasticsearch holds every span (Zipkin stores asynchronously).
 */
final class ZipkinFeeder {

  static final int BATCH_SPANS = 1_000;

  /**
   * At most this many spans posted but not yet in Elasticsearch: Zipkin answers a POST before it
   * stores the spans, so without this the feeder floods it and its bulk requests time out.
   */
  static final long MAX_AHEAD = 20_000;

  /** What the feed gave: spans posted, and spans Elasticsearch holds at the end. */
  record Fed(long posted, long stored) {}

  private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

  private ZipkinFeeder() {}

  static Fed feed(ZipkinServer zipkin, URI elasticsearch, Stream<Trace> traces)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    URI collector = zipkin.uri("/api/v2/spans");
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            2,
            2,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(4),
            new ThreadPoolExecutor.CallerRunsPolicy());
    AtomicLong posted = new AtomicLong();
    List<Future<?>> pending = new ArrayList<>();
    List<Span> batch = new ArrayList<>(BATCH_SPANS);
    long lastChecked = 0;
    try {
      for (Trace trace : (Iterable<Trace>) traces::iterator) {
        for (Span span : trace.spans()) {
          batch.add(span);
          if (batch.size() == BATCH_SPANS) {
            pending.add(submit(pool, collector, batch, posted));
            batch = new ArrayList<>(BATCH_SPANS);
          }
        }
        pending.removeIf(Future::isDone);
        if (posted.get() - lastChecked >= MAX_AHEAD) {
          lastChecked = posted.get();
          awaitBacklog(elasticsearch, lastChecked);
        }
      }
      if (!batch.isEmpty()) {
        pending.add(submit(pool, collector, batch, posted));
      }
      for (Future<?> f : pending) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IOException("posting spans to Zipkin failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
    long expected = posted.get();
    long stored = awaitStored(elasticsearch, expected);
    Console.info(
        "posted %,d spans to Zipkin; %,d stored after %.0f s",
        expected, stored, (System.nanoTime() - started) / 1e9);
    if (stored < expected) {
      Console.info("WARNING: Zipkin stored only %,d of %,d spans", stored, expected);
    }
    return new Fed(expected, stored);
  }

  /** Waits until Elasticsearch holds all but {@link #MAX_AHEAD} of the spans posted. */
  private static void awaitBacklog(URI elasticsearch, long posted)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() - deadline < 0) {
      Http.post(elasticsearch.resolve("/zipkin*/_refresh"), "application/json", new byte[0]);
      if (posted - count(elasticsearch) <= MAX_AHEAD) {
        return;
      }
      Thread.sleep(500);
    }
  }

  private static Future<?> submit(
      ThreadPoolExecutor pool, URI collector, List<Span> batch, AtomicLong posted) {
    return pool.submit(
        () -> {
          byte[] json = ZipkinSpans.toJson(batch);
          Http.post(collector, "application/json", json);
          posted.addAndGet(batch.size());
          return null;
        });
  }

  /** Waits until the span count stops short of nothing, or stops growing for a minute. */
  private static long awaitStored(URI elasticsearch, long expected)
      throws IOException, InterruptedException {
    long last = -1;
    long lastChange = System.nanoTime();
    while (true) {
      Http.post(elasticsearch.resolve("/zipkin*/_refresh"), "application/json", new byte[0]);
      long count = count(elasticsearch);
      if (count >= expected) {
        return count;
      }
      if (count != last) {
        last = count;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > TimeUnit.MINUTES.toNanos(1)) {
        return count;
      }
      Thread.sleep(2_000);
    }
  }

  static long count(URI elasticsearch) throws IOException, InterruptedException {
    String body = Http.getString(elasticsearch.resolve("/zipkin*span-*/_count"));
    Matcher m = COUNT.matcher(body);
    if (!m.find()) {
      throw new IOException("unexpected _count answer: " + Http.abbreviate(body));
    }
    return Long.parseLong(m.group(1));
  }
}
