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

/**
 * A small {@link SpanReader} over traces held in a map, for the page tests (until the embedded
 * store is on main). Can be told to fail, to test the pages' storage errors.
 */
public final class TestSpanReader implements SpanReader {

  private final Map<TraceId, Trace> traces = new ConcurrentHashMap<>();
  private volatile RuntimeException failure;

  public TestSpanReader put(Trace trace) {
    traces.put(trace.traceId(), trace);
    return this;
  }

  public void clear() {
    traces.clear();
    failure = null;
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
      Trace trace = traces.get(lookup.traceId());
      if (trace != null) {
        out.add(Trace.of(new ArrayList<Span>(trace.spans())));
      }
    }
    return out;
  }
}
