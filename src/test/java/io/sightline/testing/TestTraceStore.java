package io.sightline.testing;

import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyQuery;
import io.sightline.trace.DependencyReader;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Operation;
import io.sightline.trace.Span;
import io.sightline.trace.SpanReader;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.StorageException;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small trace store for tests of the layers above storage (exact-match tag search, no regular
 * expressions). It hands out fresh span lists, as real stores must, counts calls and can be made to
 * fail.
 */
public final class TestTraceStore implements SpanReader, SpanWriter, DependencyReader {

  private final Map<TraceId, List<Span>> traces = new LinkedHashMap<>();
  private final List<Instant> dependencyTimes = new ArrayList<>();
  private final List<List<DependencyLink>> dependencyDocs = new ArrayList<>();
  private final AtomicInteger serviceCalls = new AtomicInteger();
  private final AtomicInteger operationCalls = new AtomicInteger();
  private volatile RuntimeException failure;
  private List<String> servicesOverride;

  @Override
  public synchronized void writeSpans(List<Span> spans) {
    for (Span span : spans) {
      traces.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
    }
  }

  /** Stores one dependencies document. */
  public synchronized void writeDependencies(Instant timestamp, List<DependencyLink> links) {
    dependencyTimes.add(timestamp);
    dependencyDocs.add(List.copyOf(links));
  }

  /** Forgets every trace and dependency document, and works again. */
  public synchronized void clear() {
    traces.clear();
    dependencyTimes.clear();
    dependencyDocs.clear();
    failure = null;
  }

  /** Makes every later call throw this ({@code null}: work again). */
  public void failWith(StorageException exception) {
    this.failure = exception;
  }

  /** Makes every later call throw this unexpected exception (a bug, say). */
  public void failWithUnchecked(RuntimeException exception) {
    this.failure = exception;
  }

  /** Lists exactly these services, in this order. */
  public synchronized void services(List<String> services) {
    this.servicesOverride = List.copyOf(services);
  }

  public int serviceCalls() {
    return serviceCalls.get();
  }

  public int operationCalls() {
    return operationCalls.get();
  }

  private void check() {
    RuntimeException f = failure;
    if (f != null) {
      throw f;
    }
  }

  @Override
  public synchronized List<String> getServices() {
    serviceCalls.incrementAndGet();
    check();
    if (servicesOverride != null) {
      return servicesOverride;
    }
    Set<String> services = new LinkedHashSet<>();
    traces.values().forEach(spans -> spans.forEach(s -> services.add(s.process().serviceName())));
    return new ArrayList<>(services);
  }

  @Override
  public synchronized List<Operation> getOperations(String service, String spanKind) {
    operationCalls.incrementAndGet();
    check();
    Set<Operation> operations = new LinkedHashSet<>();
    for (List<Span> spans : traces.values()) {
      for (Span span : spans) {
        if (span.process().serviceName().equals(service)
            && (spanKind == null || spanKind.isEmpty() || spanKind.equals(span.spanKind()))) {
          operations.add(new Operation(span.operationName(), span.spanKind()));
        }
      }
    }
    return new ArrayList<>(operations);
  }

  @Override
  public synchronized List<TraceId> findTraceIds(TraceQuery query) {
    check();
    List<Map.Entry<TraceId, Long>> matches = new ArrayList<>();
    for (Map.Entry<TraceId, List<Span>> entry : traces.entrySet()) {
      long latest = Long.MIN_VALUE;
      for (Span span : entry.getValue()) {
        if (matches(span, query)) {
          latest = Math.max(latest, span.startTime());
        }
      }
      if (latest != Long.MIN_VALUE) {
        matches.add(Map.entry(entry.getKey(), latest));
      }
    }
    matches.sort(Map.Entry.<TraceId, Long>comparingByValue(Comparator.reverseOrder()));
    List<TraceId> ids = new ArrayList<>();
    for (int i = 0; i < matches.size() && i < query.limit(); i++) {
      ids.add(matches.get(i).getKey());
    }
    return ids;
  }

  @Override
  public synchronized List<Trace> findTraces(TraceQuery query) {
    List<Trace> found = new ArrayList<>();
    for (TraceId id : findTraceIds(query)) {
      found.add(Trace.of(new ArrayList<>(traces.get(id))));
    }
    return found;
  }

  @Override
  public synchronized List<Trace> getTraces(List<TraceLookup> lookups) {
    check();
    List<Trace> found = new ArrayList<>();
    for (TraceLookup lookup : lookups) {
      List<Span> spans = traces.get(lookup.traceId());
      if (spans != null) {
        found.add(Trace.of(new ArrayList<>(spans)));
      }
    }
    return found;
  }

  @Override
  public synchronized List<DependencyLink> getDependencies(DependencyQuery query) {
    check();
    List<DependencyLink> links = new ArrayList<>();
    for (int i = 0; i < dependencyTimes.size(); i++) {
      Instant t = dependencyTimes.get(i);
      if (!t.isBefore(query.startTs()) && !t.isAfter(query.endTs())) {
        links.addAll(dependencyDocs.get(i));
      }
    }
    return links;
  }

  private static boolean matches(Span span, TraceQuery query) {
    long start = span.startTime();
    long min = micros(query.startTimeMin());
    long max = micros(query.startTimeMax());
    if (start < min || start > max) {
      return false;
    }
    if (!query.serviceName().isEmpty()
        && !query.serviceName().equals(span.process().serviceName())) {
      return false;
    }
    if (!query.operationName().isEmpty() && !query.operationName().equals(span.operationName())) {
      return false;
    }
    long durationMicros = span.duration();
    if (!query.durationMin().isZero() && durationMicros < query.durationMin().toNanos() / 1_000) {
      return false;
    }
    if (!query.durationMax().isZero() && durationMicros > query.durationMax().toNanos() / 1_000) {
      return false;
    }
    for (Map.Entry<String, String> tag : query.tags().entrySet()) {
      boolean found = false;
      for (KeyValue kv : span.tags()) {
        if (kv.key().equals(tag.getKey()) && kv.valueAsString().equals(tag.getValue())) {
          found = true;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }
}
