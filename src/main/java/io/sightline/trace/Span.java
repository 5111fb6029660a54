package io.sightline.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One span, as Jaeger's domain model has it. Times are microseconds.
 *
 * @param traceId the trace this span belongs to
 * @param spanId the span's ID (unique within a trace once adjusted)
 * @param operationName the operation (span name)
 * @param references parent and links; the parent is normally the first CHILD_OF in the same trace
 * @param flags Jaeger flags (1 = sampled)
 * @param startTime microseconds since the epoch
 * @param duration microseconds
 * @param tags span tags, in stored order
 * @param logs logs (events)
 * @param process the emitting process
 * @param warnings problems found while reading or adjusting this span; empty when none
 */
public record Span(
    TraceId traceId,
    SpanId spanId,
    String operationName,
    List<SpanReference> references,
    int flags,
    long startTime,
    long duration,
    List<KeyValue> tags,
    List<SpanLog> logs,
    TracedProcess process,
    List<String> warnings) {

  public Span {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
    Objects.requireNonNull(operationName, "operationName");
    Objects.requireNonNull(process, "process");
    references = List.copyOf(references);
    tags = List.copyOf(tags);
    logs = List.copyOf(logs);
    warnings = List.copyOf(warnings);
  }

  /** The span's end, in microseconds since the epoch. */
  public long endTime() {
    return startTime + duration;
  }

  /**
   * The parent span: the first CHILD_OF reference within the same trace, or {@code null} for a root
   * span. (Jaeger's {@code ParentSpanID}.)
   */
  public SpanId parentSpanId() {
    for (SpanReference ref : references) {
      if (ref.refType() == RefType.CHILD_OF && ref.traceId().equals(traceId)) {
        return ref.spanId();
      }
    }
    return null;
  }

  /**
   * The span's parent in the wider sense of OTLP and of Jaeger's clock-skew adjuster: the first
   * same-trace CHILD_OF reference, else the first same-trace FOLLOWS_FROM one; {@code null} when
   * there is neither. (A reference to span 0 is returned as it is.)
   */
  public SpanId parentOrFollowsFromSpanId() {
    SpanId followsFrom = null;
    for (SpanReference ref : references) {
      if (!ref.traceId().equals(traceId)) {
        continue;
      }
      if (ref.refType() == RefType.CHILD_OF) {
        return ref.spanId();
      }
      if (followsFrom == null) {
        followsFrom = ref.spanId();
      }
    }
    return followsFrom;
  }

  /** The first span tag with this key, or {@code null}. */
  public KeyValue tag(String key) {
    for (KeyValue tag : tags) {
      if (tag.key().equals(key)) {
        return tag;
      }
    }
    return null;
  }

  /** The {@code span.kind} tag's value ({@code server}, {@code client}, …), or {@code ""}. */
  public String spanKind() {
    KeyValue kind = tag("span.kind");
    return kind == null ? "" : kind.valueAsString();
  }

  /**
   * Whether the span is marked as failed: an {@code error} tag that is true (bool or text), or an
   * OTLP status of {@code ERROR}.
   */
  public boolean isError() {
    for (KeyValue tag : tags) {
      if (tag.key().equals("error")) {
        if (tag.type() == ValueType.BOOL ? tag.boolValue() : "true".equals(tag.valueAsString())) {
          return true;
        }
      } else if (tag.key().equals("otel.status_code") && "ERROR".equals(tag.valueAsString())) {
        return true;
      }
    }
    return false;
  }

  public Span withSpanId(SpanId newSpanId) {
    return copy(newSpanId, references, startTime, tags, logs, process, warnings);
  }

  public Span withReferences(List<SpanReference> newReferences) {
    return copy(spanId, newReferences, startTime, tags, logs, process, warnings);
  }

  public Span withTags(List<KeyValue> newTags) {
    return copy(spanId, references, startTime, newTags, logs, process, warnings);
  }

  public Span withLogs(List<SpanLog> newLogs) {
    return copy(spanId, references, startTime, tags, newLogs, process, warnings);
  }

  public Span withProcess(TracedProcess newProcess) {
    return copy(spanId, references, startTime, tags, logs, newProcess, warnings);
  }

  public Span withStartTime(long newStartTime) {
    return copy(spanId, references, newStartTime, tags, logs, process, warnings);
  }

  /** This span with one more warning. */
  public Span withWarning(String warning) {
    List<String> newWarnings = new ArrayList<>(warnings.size() + 1);
    newWarnings.addAll(warnings);
    newWarnings.add(warning);
    return copy(spanId, references, startTime, tags, logs, process, newWarnings);
  }

  /** This span with the fields a {@code with…} method may change replaced. */
  private Span copy(
      SpanId newSpanId,
      List<SpanReference> newReferences,
      long newStartTime,
      List<KeyValue> newTags,
      List<SpanLog> newLogs,
      TracedProcess newProcess,
      List<String> newWarnings) {
    return new Span(
        traceId,
        newSpanId,
        operationName,
        newReferences,
        flags,
        newStartTime,
        duration,
        newTags,
        newLogs,
        newProcess,
        newWarnings);
  }
}
