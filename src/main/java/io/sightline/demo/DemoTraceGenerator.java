package io.sightline.demo;

import io.sightline.trace.Trace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Generates realistic traces of a microservice web shop (see {@link DemoProfile}): page views,
 * searches, carts, checkouts with payment retries and an asynchronous order worker, logins, health
 * probes, and a bulk re-index job as the one large trace. Spans carry OpenTelemetry
 * semantic-convention attributes as the OTLP→Jaeger translation stores them, come from several pods
 * per service, and fail, retry, fan out and lag the way real services do.
 *
 * <p>Deterministic: the same seed, profile and clock give identical traces. Each request trace is
 * derived from the seed and its index alone, so {@code traces(100, w)} is the first 100 of {@code
 * traces(1000, w)}, and {@link #trace(long, Duration)} gives any one of them directly.
 *
 * <p>All times are microseconds since the epoch; traces lie before the clock's now.
 *
 * <p>Immutable and thread-safe: {@link #traces(long, Duration)} may be consumed in parallel and
 * still yields the same traces.
 */
public final class DemoTraceGenerator {

  /** How far back the default set reaches. */
  public static final Duration DEFAULT_WINDOW = Duration.ofHours(6);

  /** How many request traces the default set has. */
  public static final int DEFAULT_TRACE_COUNT = 300;

  /** The size of the default set's large trace. */
  public static final int DEFAULT_LARGE_TRACE_SPANS = 5_000;

  /** Stream salts: request traces and the large trace use independent random streams. */
  private static final long REQUESTS = 0x7e9_0001L;

  private static final long LARGE = 0x7e9_0002L;
  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long DAY = 86_400L * MICROS_PER_SECOND;

  private final long seed;
  private final Clock clock;
  private final ShopFlows flows;
  private final ReindexJob reindex;

  /** The whole shop ({@link DemoProfile#SHOP}). */
  public DemoTraceGenerator(long seed, Clock clock) {
    this(seed, clock, DemoProfile.SHOP);
  }

  public DemoTraceGenerator(long seed, Clock clock, DemoProfile profile) {
    this.seed = seed;
    this.clock = Objects.requireNonNull(clock, "clock");
    ShopTopology shop = new ShopTopology(seed, Objects.requireNonNull(profile, "profile"));
    this.flows = new ShopFlows(shop, profile, seed);
    this.reindex = new ReindexJob(shop);
  }

  /**
   * The default demo set: {@value #DEFAULT_TRACE_COUNT} request traces over the last {@link
   * #DEFAULT_WINDOW} and one re-index trace of {@value #DEFAULT_LARGE_TRACE_SPANS} spans.
   */
  public List<Trace> defaultSet() {
    return defaultSet(DEFAULT_TRACE_COUNT, DEFAULT_WINDOW);
  }

  /**
   * {@code count} request traces over the window before now, then one re-index trace of {@value
   * #DEFAULT_LARGE_TRACE_SPANS} spans that started a third of the window ago.
   */
  public List<Trace> defaultSet(int count, Duration window) {
    long now = nowMicros();
    long windowMicros = windowMicros(window);
    List<Trace> traces = new ArrayList<>(count + 1);
    for (int i = 0; i < count; i++) {
      traces.add(trace(i, now, windowMicros));
    }
    traces.add(largeTrace(DEFAULT_LARGE_TRACE_SPANS, now - windowMicros / 3));
    return traces;
  }

  /**
   * The {@code index}-th request trace of the stream for this window.
   *
   * @param index 0 or more
   */
  public Trace trace(long index, Duration window) {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
    return trace(index, nowMicros(), windowMicros(window));
  }

  /**
   * {@code count} request traces, generated one at a time as the stream is consumed, so any number
   * of them can be written without holding them in memory.
   */
  public Stream<Trace> traces(long count, Duration window) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    long now = nowMicros();
    long windowMicros = windowMicros(window);
    return LongStream.range(0, count).mapToObj(i -> trace(i, now, windowMicros));
  }

  /**
   * Request traces, lazily, until they hold at least {@code spans} spans in total (the last trace
   * may overshoot by its own size). For loading a benchmark data set: {@code
   * tracesWithSpans(1_000_000, Duration.ofDays(3))}.
   */
  public Stream<Trace> tracesWithSpans(long spans, Duration window) {
    long[] total = {0};
    return traces(Long.MAX_VALUE, window)
        .takeWhile(
            trace -> {
              if (total[0] >= spans) {
                return false;
              }
              total[0] += trace.spans().size();
              return true;
            });
  }

  /**
   * The bulk re-index trace with exactly {@code spans} spans (at least 1), started an hour before
   * now. Parallel batches, depth 6; about 1 s long at 5,000 spans, 15 s at 100,000.
   */
  public Trace generateLargeTrace(int spans) {
    return largeTrace(spans, nowMicros() - 3_600L * MICROS_PER_SECOND);
  }

  private Trace largeTrace(int spans, long start) {
    return reindex.generate(DemoRandom.forStream(seed, LARGE + spans), start, spans);
  }

  private Trace trace(long index, long now, long window) {
    DemoRandom random = DemoRandom.forStream(seed ^ REQUESTS, index);
    return flows.generate(random, startTime(random, now, window));
  }

  /**
   * When a trace starts: within the window, denser towards now (40 % of the traffic from an
   * exponential with a mean of a sixth of the window) and following a daily rhythm (busiest around
   * 15:00 UTC, quietest at night), so search results, scatter plots and per-day dependency graphs
   * look alive. The last 30 s (a tenth of shorter windows) stay free so that traces, including
   * their async work, end before now.
   */
  private static long startTime(DemoRandom random, long now, long window) {
    long margin = Math.min(30 * MICROS_PER_SECOND, window / 10);
    long span = window - margin;
    long start = now - margin;
    for (int attempt = 0; attempt < 20; attempt++) {
      double age;
      if (random.chance(0.4)) {
        age = -span / 6.0 * StrictMath.log(1.0 - random.nextDouble());
        if (age >= span) {
          continue;
        }
      } else {
        age = random.nextDouble() * span;
      }
      start = now - margin - (long) age;
      double hour = Math.floorMod(start, DAY) / (double) (DAY / 24);
      double busy = 0.55 + 0.45 * StrictMath.cos(2.0 * Math.PI * (hour - 15.0) / 24.0);
      if (random.nextDouble() < Math.max(busy, 0.15)) {
        break;
      }
    }
    return start;
  }

  private long nowMicros() {
    Instant now = clock.instant();
    return now.getEpochSecond() * MICROS_PER_SECOND + now.getNano() / 1_000;
  }

  private static long windowMicros(Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
    return window.toNanos() / 1_000;
  }
}
