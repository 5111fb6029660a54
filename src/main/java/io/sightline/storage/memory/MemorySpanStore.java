package io.sightline.storage.memory;

import io.sightline.trace.Operation;
import io.sightline.trace.ReadBudget;
import io.sightline.trace.Span;
import io.sightline.trace.SpanReader;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.StorageHealth;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded span store: Jaeger's Elasticsearch search semantics over spans held in memory.
 *
 * <p>Layout: traces by ID (in first-write order, which is the eviction order), and three indices of
 * the same span entries in {@link IndexedSpan#SEARCH_ORDER}: all spans, per service, and per
 * (service, operation). A search walks the narrowest index backwards over the start-time window, so
 * it meets matching spans newest first and stops once it has {@code limit} traces; the first
 * matching span met of a trace carries its newest matching start time, which is Elasticsearch's
 * result order. Services and operations live in a {@link ServiceCatalog} like the service index.
 *
 * <p>Thread safety: one read-write lock. Searches and fetches run concurrently under the read lock;
 * a write holds the write lock only while it links its spans in.
 *
 * <p>Bounds and eviction: see {@link MemoryStoreProperties}.
 */
public final class MemorySpanStore implements SpanReader, SpanWriter, StorageHealth {

  private static final Logger log = LoggerFactory.getLogger(MemorySpanStore.class);

  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final long MICROS_PER_MILLI = 1_000L;

  private final MemoryStoreProperties properties;
  private final Clock clock;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  // All guarded by lock.
  private final LinkedHashMap<TraceId, StoredTrace> traces = new LinkedHashMap<>();
  private final NavigableSet<IndexedSpan> allSpans = new TreeSet<>(IndexedSpan.SEARCH_ORDER);
  private final Map<String, NavigableSet<IndexedSpan>> byService = new HashMap<>();
  private final Map<ServiceOperation, NavigableSet<IndexedSpan>> byOperation = new HashMap<>();
  private final ServiceCatalog catalog = new ServiceCatalog();
  private long spanCount;
  private long nextSeq;
  private long evictedTraces;
  private long catalogPrunedBefore = Long.MIN_VALUE;

  /**
   * @param properties the bounds and the service listing window
   * @param clock the clock that "now" of the service listing window is read from
   */
  public MemorySpanStore(MemoryStoreProperties properties, Clock clock) {
    this.properties = Objects.requireNonNull(properties, "properties");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  // ---- SpanWriter ----

  @Override
  public void writeSpans(List<Span> spans) {
    if (spans.isEmpty()) {
      return;
    }
    lock.writeLock().lock();
    try {
      Set<TraceId> written = new HashSet<>();
      for (Span span : spans) {
        StoredTrace trace = traces.computeIfAbsent(span.traceId(), StoredTrace::new);
        IndexedSpan entry = IndexedSpan.of(span, trace, nextSeq++);
        trace.add(entry);
        index(entry);
        spanCount++;
        written.add(span.traceId());
        catalog.record(span.process().serviceName(), span.operationName(), span.startTime());
      }
      long firstDay = firstListedDay(clock.instant());
      if (firstDay != catalogPrunedBefore) {
        catalog.forgetBefore(firstDay);
        catalogPrunedBefore = firstDay;
      }
      evictOverBounds(written);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void index(IndexedSpan entry) {
    Span span = entry.span();
    String service = span.process().serviceName();
    allSpans.add(entry);
    byService.computeIfAbsent(service, s -> new TreeSet<>(IndexedSpan.SEARCH_ORDER)).add(entry);
    byOperation
        .computeIfAbsent(
            new ServiceOperation(service, span.operationName()),
            k -> new TreeSet<>(IndexedSpan.SEARCH_ORDER))
        .add(entry);
  }

  private void unindex(IndexedSpan entry) {
    Span span = entry.span();
    String service = span.process().serviceName();
    allSpans.remove(entry);
    removeFrom(byService, service, entry);
    removeFrom(byOperation, new ServiceOperation(service, span.operationName()), entry);
  }

  private static <K> void removeFrom(
      Map<K, NavigableSet<IndexedSpan>> index, K key, IndexedSpan entry) {
    NavigableSet<IndexedSpan> set = index.get(key);
    if (set != null) {
      set.remove(entry);
      if (set.isEmpty()) {
        index.remove(key);
      }
    }
  }

  /** Drops the traces first written longest ago until both bounds hold. */
  private void evictOverBounds(Set<TraceId> justWritten) {
    int maxTraces = properties.maxTraces();
    Iterator<StoredTrace> oldestFirst = traces.values().iterator();
    while ((maxTraces > 0 && traces.size() > maxTraces) || spanCount > properties.maxSpans()) {
      StoredTrace oldest = oldestFirst.next();
      oldestFirst.remove();
      for (IndexedSpan entry : oldest.indexedSpans()) {
        unindex(entry);
      }
      spanCount -= oldest.size();
      evictedTraces++;
      if (oldest.size() > properties.maxSpans() && justWritten.contains(oldest.traceId())) {
        log.warn(
            "In-memory store: trace {} was dropped as it was written: it alone has {} spans, more"
                + " than sightline.memory.max-spans={}",
            oldest.traceId(),
            oldest.size(),
            properties.maxSpans());
      }
    }
  }

  // ---- SpanReader ----

  @Override
  public List<String> getServices() {
    Instant now = clock.instant();
    lock.readLock().lock();
    try {
      return catalog.services(firstListedDay(now), day(now));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<Operation> getOperations(String service, String spanKind) {
    // The span kind is ignored, as by Jaeger's Elasticsearch reader: the service index has none.
    Instant now = clock.instant();
    lock.readLock().lock();
    try {
      return catalog.operations(service, firstListedDay(now), day(now));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<TraceId> findTraceIds(TraceQuery query) {
    SpanMatcher matcher = SpanMatcher.of(query);
    // Elasticsearch filters on startTimeMillis: both bounds and span starts at millisecond grain.
    long fromMicros = query.startTimeMin().toEpochMilli() * MICROS_PER_MILLI;
    long toMicros = query.startTimeMax().toEpochMilli() * MICROS_PER_MILLI + (MICROS_PER_MILLI - 1);
    lock.readLock().lock();
    try {
      NavigableSet<IndexedSpan> index = narrowestIndex(query);
      if (index == null) {
        return List.of();
      }
      Set<StoredTrace> found = new HashSet<>();
      List<TraceId> ids = new ArrayList<>();
      Iterator<IndexedSpan> newestFirst =
          index
              .subSet(IndexedSpan.probe(fromMicros, -1), true, IndexedSpan.probe(toMicros, 1), true)
              .descendingIterator();
      while (newestFirst.hasNext() && ids.size() < query.limit()) {
        IndexedSpan entry = newestFirst.next();
        if (!found.contains(entry.trace()) && matcher.matches(entry.span())) {
          found.add(entry.trace());
          ids.add(entry.trace().traceId());
        }
      }
      return ids;
    } finally {
      lock.readLock().unlock();
    }
  }

  private NavigableSet<IndexedSpan> narrowestIndex(TraceQuery query) {
    if (query.serviceName().isEmpty()) {
      return allSpans;
    }
    if (query.operationName().isEmpty()) {
      return byService.get(query.serviceName());
    }
    return byOperation.get(new ServiceOperation(query.serviceName(), query.operationName()));
  }

  @Override
  public List<Trace> findTraces(TraceQuery query) {
    List<TraceId> ids = findTraceIds(query);
    List<TraceLookup> lookups = new ArrayList<>(ids.size());
    for (TraceId id : ids) {
      lookups.add(TraceLookup.of(id));
    }
    return getTraces(lookups);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Whole traces, whatever the lookups' time windows: unlike Elasticsearch's daily indices, the
   * memory store has no reason to cut a trace off at {@code max_span_age}.
   */
  @Override
  public List<Trace> getTraces(List<TraceLookup> lookups) {
    List<StoredTrace> wanted = new ArrayList<>(lookups.size());
    lock.readLock().lock();
    try {
      Set<TraceId> seen = new HashSet<>();
      for (TraceLookup lookup : lookups) {
        StoredTrace trace = traces.get(lookup.traceId());
        if (trace != null && seen.add(lookup.traceId())) {
          wanted.add(trace);
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    // Charged outside the lock: a wait for the read budget must not hold up writers.
    long spans = 0;
    for (StoredTrace trace : wanted) {
      spans += trace.size();
    }
    ReadBudget.charge(spans);
    lock.readLock().lock();
    try {
      List<Trace> result = new ArrayList<>(wanted.size());
      for (StoredTrace trace : wanted) {
        result.add(Trace.of(trace.snapshot()));
      }
      return result;
    } finally {
      lock.readLock().unlock();
    }
  }

  // ---- StorageHealth ----

  @Override
  public String check() {
    lock.readLock().lock();
    try {
      return "in-memory store: " + traces.size() + " traces, " + spanCount + " spans";
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How many traces and spans are held, and how many traces were evicted so far. */
  public Stats stats() {
    lock.readLock().lock();
    try {
      return new Stats(traces.size(), spanCount, evictedTraces);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Counts of the store's content.
   *
   * @param traces traces held
   * @param spans spans held
   * @param evictedTraces traces dropped to keep the bounds, since the store was created
   */
  public record Stats(int traces, long spans, long evictedTraces) {}

  /** The UTC day (days since the epoch) of an instant. */
  private static long day(Instant instant) {
    return Math.floorDiv(micros(instant), MICROS_PER_DAY);
  }

  /**
   * The first UTC day listed: that of {@code now − maxSpanAge}, as the daily index range has it.
   */
  private long firstListedDay(Instant now) {
    return day(now.minus(properties.maxSpanAge()));
  }

  private static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  private record ServiceOperation(String service, String operation) {}
}
