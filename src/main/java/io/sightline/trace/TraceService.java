package io.sightline.trace;

import com.github.benmanes.caffeine.cache.Ticker;
import io.sightline.threads.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The read use cases behind the API and the pages: service and operation names (briefly cached, so
 * that the UI and Grafana do not hammer the store), trace search and fetch (adjusted for display
 * unless asked for raw; fetches fall back to the archive), archiving, and service dependencies.
 *
 * <p>Storage failures pass through as {@link StorageException}. Every storage call runs under the
 * {@link ReadBudget}: in one of its slots, charged to the request's lease.
 */
public class TraceService {

  private final SpanReader spanReader;
  private final DependencyReader dependencyReader;
  private final ArchiveStorage archive;
  private final Adjuster adjuster;
  private final NameCache<String, List<String>> serviceCache;
  private final NameCache<OperationsKey, List<Operation>> operationCache;

  /** Bumped when the store's contents change wholesale (seeded): older answers are not reused. */
  private final AtomicLong generation = new AtomicLong();

  /** Refreshes names in the background ({@link NameCache}): one daemon thread for all. */
  private static final Executor NAME_REFRESHER =
      Executors.newSingleThreadExecutor(DaemonThreads.named("sightline-name-refresh"));

  private final ReadBudget budget;

  /**
   * @param archive the archive, or {@code null} when none is configured
   * @param adjuster applied to every trace not asked for raw
   * @param nameCacheTtl how long service and operation names are reused; zero to always ask the
   *     store
   */
  public TraceService(
      SpanReader spanReader,
      DependencyReader dependencyReader,
      ArchiveStorage archive,
      Adjuster adjuster,
      Duration nameCacheTtl) {
    this(spanReader, dependencyReader, archive, adjuster, nameCacheTtl, ReadBudget.unlimited());
  }

  /**
   * @param budget every storage call runs in one of its slots, and readers charge it the spans they
   *     read
   */
  public TraceService(
      SpanReader spanReader,
      DependencyReader dependencyReader,
      ArchiveStorage archive,
      Adjuster adjuster,
      Duration nameCacheTtl,
      ReadBudget budget) {
    this(
        spanReader,
        dependencyReader,
        archive,
        adjuster,
        nameCacheTtl,
        Ticker.systemTicker(),
        NAME_REFRESHER,
        budget);
  }

  /**
   * @param ticker the clock of the name caches
   * @param refresher where the name caches refresh names in the background
   */
  TraceService(
      SpanReader spanReader,
      DependencyReader dependencyReader,
      ArchiveStorage archive,
      Adjuster adjuster,
      Duration nameCacheTtl,
      Ticker ticker,
      Executor refresher,
      ReadBudget budget) {
    this.budget = Objects.requireNonNull(budget, "budget");
    this.spanReader = Objects.requireNonNull(spanReader, "spanReader");
    this.dependencyReader = Objects.requireNonNull(dependencyReader, "dependencyReader");
    this.archive = archive;
    this.adjuster = Objects.requireNonNull(adjuster, "adjuster");
    if (nameCacheTtl.isNegative()) {
      throw new IllegalArgumentException("the name cache TTL must not be negative");
    }
    this.serviceCache =
        nameCacheTtl.isZero()
            ? null
            : new NameCache<>(nameCacheTtl, 1, ticker, generation, refresher);
    this.operationCache =
        nameCacheTtl.isZero()
            ? null
            : new NameCache<>(nameCacheTtl, 10_000, ticker, generation, refresher);
  }

  /**
   * Forgets the cached service and operation names, and any being read right now: the store's
   * contents just changed wholesale (the demo data is in), so an answer read before must not be
   * reused.
   */
  public void forgetNames() {
    generation.incrementAndGet();
    if (serviceCache != null) {
      serviceCache.forget();
      operationCache.forget();
    }
  }

  /** Service names in the store's order (Elasticsearch: most spans first). */
  public List<String> services() {
    return cached(
        serviceCache, "", () -> List.copyOf(budget.smallStorageCall(spanReader::getServices)));
  }

  /** Service names in alphabetical order, for people. */
  public List<String> servicesSorted() {
    List<String> sorted = new ArrayList<>(services());
    Collections.sort(sorted);
    return Collections.unmodifiableList(sorted);
  }

  /**
   * Operations of a service, as the store lists them.
   *
   * @param spanKind a span kind, or {@code ""} for all (Elasticsearch ignores it)
   */
  public List<Operation> operations(String service, String spanKind) {
    OperationsKey key = new OperationsKey(service, spanKind == null ? "" : spanKind);
    return cached(
        operationCache,
        key,
        () ->
            List.copyOf(
                budget.smallStorageCall(
                    () -> spanReader.getOperations(key.service(), key.spanKind()))));
  }

  /** The distinct operation names of a service (all span kinds), alphabetically. */
  public List<String> operationNames(String service) {
    Set<String> names = new TreeSet<>();
    for (Operation operation : operations(service, "")) {
      names.add(operation.name());
    }
    return List.copyOf(names);
  }

  /**
   * Traces matching the search, newest first; adjusted unless {@code raw}. They all stay charged to
   * the request's {@link ReadBudget} until it ends: prefer {@link #streamTraces} for an answer that
   * is written out trace by trace.
   */
  public List<Trace> findTraces(TraceQuery query, boolean raw) {
    List<Trace> traces = new ArrayList<>();
    search(query, raw, false).forEachRemaining(traces::add);
    return traces;
  }

  /**
   * Traces matching the search, newest first, adjusted unless {@code raw}, read from the store a
   * batch at a time as the caller iterates, each batch in a storage slot. Moving on to the next
   * batch frees the previous one's spans from the request's {@link ReadBudget}: the caller writes
   * each trace out and keeps none, so the request holds one batch however many traces match.
   *
   * <p>The trace ID search and the first batch are read by this call, so a store that is down or a
   * query it refuses fails here, before the caller has written anything.
   */
  public Iterator<Trace> streamTraces(TraceQuery query, boolean raw) {
    return search(query, raw, true);
  }

  private SearchStream search(TraceQuery query, boolean raw, boolean releaseBatches) {
    return new SearchStream(budget, spanReader, query, t -> prepare(t, raw), releaseBatches);
  }

  /**
   * Traces by ID, in request order, each from the trace store or else from the archive; IDs found
   * in neither are left out. Adjusted unless {@code raw}.
   */
  public List<Trace> getTraces(List<TraceLookup> lookups, boolean raw) {
    return getTraces(lookups, raw, new HashSet<>());
  }

  /**
   * A trace fetched by ID, and where it came from.
   *
   * @param trace the trace, adjusted unless asked for raw
   * @param fromArchive whether the trace store lacked it and the archive had it
   */
  public record Fetched(Trace trace, boolean fromArchive) {}

  /** {@link #getTrace}, saying whether the trace came from the archive. */
  public Optional<Fetched> fetchTrace(TraceLookup lookup, boolean raw) {
    Set<TraceId> archived = new HashSet<>();
    List<Trace> traces = getTraces(List.of(lookup), raw, archived);
    return traces.isEmpty()
        ? Optional.empty()
        : Optional.of(new Fetched(traces.get(0), archived.contains(lookup.traceId())));
  }

  /** {@link #getTraces}, adding the IDs found only in the archive to {@code archived}. */
  private List<Trace> getTraces(List<TraceLookup> lookups, boolean raw, Set<TraceId> archived) {
    Map<TraceId, TraceLookup> wanted = new LinkedHashMap<>();
    for (TraceLookup lookup : lookups) {
      wanted.putIfAbsent(lookup.traceId(), lookup);
    }
    if (wanted.isEmpty()) {
      return List.of();
    }
    Map<TraceId, Trace> found = new HashMap<>();
    List<TraceLookup> all = List.copyOf(wanted.values());
    collect(budget.storageCall(() -> spanReader.getTraces(all)), wanted.keySet(), found);
    if (archive != null && found.size() < wanted.size()) {
      List<TraceLookup> missing = new ArrayList<>();
      for (TraceLookup lookup : wanted.values()) {
        if (!found.containsKey(lookup.traceId())) {
          missing.add(lookup);
        }
      }
      Set<TraceId> before = new HashSet<>(found.keySet());
      collect(
          budget.storageCall(() -> archive.reader().getTraces(missing)), wanted.keySet(), found);
      for (TraceId id : found.keySet()) {
        if (!before.contains(id)) {
          archived.add(id);
        }
      }
    }
    List<Trace> traces = new ArrayList<>(found.size());
    for (TraceId id : wanted.keySet()) {
      Trace trace = found.get(id);
      if (trace != null) {
        traces.add(prepare(trace, raw));
      }
    }
    return traces;
  }

  /** One trace by ID, from the trace store or else the archive; adjusted unless {@code raw}. */
  public Optional<Trace> getTrace(TraceLookup lookup, boolean raw) {
    List<Trace> traces = getTraces(List.of(lookup), raw);
    return traces.isEmpty() ? Optional.empty() : Optional.of(traces.get(0));
  }

  /** Whether an archive is configured. */
  public boolean archiveConfigured() {
    return archive != null;
  }

  /**
   * Copies a trace, as stored (not adjusted), into the archive.
   *
   * @return how many spans were archived
   * @throws ArchiveNotConfiguredException when there is no archive
   * @throws TraceNotFoundException when the trace is in neither store
   */
  public int archiveTrace(TraceLookup lookup) {
    if (archive == null) {
      throw new ArchiveNotConfiguredException();
    }
    Trace trace =
        getTrace(lookup, true).orElseThrow(() -> new TraceNotFoundException(lookup.traceId()));
    budget.storageCall(
        () -> {
          archive.writer().writeSpans(trace.spans());
          return null;
        });
    return trace.spans().size();
  }

  /**
   * Service dependencies in the query's window, duplicate (parent, child) pairs merged by summing
   * their call counts, in first-seen order.
   *
   * @param service when not empty, only links from or to this service
   */
  public List<DependencyLink> dependencies(DependencyQuery query, String service) {
    Map<List<String>, Long> counts = new LinkedHashMap<>();
    for (DependencyLink link :
        budget.smallStorageCall(() -> dependencyReader.getDependencies(query))) {
      if (service != null
          && !service.isEmpty()
          && !service.equals(link.parent())
          && !service.equals(link.child())) {
        continue;
      }
      counts.merge(List.of(link.parent(), link.child()), link.callCount(), Long::sum);
    }
    List<DependencyLink> links = new ArrayList<>(counts.size());
    counts.forEach((pair, count) -> links.add(new DependencyLink(pair.get(0), pair.get(1), count)));
    return links;
  }

  /**
   * Service dependencies derived from the traces a search finds (the sample: at most the query's
   * limit, newest first, as {@link #findTraces} returns them), by the one link computation ({@link
   * DependencyLinker}, default peer-service tag). The traces are read raw, as the daily job reads
   * them: the adjusters would, for one, give the server half of a shared client/server span a new
   * span ID and so hide the pair.
   */
  public SampledDependencies dependenciesOfTraces(TraceQuery query) {
    DependencyLinker linker = new DependencyLinker();
    List<Trace> found = findTraces(query, true);
    found.forEach(linker::add);
    return new SampledDependencies(linker.total(), found.size(), query.limit());
  }

  private Trace prepare(Trace trace, boolean raw) {
    if (!raw) {
      adjuster.adjust(trace);
    }
    return trace;
  }

  private static void collect(List<Trace> traces, Set<TraceId> wanted, Map<TraceId, Trace> into) {
    for (Trace trace : traces) {
      TraceId id = trace.traceId();
      if (id != null && wanted.contains(id)) {
        into.putIfAbsent(id, trace);
      }
    }
  }

  private <K, V extends List<?>> V cached(NameCache<K, V> cache, K key, Supplier<V> load) {
    return cache == null ? load.get() : cache.get(key, load);
  }

  private record OperationsKey(String service, String spanKind) {}
}
