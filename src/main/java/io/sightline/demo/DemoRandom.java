package io.sightline.demo;

import java.util.List;

/**
 * SplitMix64: small, fast, and its output is fixed by the algorithm rather than by a JDK version,
 * so one seed gives the same demo data on every JVM. (Latencies use {@link StrictMath} for the same
 * reason.)
 */
final class DemoRandom {

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;

  DemoRandom(long seed) {
    this.state = seed;
  }

  /** A generator for one sub-stream (a trace, the topology…), independent of the others. */
  static DemoRandom forStream(long seed, long stream) {
    return new DemoRandom(mix(seed ^ mix(stream + GOLDEN_GAMMA)));
  }

  /**
   * SplitMix64's finaliser. It is a bijection on 64-bit values, which is what makes span IDs
   * derived from a counter unique without remembering them.
   */
  static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** Uniform in {@code [0, bound)}. */
  int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Uniform in {@code [min, max]}. */
  int between(int min, int max) {
    return min + nextInt(max - min + 1);
  }

  /** Uniform in {@code [0, 1)}. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  boolean chance(double probability) {
    return nextDouble() < probability;
  }

  <T> T pick(List<T> items) {
    return items.get(nextInt(items.size()));
  }

  <T> T pick(T[] items) {
    return items[nextInt(items.length)];
  }

  /** A standard normal value (Box–Muller). */
  double gaussian() {
    double u1 = 1.0 - nextDouble();
    double u2 = nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
  }

  /**
   * A log-normal latency: half the values below {@code median}, a long tail above it, like real
   * service latencies.
   *
   * @param median microseconds
   * @param sigma spread of the logarithm (0.3 = tight, 1.0 = very spread)
   * @return microseconds, at least 1
   */
  long latency(long median, double sigma) {
    return Math.max(1L, Math.round(median * StrictMath.exp(sigma * gaussian())));
  }

  /** Uniform in {@code [min, max]} microseconds. */
  long micros(long min, long max) {
    return min + (long) (nextDouble() * (max - min + 1));
  }

  /** Random characters from the alphabet. */
  String chars(int length, String alphabet) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = alphabet.charAt(nextInt(alphabet.length()));
    }
    return new String(out);
  }

  String hex(int length) {
    return chars(length, "0123456789abcdef");
  }
}
