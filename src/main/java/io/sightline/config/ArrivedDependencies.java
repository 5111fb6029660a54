package io.sightline.config;

import io.sightline.threads.DaemonThreads;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyLinker;
import io.sightline.trace.DependencyWriter;
import io.sightline.trace.Span;
import io.sightline.trace.SpanReader;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embedded store's writer for OTLP ingest, which also keeps its dependency graph in step with
 * what arrives: for every trace a batch touches, the links of the trace as stored before the batch
 * are subtracted from the links of the trace with the batch ({@link DependencyLinker}, the
 * dependencies job's computation), so a parent that arrived in an earlier batch still links to its
 * child. The sums are written as one dependency document every interval, stamped with the time of
 * writing, so "the last hour" of the Dependencies page shows the calls that arrived in it.
 *
 * <p>Only one thread may call {@link #writeSpans} (the ingest's writer thread).
 */
final class ArrivedDependencies implements SpanWriter, AutoCloseable {

  private record Pair(String parent, String child) {}

  private final SpanWriter store;
  private final SpanReader reader;
  private final DependencyWriter dependencies;
  private final Clock clock;

  /** Traces whose links {@link #writeSpans} may meet again: few seconds' worth of arrivals. */
  static final int REMEMBERED_TRACES = 100_000;

  private final Map<Pair, Long> pending = new LinkedHashMap<>();
  // Written by the writer thread only: each trace's links as of its last batch.
  private final LinkedHashMap<TraceId, Map<Pair, Long>> linked = new LinkedHashMap<>();
  private final ScheduledExecutorService timer;

  ArrivedDependencies(
      SpanWriter store,
      SpanReader reader,
      DependencyWriter dependencies,
      Duration interval,
      Clock clock) {
    this.store = store;
    this.reader = reader;
    this.dependencies = dependencies;
    this.clock = clock;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("otlp-dependencies"));
    long millis = interval.toMillis();
    // The periodic task runs until shutdown; its future is never waited on.
    var unused =
        timer.scheduleWithFixedDelay(this::flushLinks, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void writeSpans(List<Span> spans) {
    Map<TraceId, List<Span>> arriving = new LinkedHashMap<>();
    for (Span span : spans) {
      arriving.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
    }
    List<TraceLookup> lookups = new ArrayList<>(arriving.size());
    arriving.keySet().forEach(id -> lookups.add(TraceLookup.of(id)));
    Map<TraceId, List<Span>> before = new HashMap<>();
    for (Trace trace : reader.getTraces(lookups)) {
      before.put(trace.traceId(), trace.spans());
    }
    store.writeSpans(spans);
    Map<Pair, Long> delta = new HashMap<>();
    arriving.forEach(
        (id, added) -> {
          List<Span> stored = before.getOrDefault(id, List.of());
          Map<Pair, Long> old = linked.remove(id);
          if (old == null) {
            old = stored.isEmpty() ? Map.of() : links(stored);
          }
          List<Span> all = new ArrayList<>(stored.size() + added.size());
          all.addAll(stored);
          all.addAll(added);
          Map<Pair, Long> now = links(all);
          now.forEach((pair, n) -> delta.merge(pair, n, Long::sum));
          old.forEach((pair, n) -> delta.merge(pair, -n, Long::sum));
          remember(id, now);
        });
    synchronized (pending) {
      delta.forEach(
          (pair, n) -> {
            if (n > 0) {
              pending.merge(pair, n, Long::sum);
            }
          });
    }
  }

  /** The links of one trace's spans, summed over the days they fall on. */
  private static Map<Pair, Long> links(List<Span> spans) {
    DependencyLinker linker = new DependencyLinker();
    linker.add(Trace.of(new ArrayList<>(spans)));
    Map<Pair, Long> counts = new HashMap<>();
    for (DependencyLink link : linker.total()) {
      counts.put(new Pair(link.parent(), link.child()), link.callCount());
    }
    return counts;
  }

  /**
   * Keeps a trace's links for its next batch, most recently written last; the traces written
   * longest ago are forgotten beyond {@link #REMEMBERED_TRACES} (their links are then derived again
   * from the stored spans, should more of them arrive).
   */
  private void remember(TraceId id, Map<Pair, Long> links) {
    linked.put(id, links);
    Iterator<TraceId> oldest = linked.keySet().iterator();
    while (linked.size() > REMEMBERED_TRACES) {
      oldest.next();
      oldest.remove();
    }
  }

  @Override
  public void flush() {
    store.flush();
  }

  /** Writes the links counted since the last time as one document, if there are any. */
  void flushLinks() {
    List<DependencyLink> links;
    synchronized (pending) {
      if (pending.isEmpty()) {
        return;
      }
      links = new ArrayList<>(pending.size());
      pending.forEach((pair, n) -> links.add(new DependencyLink(pair.parent(), pair.child(), n)));
      pending.clear();
    }
    dependencies.writeDependencies(clock.instant(), links);
  }

  @Override
  public void close() {
    timer.shutdown();
    flushLinks();
  }
}
