package io.sightline.format.jaeger;

import static io.sightline.format.StrictJsonReader.error;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.TokenStreamLocation;

/**
 * The parts of a Jaeger UI trace as {@link UiJsonReader} collects them, before they are resolved.
 */
final class UiTraceParts {

  private UiTraceParts() {}

  /** A trace object being read: spans are resolved once its process map is known. */
  static final class TraceBuilder {
    TraceId traceId;
    final List<RawSpan> spans = new ArrayList<>();
    final Map<String, TracedProcess> processes = new HashMap<>();
    final List<String> warnings = new ArrayList<>();

    Trace build() {
      List<Span> resolved = new ArrayList<>(spans.size());
      for (RawSpan raw : spans) {
        resolved.add(raw.resolve(traceId, processes));
      }
      return new Trace(resolved, warnings);
    }
  }

  /** A span as read, before its {@code processID} is looked up. */
  static final class RawSpan {
    final TokenStreamLocation start;
    TraceId traceId;
    SpanId spanId;
    String operationName = "";
    List<SpanReference> references = List.of();
    int flags;
    long startTime;
    long duration;
    List<KeyValue> tags = List.of();
    List<SpanLog> logs = List.of();
    String processId;
    TokenStreamLocation processIdAt;
    TracedProcess process;
    List<String> warnings = List.of();

    RawSpan(TokenStreamLocation start) {
      this.start = start;
    }

    Span resolve(TraceId traceOfObject, Map<String, TracedProcess> processes) {
      TraceId id = traceId != null ? traceId : traceOfObject;
      if (id == null) {
        throw error(start, "span has no traceID (and its trace object none either)");
      }
      TracedProcess resolved = process;
      if (resolved == null) {
        if (processId == null) {
          throw error(start, "span has neither processID nor process");
        }
        resolved = processes.get(processId);
        if (resolved == null) {
          throw error(processIdAt, "processID '" + processId + "' is not in the trace's processes");
        }
      }
      return new Span(
          id,
          spanId,
          operationName,
          references,
          flags,
          startTime,
          duration,
          tags,
          logs,
          resolved,
          warnings);
    }
  }
}
