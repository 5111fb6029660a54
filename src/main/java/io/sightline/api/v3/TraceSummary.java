package io.sightline.api.v3;

import io.sightline.format.otlp.OtlpSpans;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a search result list shows of a trace, computed from the whole trace as Jaeger does ({@code
 * querysvc/summary.go}), through OpenTelemetry's eyes: errors are spans whose OTLP status is {@code
 * ERROR}, parents are OTLP parents.
 *
 * @param traceId the trace (its first span's)
 * @param rootServiceName the service of the root span: of the spans without a parent, the one that
 *     starts first (the first of equals)
 * @param rootOperationName the operation of that span
 * @param minStartTimeUnixNano the earliest span start, in nanoseconds since the epoch
 * @param maxEndTimeUnixNano the latest span end, in nanoseconds since the epoch
 * @param spanCount all spans
 * @param errorSpanCount spans with an error status
 * @param orphanSpanCount spans whose parent is not in the trace
 * @param services per service, by name
 */
record TraceSummary(
    TraceId traceId,
    String rootServiceName,
    String rootOperationName,
    long minStartTimeUnixNano,
    long maxEndTimeUnixNano,
    int spanCount,
    int errorSpanCount,
    int orphanSpanCount,
    List<ServiceSummary> services) {

  /**
   * One service's share of a trace.
   *
   * @param name the service name
   * @param spanCount its spans
   * @param errorSpanCount its spans with an error status
   */
  record ServiceSummary(String name, int spanCount, int errorSpanCount) {}

  /** Summarises a (non-empty) trace. */
  static TraceSummary of(Trace trace) {
    List<Span> spans = trace.spans();
    Set<SpanId> spanIds = new HashSet<>(spans.size() * 2);
    for (Span span : spans) {
      spanIds.add(span.spanId());
    }
    Map<String, int[]> perService = new TreeMap<>(); // name → {spans, errors}
    Span root = null;
    long minStart = Long.MAX_VALUE;
    long maxEnd = Long.MIN_VALUE;
    int errors = 0;
    int orphans = 0;
    for (Span span : spans) {
      int[] counts = perService.computeIfAbsent(OtlpSpans.serviceName(span), k -> new int[2]);
      counts[0]++;
      if (OtlpSpans.isError(span)) {
        counts[1]++;
        errors++;
      }
      minStart = Math.min(minStart, span.startTime());
      maxEnd = Math.max(maxEnd, span.endTime());
      SpanId parent = OtlpSpans.parentSpanId(span);
      if (parent == null) {
        if (root == null || span.startTime() < root.startTime()) {
          root = span;
        }
      } else if (!spanIds.contains(parent)) {
        orphans++;
      }
    }
    List<ServiceSummary> services = new ArrayList<>(perService.size());
    perService.forEach((name, c) -> services.add(new ServiceSummary(name, c[0], c[1])));
    return new TraceSummary(
        trace.traceId(),
        root == null ? "" : OtlpSpans.serviceName(root),
        root == null ? "" : root.operationName(),
        spans.isEmpty() ? 0 : minStart * 1_000,
        spans.isEmpty() ? 0 : maxEnd * 1_000,
        spans.size(),
        errors,
        orphans,
        List.copyOf(services));
  }
}
