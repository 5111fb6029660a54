package io.sightline.web.search;

import io.sightline.testing.TestTraceStore;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyQuery;
import io.sightline.trace.DependencyReader;
import io.sightline.trace.Operation;
import io.sightline.trace.Span;
import io.sightline.trace.SpanReader;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceQuery;
import java.time.Instant;
import java.util.List;

/** A {@link TestTraceStore} the page tests can empty between tests ({@link #reset()}). */
public final class PageTestStore implements SpanReader, DependencyReader {

  private volatile TestTraceStore store = new TestTraceStore();

  /** Forgets every span and dependency; works again if it was failing. */
  public void reset() {
    store = new TestTraceStore();
  }

  public void writeSpans(List<Span> spans) {
    store.writeSpans(spans);
  }

  public void writeDependencies(Instant timestamp, List<DependencyLink> links) {
    store.writeDependencies(timestamp, links);
  }

  public void failWith(io.sightline.trace.StorageException e) {
    store.failWith(e);
  }

  @Override
  public List<String> getServices() {
    return store.getServices();
  }

  @Override
  public List<Operation> getOperations(String service, String spanKind) {
    return store.getOperations(service, spanKind);
  }

  @Override
  public List<TraceId> findTraceIds(TraceQuery query) {
    return store.findTraceIds(query);
  }

  @Override
  public List<io.sightline.trace.Trace> findTraces(TraceQuery query) {
    return store.findTraces(query);
  }

  @Override
  public List<io.sightline.trace.Trace> getTraces(List<TraceLookup> lookups) {
    return store.getTraces(lookups);
  }

  @Override
  public List<DependencyLink> getDependencies(DependencyQuery query) {
    return store.getDependencies(query);
  }
}
