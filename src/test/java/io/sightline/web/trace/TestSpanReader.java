package io.sightline.web.trace;

import io.sightline.trace.Operation;
import io.sightline.trace.Span;
import io.sightline.trace.SpanReader;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small {@link SpanReader} over traces held in a map, for the page tests (until the embedded
 * store is on main). Can be told to fail, to test the pages' storage errors.
 */
public final class TestSpanReader implements SpanReader {

  private final Map<TraceId, Trace> traces = new ConcurrentHashMap<>();
  private volatile RuntimeException failure;
  private volatile boolean onlyWithTimeHints;

  /** Every trace lookup, in order. */
  public final List<TraceLookup> lookups = new CopyOnWriteArrayList<>();

  public TestSpanReader put(Trace trace) {
    traces.put(trace.traceId(), trace);
    return this;
  }

  public void clear() {
    traces.clear();
    lookups.clear();
    failure = null;
    onlyWithTimeHints = false;
  }

  /**
   * Finds traces only for lookups with a start time, as Elasticsearch finds a trace older than its
   * default lookup window ({@code ES_MAX_SPAN_AGE}) only in the indices a time hint names.
   */
  public void onlyWithTimeHints() {
    this.onlyWithTimeHints = true;
  }

  /** Every read throws this until {@link #clear()} (null: stop failing). */
  public void failWith(RuntimeException e) {
    this.failure = e;
  }

  private void check() {
    RuntimeException e = failure;
    if (e != null) {
      throw e;
    }
  }

  @Override
  public List<String> getServices() {
    check();
    TreeSet<String> names = new TreeSet<>();
    traces.values().forEach(t -> t.spans().forEach(s -> names.add(s.process().serviceName())));
    return List.copyOf(names);
  }

  @Override
  public List<Operation> getOperations(String service, String spanKind) {
    check();
    return List.of();
  }

  @Override
  public List<TraceId> findTraceIds(TraceQuery query) {
    check();
    return List.copyOf(traces.keySet());
  }

  @Override
  public List<Trace> findTraces(TraceQuery query) {
    check();
    return List.copyOf(traces.values());
  }

  @Override
  public List<Trace> getTraces(List<TraceLookup> lookups) {
    check();
    List<Trace> out = new ArrayList<>();
    for (TraceLookup lookup : lookups) {
      this.lookups.add(lookup);
      Trace trace = traces.get(lookup.traceId());
      if (trace != null && (!onlyWithTimeHints || lookup.start() != null)) {
        out.add(Trace.of(new ArrayList<Span>(trace.spans())));
      }
    }
    return out;
  }
}
