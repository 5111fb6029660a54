package io.sightline.storage.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One search index of the memory store (all spans, a service's, an operation's): span entries in
 * time buckets of 2<sup>{@value #BUCKET_BITS}</sup> µs (about 4 s) of start time, each an
 * append-only array sorted lazily in {@link IndexedSpan#SEARCH_ORDER} by the first search that
 * reads it after a write.
 *
 * <p>A write is an array append into the bucket of the span's start (the bucket last written is
 * kept at hand, as spans arrive in roughly time order), with one comparison to tell whether the
 * array is still sorted; spans written in time order are never sorted at all. A search sorts only
 * the buckets it reads that were written since; buckets are disjoint time ranges, so walking them
 * newest first, each backwards, meets the entries in exactly the descending search order.
 *
 * <p>Eviction ({@link #evicted}) counts the entries of evicted traces per bucket and leaves them in
 * place, skipped by searches, until {@link #compact} finds half a bucket dead: then the bucket is
 * copied without them (or dropped when empty), so the memory they hold is bounded.
 *
 * <p>Not thread-safe for writes: the store calls {@link #add}, {@link #evicted} and {@link
 * #compact} under its write lock and {@link #newestFirst} under its read lock; concurrent searches
 * sort a bucket under the bucket's monitor.
 */
final class TimeIndex {

  /** Bucket width in bits of microseconds: 2^22 µs ≈ 4.2 s. */
  static final int BUCKET_BITS = 22;

  private final TreeMap<Long, Bucket> buckets = new TreeMap<>();
  private long lastKey;
  private Bucket last;
  // Buckets with dead entries (each once), so that compaction does not visit them all.
  private final List<Bucket> withDead = new ArrayList<>();

  /** Adds an entry. */
  void add(IndexedSpan entry) {
    long key = entry.startTime() >> BUCKET_BITS;
    Bucket bucket = last;
    if (bucket == null || key != lastKey) {
      bucket = buckets.get(key);
      if (bucket == null) {
        bucket = new Bucket(key);
        buckets.put(key, bucket);
      }
      last = bucket;
      lastKey = key;
    }
    bucket.add(entry);
  }

  /**
   * Counts an entry of an evicted trace ({@link StoredTrace#isEvicted()} already true) as dead in
   * its bucket; {@link #compact} then deals with the buckets counted in.
   */
  void evicted(IndexedSpan entry) {
    Bucket bucket = buckets.get(entry.startTime() >> BUCKET_BITS);
    if (bucket != null && bucket.dead++ == 0) {
      withDead.add(bucket);
    }
  }

  /**
   * Copies the buckets counted in by {@link #evicted} that are at least half dead without their
   * dead entries, and drops those left empty. Call once the entries of every trace evicted are
   * counted, so that a bucket's dead count is exactly its entries of evicted traces.
   */
  void compact() {
    for (Bucket bucket : withDead) {
      if (bucket.dead * 2 < bucket.size) {
        continue;
      }
      bucket.removeDead();
      if (bucket.size == 0) {
        buckets.remove(bucket.key);
        if (last == bucket) {
          last = null;
        }
      }
    }
    withDead.removeIf(bucket -> bucket.dead == 0);
  }

  /** Entries held, live and dead (for tests of the memory bound). */
  long held() {
    long held = 0;
    for (Bucket bucket : buckets.values()) {
      held += bucket.size;
    }
    return held;
  }

  boolean isEmpty() {
    return buckets.isEmpty();
  }

  /**
   * Offers the live entries that started in {@code [fromMicros, toMicros]} to {@code visitor} in
   * descending {@link IndexedSpan#SEARCH_ORDER} (newest first), until it answers {@code false}.
   */
  void newestFirst(long fromMicros, long toMicros, Predicate<IndexedSpan> visitor) {
    if (fromMicros > toMicros) {
      return;
    }
    IndexedSpan low = IndexedSpan.probe(fromMicros, -1);
    IndexedSpan high = IndexedSpan.probe(toMicros, 1);
    Map<Long, Bucket> range =
        buckets
            .subMap(fromMicros >> BUCKET_BITS, true, toMicros >> BUCKET_BITS, true)
            .descendingMap();
    for (Bucket bucket : range.values()) {
      IndexedSpan[] entries = bucket.sorted();
      int from = insertionPoint(entries, bucket.size, low);
      for (int i = insertionPoint(entries, bucket.size, high) - 1; i >= from; i--) {
        IndexedSpan entry = entries[i];
        if (!entry.trace().isEvicted() && !visitor.test(entry)) {
          return;
        }
      }
    }
  }

  /** Where a probe (which never equals an entry) would be inserted into the sorted entries. */
  private static int insertionPoint(IndexedSpan[] entries, int size, IndexedSpan probe) {
    int found = Arrays.binarySearch(entries, 0, size, probe, IndexedSpan.SEARCH_ORDER);
    return found < 0 ? -found - 1 : found;
  }

  /** The entries of one bucket of start times. */
  static final class Bucket {
    private final long key;
    private IndexedSpan[] entries = new IndexedSpan[4];
    private int size;
    private int dead;
    private boolean sorted = true;

    private Bucket(long key) {
      this.key = key;
    }

    private void add(IndexedSpan entry) {
      if (size == entries.length) {
        entries = Arrays.copyOf(entries, size * 2);
      }
      if (sorted && size > 0 && IndexedSpan.SEARCH_ORDER.compare(entries[size - 1], entry) > 0) {
        sorted = false;
      }
      entries[size++] = entry;
    }

    /** The entries, sorted first if a write came since (several searches may ask at once). */
    private synchronized IndexedSpan[] sorted() {
      if (!sorted) {
        Arrays.sort(entries, 0, size, IndexedSpan.SEARCH_ORDER);
        sorted = true;
      }
      return entries;
    }

    private void removeDead() {
      int kept = 0;
      for (int i = 0; i < size; i++) {
        if (!entries[i].trace().isEvicted()) {
          entries[kept++] = entries[i];
        }
      }
      Arrays.fill(entries, kept, size, null);
      size = kept;
      dead = 0;
      if (entries.length > 16 && size < entries.length / 4) {
        entries = Arrays.copyOf(entries, Math.max(4, size * 2));
      }
    }
  }
}
