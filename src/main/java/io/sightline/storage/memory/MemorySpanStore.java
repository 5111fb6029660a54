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
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded span store: Jaeger's Elasticsearch search semantics over spans held in memory.
 *
 * <p>Layout: traces by ID (in first-write order, which is the eviction order), and three {@link
 * TimeIndex}es of the same span entries: all spans, per service, and per (service, operation). A
 * search walks the narrowest index backwards over the start-time window in {@link
 * IndexedSpan#SEARCH_ORDER}, so it meets matching spans newest first and stops once it has {@code
 * limit} traces; the first matching span met of a trace carries its newest matching start time,
 * which is Elasticsearch's result order. A write appends each span to the time bucket of its start
 * in each index (an array append, no ordered-set insert: writes are what OTLP ingest runs at full
 * rate); a search sorts the buckets it reads that were written since it last looked. Services and
 * operations live in a {@link ServiceCatalog} like the service index.
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
  private final TimeIndex allSpans = new TimeIndex();
  private final Map<String, ServiceIndex> byService = new HashMap<>();
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
      StoredTrace trace = null;
      ServiceIndex service = null;
      for (Span span : spans) {
        // A request's spans come in runs of one trace and one service: look each up once a run.
        if (trace == null || !trace.traceId().equals(span.traceId())) {
          trace = traces.computeIfAbsent(span.traceId(), StoredTrace::new);
        }
        String serviceName = span.process().serviceName();
        if (service == null || !service.name.equals(serviceName)) {
          service = byService.computeIfAbsent(serviceName, ServiceIndex::new);
        }
        IndexedSpan entry = IndexedSpan.of(span, trace, nextSeq++);
        trace.add(entry);
        allSpans.add(entry);
        service.spans.add(entry);
        service.operation(span.operationName()).add(entry);
        spanCount++;
        catalog.record(serviceName, span.operationName(), span.startTime());
      }
      long firstDay = firstListedDay(clock.instant());
      if (firstDay != catalogPrunedBefore) {
        catalog.forgetBefore(firstDay);
        catalogPrunedBefore = firstDay;
      }
      evictOverBounds();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Drops the traces first written longest ago until both bounds hold: out of the trace map at
   * once, out of the indices as their buckets are compacted (searches skip them until then).
   */
  private void evictOverBounds() {
    int maxTraces = properties.maxTraces();
    if ((maxTraces == 0 || traces.size() <= maxTraces) && spanCount <= properties.maxSpans()) {
      return;
    }
    Set<TimeIndex> touched = new HashSet<>();
    Iterator<StoredTrace> oldestFirst = traces.values().iterator();
    while ((maxTraces > 0 && traces.size() > maxTraces) || spanCount > properties.maxSpans()) {
      StoredTrace oldest = oldestFirst.next();
      oldestFirst.remove();
      oldest.evict();
      for (IndexedSpan entry : oldest.indexedSpans()) {
        Span span = entry.span();
        ServiceIndex service = byService.get(span.process().serviceName());
        TimeIndex operation = service.operations.get(span.operationName());
        allSpans.evicted(entry);
        service.spans.evicted(entry);
        operation.evicted(entry);
        touched.add(allSpans);
        touched.add(service.spans);
        touched.add(operation);
      }
      spanCount -= oldest.size();
      evictedTraces++;
      if (oldest.size() > properties.maxSpans()) {
        // Before this write every trace fitted: this one grew past the bound in it.
        log.warn(
            "In-memory store: trace {} was dropped as it was written: it alone has {} spans, more"
                + " than sightline.memory.max-spans={}",
            oldest.traceId(),
            oldest.size(),
            properties.maxSpans());
      }
    }
    touched.forEach(TimeIndex::compact);
    byService.values().removeIf(ServiceIndex::removeEmpty);
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
      TimeIndex index = narrowestIndex(query);
      if (index == null) {
        return List.of();
      }
      Set<StoredTrace> found = new HashSet<>();
      List<TraceId> ids = new ArrayList<>();
      index.newestFirst(
          fromMicros,
          toMicros,
          entry -> {
            if (!found.contains(entry.trace()) && matcher.matches(entry.span())) {
              found.add(entry.trace());
              ids.add(entry.trace().traceId());
            }
            return ids.size() < query.limit();
          });
      return ids;
    } finally {
      lock.readLock().unlock();
    }
  }

  private TimeIndex narrowestIndex(TraceQuery query) {
    if (query.serviceName().isEmpty()) {
      return allSpans;
    }
    ServiceIndex service = byService.get(query.serviceName());
    if (service == null) {
      return null;
    }
    return query.operationName().isEmpty()
        ? service.spans
        : service.operations.get(query.operationName());
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

  /** Entries held by all the search indices, including evicted ones not yet compacted away. */
  long heldIndexEntries() {
    lock.readLock().lock();
    try {
      long held = allSpans.held();
      for (ServiceIndex service : byService.values()) {
        held += service.spans.held();
        for (TimeIndex operation : service.operations.values()) {
          held += operation.held();
        }
      }
      return held;
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

  /** The index of a service's spans, and those of each of its operations. */
  private static final class ServiceIndex {
    final String name;
    final TimeIndex spans = new TimeIndex();
    final Map<String, TimeIndex> operations = new HashMap<>();
    private String lastOperation;
    private TimeIndex lastOperationIndex;

    ServiceIndex(String name) {
      this.name = name;
    }

    TimeIndex operation(String operationName) {
      if (!operationName.equals(lastOperation)) {
        lastOperationIndex = operations.computeIfAbsent(operationName, o -> new TimeIndex());
        lastOperation = operationName;
      }
      return lastOperationIndex;
    }

    /** Forgets operations left with no span; {@code true} when the service has none left. */
    boolean removeEmpty() {
      if (operations.values().removeIf(TimeIndex::isEmpty)) {
        lastOperation = null;
        lastOperationIndex = null;
      }
      return spans.isEmpty();
    }
  }
}
