package io.sightline.load;

import io.sightline.threads.DaemonThreads;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Prints a progress line every few seconds while a load (or the {@code dependencies} command's
 * scan) runs: spans done, spans per second (over the whole run so far) and, when the total is
 * known, the share done and the time left.
 */
public final class Progress implements AutoCloseable {

  private final PrintStream err;
  private final LongSupplier written;
  private final LongSupplier expected;
  private final long startNanos;
  private final ScheduledExecutorService timer;

  /**
   * @param written spans written so far
   * @param expected spans the load will write; 0 or less when unknown
   * @param interval how often; zero prints nothing
   */
  // The periodic task lives as long as the timer, which close() shuts down.
  @SuppressWarnings("FutureReturnValueIgnored")
  Progress(PrintStream err, LongSupplier written, long expected, Duration interval) {
    this(err, written, () -> expected, interval);
  }

  /**
   * @param written spans done so far
   * @param expected spans the run will do, as far as known; 0 or less when unknown
   * @param interval how often; zero prints nothing
   */
  public Progress(PrintStream err, LongSupplier written, LongSupplier expected, Duration interval) {
    this.err = err;
    this.written = written;
    this.expected = expected;
    this.startNanos = System.nanoTime();
    if (interval.isZero()) {
      timer = null;
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sightline-load-progress"));
    long millis = interval.toMillis();
    // Runs until the timer is shut down; its future is never waited on.
    var unused = timer.scheduleAtFixedRate(this::print, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Seconds since the load started. */
  public double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private void print() {
    err.println(line(written.getAsLong(), expected.getAsLong(), elapsedSeconds()));
    err.flush();
  }

  /** {@code 245,000 of 1,000,000 spans (24%), 21,300 spans/s, 35 s left}. */
  static String line(long written, long expected, double seconds) {
    double rate = seconds > 0 ? written / seconds : 0;
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%,d", written));
    if (expected > 0) {
      line.append(
          String.format(Locale.ROOT, " of %,d spans (%d%%)", expected, percent(written, expected)));
    } else {
      line.append(" spans");
    }
    line.append(String.format(Locale.ROOT, ", %,.0f spans/s", rate));
    if (expected > 0 && rate > 0 && written < expected) {
      line.append(", ").append(duration((expected - written) / rate)).append(" left");
    }
    return line.toString();
  }

  private static long percent(long written, long expected) {
    return Math.min(100, written * 100 / expected);
  }

  /** {@code 35 s}, {@code 4 min 05 s}, {@code 1 h 02 min}, {@code 3 days 4 h}. */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s >= 2 * 86_400) {
      return String.format(Locale.ROOT, "%,d days %d h", s / 86_400, (s % 86_400) / 3600);
    }
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
