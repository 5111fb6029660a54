package io.sightline.web;

import io.sightline.trace.RefType;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the search page shows of one trace, computed on the server so that the page never receives
 * whole traces (Jaeger UI's trace summaries).
 *
 * @param traceId the ID as Jaeger renders it
 * @param rootService the root span's service, or {@code null} when every span references another
 *     span of the trace
 * @param rootOperation the root span's operation, or {@code null}
 * @param startMicros the earliest span start, µs since the epoch
 * @param durationMicros the latest span end minus the earliest start, µs
 * @param spanCount spans
 * @param errorCount spans marked as failed ({@link Span#isError()})
 * @param orphanCount spans whose parent is not in the trace (the trace is incomplete)
 * @param services per service: spans and errors, by service name
 */
public record TraceSummary(
    String traceId,
    String rootService,
    String rootOperation,
    long startMicros,
    long durationMicros,
    int spanCount,
    int errorCount,
    int orphanCount,
    List<ServiceCount> services) {

  /** Jaeger UI's name of a trace without a root span. */
  public static final String WITHOUT_ROOT = "<trace-without-root-span>";

  /**
   * One service's share of a trace.
   *
   * @param name the service
   * @param spanCount its spans
   * @param errorCount its failed spans
   */
  public record ServiceCount(String name, int spanCount, int errorCount) {
    /** The service's colour slot ({@code svc-N}), the same on every page. */
    public int slot() {
      return ServicePalette.slotOf(name);
    }
  }

  public TraceSummary {
    services = List.copyOf(services);
  }

  /** {@code service: operation}, as Jaeger UI names a trace. */
  public String name() {
    return rootService == null ? WITHOUT_ROOT : rootService + ": " + rootOperation;
  }

  public boolean hasRoot() {
    return rootService != null;
  }

  /** The first 7 characters of the ID, as Jaeger UI shows it. */
  public String shortId() {
    return traceId.length() > 7 ? traceId.substring(0, 7) : traceId;
  }

  public boolean incomplete() {
    return orphanCount > 0;
  }

  /**
   * Summarises a trace with at least one span. The rules are the trace page's: a span's parent is
   * the target of its first same-trace CHILD_OF reference, else of its first same-trace
   * FOLLOWS_FROM; when that span is missing the span is an orphan. The root (which names the trace)
   * is, as in Jaeger UI, a span referencing no span of the trace, preferring fewer references, then
   * the earlier start.
   */
  public static TraceSummary of(Trace trace) {
    List<Span> spans = trace.spans();
    if (spans.isEmpty()) {
      throw new IllegalArgumentException("a trace without spans has no summary");
    }
    Set<SpanId> ids = new HashSet<>(spans.size() * 2);
    for (Span span : spans) {
      ids.add(span.spanId());
    }
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    int errors = 0;
    int orphans = 0;
    Span root = null;
    Map<String, int[]> perService = new TreeMap<>();
    for (Span span : spans) {
      start = Math.min(start, span.startTime());
      end = Math.max(end, span.startTime() + Math.max(0, span.duration()));
      boolean error = span.isError();
      if (error) {
        errors++;
      }
      int[] counts = perService.computeIfAbsent(span.process().serviceName(), s -> new int[2]);
      counts[0]++;
      if (error) {
        counts[1]++;
      }
      SpanReference parent = parentReference(span);
      if (parent != null && !ids.contains(parent.spanId())) {
        orphans++;
      }
      if (!referencesSpanIn(span, ids) && betterRoot(span, root)) {
        root = span;
      }
    }
    List<ServiceCount> services = new ArrayList<>(perService.size());
    perService.forEach((name, c) -> services.add(new ServiceCount(name, c[0], c[1])));
    TraceId id = trace.traceId() != null ? trace.traceId() : spans.get(0).traceId();
    return new TraceSummary(
        id.toString(),
        root == null ? null : root.process().serviceName(),
        root == null ? null : root.operationName(),
        start,
        end - start,
        spans.size(),
        errors,
        orphans,
        services);
  }

  private static SpanReference parentReference(Span span) {
    SpanReference chosen = null;
    for (SpanReference ref : span.references()) {
      if (!ref.traceId().equals(span.traceId())) {
        continue; // a link into another trace is never a parent
      }
      if (ref.refType() == RefType.CHILD_OF) {
        return ref;
      }
      if (chosen == null) {
        chosen = ref;
      }
    }
    return chosen;
  }

  private static boolean referencesSpanIn(Span span, Set<SpanId> ids) {
    for (SpanReference ref : span.references()) {
      if (ref.traceId().equals(span.traceId()) && ids.contains(ref.spanId())) {
        return true;
      }
    }
    return false;
  }

  private static boolean betterRoot(Span span, Span current) {
    if (current == null) {
      return true;
    }
    int refs = span.references().size();
    int currentRefs = current.references().size();
    return refs < currentRefs || (refs == currentRefs && span.startTime() < current.startTime());
  }
}
