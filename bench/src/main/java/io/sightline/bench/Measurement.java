package io.sightline.bench;

import java.util.Arrays;

/**
 * What one measured phase gave: latencies of the operations that completed without error, errors,
 * throughput, and the CPU the watched processes used meanwhile.
 *
 * @param operations operations completed without error
 * @param errors operations that failed
 * @param firstError the first failure's message, or null
 * @param p50Millis median latency (ms)
 * @param p99Millis 99th percentile latency (ms; with fewer than 100 operations, the slowest)
 * @param perSecond completed operations per second of the phase (wall clock, until the last ended)
 * @param bytesPerOperation mean response bytes per operation
 * @param cpuSeconds CPU seconds (user + system) the product's process used during the phase, or NaN
 *     when not watched
 * @param esCpuSeconds CPU seconds of the Elasticsearch node during the phase, or NaN
 */
record Measurement(
    int operations,
    int errors,
    String firstError,
    double p50Millis,
    double p99Millis,
    double perSecond,
    long bytesPerOperation,
    double cpuSeconds,
    double esCpuSeconds) {

  /** Nothing measured (the row says why). */
  static final Measurement NONE =
      new Measurement(0, 0, null, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN);

  /** Nearest-rank percentile of sorted nanosecond latencies, in ms. */
  static double percentileMillis(long[] sortedNanos, int count, double p) {
    if (count == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * count);
    return sortedNanos[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
  }

  static Measurement of(
      long[] nanos,
      int count,
      int errors,
      String firstError,
      double seconds,
      long bytes,
      double cpuSeconds,
      double esCpuSeconds) {
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    return new Measurement(
        count,
        errors,
        firstError,
        percentileMillis(sorted, count, 50),
        percentileMillis(sorted, count, 99),
        seconds > 0 ? count / seconds : Double.NaN,
        count == 0 ? 0 : bytes / count,
        cpuSeconds,
        esCpuSeconds);
  }
}
