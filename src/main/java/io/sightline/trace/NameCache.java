package io.sightline.trace;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Names (services, operations) read from the store and reused for a while, refreshed in the
 * background: an answer is fresh for the TTL; the first request after that starts one refresh on
 * the refresher and every request keeps getting the older answer until the refresh has landed, so
 * no request waits for the store while a busy cluster answers the names query slowly (measured:
 * 7–11 s under the overload bench). An answer older than the TTL + {@link #STALE_GRACE} is not
 * reused: the request reads the store. An empty answer is reused for {@link #EMPTY_TTL} at most and
 * never while it is refreshed (names appear as the store fills), and an answer read before the
 * store changed wholesale ({@code generation} moved) is never reused.
 */
final class NameCache<K, V extends List<?>> {

  /** How long past its TTL an answer may still be served while its refresh runs. */
  static final Duration STALE_GRACE = Duration.ofMinutes(1);

  /** An empty list of names is reused this long at most. */
  static final Duration EMPTY_TTL = Duration.ofSeconds(1);

  private final Cache<K, Named<V>> cache;
  private final Ticker ticker;
  private final long ttl;
  private final AtomicLong generation;
  private final Executor refresher;
  private final Set<K> refreshing = ConcurrentHashMap.newKeySet();

  NameCache(Duration ttl, long maxSize, Ticker ticker, AtomicLong generation, Executor refresher) {
    this.ticker = ticker;
    this.ttl = ttl.toNanos();
    this.generation = generation;
    this.refresher = refresher;
    long kept = this.ttl + STALE_GRACE.toNanos();
    long empty = Math.min(this.ttl, EMPTY_TTL.toNanos());
    this.cache =
        Caffeine.newBuilder()
            .expireAfter(
                new Expiry<K, Named<V>>() {
                  @Override
                  public long expireAfterCreate(K key, Named<V> value, long now) {
                    return value.names().isEmpty() ? empty : kept;
                  }

                  @Override
                  public long expireAfterUpdate(K key, Named<V> value, long now, long current) {
                    return expireAfterCreate(key, value, now);
                  }

                  @Override
                  public long expireAfterRead(K key, Named<V> value, long now, long current) {
                    return current;
                  }
                })
            .maximumSize(maxSize)
            .ticker(ticker)
            .build();
  }

  /** The names for this key: reused, refreshed in the background, or read now. */
  V get(K key, Supplier<V> load) {
    long current = generation.get();
    Named<V> named = cache.get(key, k -> new Named<>(load.get(), current, ticker.read()));
    if (named.generation() != generation.get()) {
      // Read before the store changed wholesale: ask again, and keep the new answer.
      long now = generation.get();
      named = new Named<>(load.get(), now, ticker.read());
      cache.put(key, named);
    } else if (ticker.read() - named.readAt() >= ttl && refreshing.add(key)) {
      refresher.execute(() -> refresh(key, load));
    }
    return named.names();
  }

  private void refresh(K key, Supplier<V> load) {
    try {
      long current = generation.get();
      V names = load.get();
      if (current == generation.get()) {
        cache.put(key, new Named<>(names, current, ticker.read()));
      }
    } catch (RuntimeException e) {
      // Keep the older answer; the next request after this one tries again.
    } finally {
      refreshing.remove(key);
    }
  }

  void forget() {
    cache.invalidateAll();
  }

  /** Names as read from the store, the generation they were read in, and when (ticker nanos). */
  private record Named<V>(V names, long generation, long readAt) {}
}
