package io.sightline.config;

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
  private final Map<Pair, Long> pending = new LinkedHashMap<>();
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
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "otlp-dependencies");
              t.setDaemon(true);
              return t;
            });
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
    DependencyLinker old = new DependencyLinker();
    DependencyLinker now = new DependencyLinker();
    arriving.forEach(
        (id, added) -> {
          List<Span> stored = before.getOrDefault(id, List.of());
          List<Span> all = new ArrayList<>(stored.size() + added.size());
          all.addAll(stored);
          all.addAll(added);
          if (!stored.isEmpty()) {
            old.add(Trace.of(new ArrayList<>(stored)));
          }
          now.add(Trace.of(all));
        });
    Map<Pair, Long> delta = new HashMap<>();
    now.byDay().values().forEach(links -> count(delta, links, 1));
    old.byDay().values().forEach(links -> count(delta, links, -1));
    synchronized (pending) {
      delta.forEach(
          (pair, n) -> {
            if (n > 0) {
              pending.merge(pair, n, Long::sum);
            }
          });
    }
  }

  private static void count(Map<Pair, Long> counts, List<DependencyLink> links, int sign) {
    for (DependencyLink link : links) {
      counts.merge(new Pair(link.parent(), link.child()), sign * link.callCount(), Long::sum);
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
