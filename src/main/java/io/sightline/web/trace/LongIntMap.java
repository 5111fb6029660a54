package io.sightline.web.trace;

import java.util.Arrays;

/**
 * A map from {@code long} keys (span IDs) to non-negative {@code int} values (span indices) with
 * open addressing: no boxing, one array pair. At 100,000 spans a {@code HashMap<Long, Integer>}
 * spends most of the tree building on allocation and pointer chasing.
 */
final class LongIntMap {

  private static final int FREE = -1;

  private final long[] keys;
  private final int[] values;
  private final int mask;

  /** A map with room for {@code expected} entries (it does not grow). */
  LongIntMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    keys = new long[capacity];
    values = new int[capacity];
    Arrays.fill(values, FREE);
    mask = capacity - 1;
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L; // Fibonacci hashing spreads sequential IDs
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /**
   * Stores the value unless the key is present.
   *
   * @return the value already stored for the key, or -1 when it was absent (and is now stored)
   */
  int putIfAbsent(long key, int value) {
    int i = slot(key);
    while (values[i] != FREE) {
      if (keys[i] == key) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = value;
    return FREE;
  }

  /** The value for the key, or -1. */
  int get(long key) {
    int i = slot(key);
    while (values[i] != FREE) {
      if (keys[i] == key) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return FREE;
  }
}
