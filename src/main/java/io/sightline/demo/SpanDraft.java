package io.sightline.demo;

import io.sightline.demo.ShopTopology.Pod;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.TraceId;
import java.util.ArrayList;
import java.util.List;

/**
 * A span while its trace is being generated: its end, status and some tags are known only once its
 * children are done. Times are microseconds since the epoch.
 */
final class SpanDraft {

  static final KeyValue ERROR = KeyValue.bool("error", true);
  static final KeyValue STATUS_ERROR = KeyValue.string("otel.status_code", "ERROR");

  final SpanId id;
  final SpanDraft parent;
  final boolean followsFrom;
  final String name;
  final Pod pod;
  final long start;

  /**
   * The outcome a handler decided: an HTTP status or a gRPC status code; {@code -1} until decided.
   */
  int status = -1;

  /** Why the span failed, for {@code otel.status_description}; null when unknown or not failed. */
  String failure;

  private long end = Long.MIN_VALUE;
  private boolean error;
  private final ArrayList<KeyValue> tags = new ArrayList<>(16);
  private ArrayList<SpanLog> logs;

  SpanDraft(SpanId id, SpanDraft parent, boolean followsFrom, String name, Pod pod, long start) {
    this.id = id;
    this.parent = parent;
    this.followsFrom = followsFrom;
    this.name = name;
    this.pod = pod;
    this.start = start;
  }

  SpanDraft tag(KeyValue tag) {
    tags.add(tag);
    return this;
  }

  SpanDraft tag(String key, String value) {
    return tag(KeyValue.string(key, value));
  }

  SpanDraft tag(String key, long value) {
    return tag(KeyValue.int64(key, value));
  }

  SpanDraft tag(String key, double value) {
    return tag(KeyValue.float64(key, value));
  }

  SpanDraft tag(String key, boolean value) {
    return tag(KeyValue.bool(key, value));
  }

  /** Adds a log (OTLP event) at {@code timestamp}, which must fall inside the span. */
  SpanDraft log(long timestamp, KeyValue... fields) {
    if (logs == null) {
      logs = new ArrayList<>(2);
    }
    logs.add(new SpanLog(timestamp, List.of(fields)));
    return this;
  }

  /**
   * Marks the span failed the way the OTLP→Jaeger translation does: {@code error=true} and {@code
   * otel.status_code=ERROR}, with {@code otel.status_description} when there is a message.
   */
  SpanDraft markError(String description) {
    if (!error) {
      error = true;
      tags.add(ERROR);
      tags.add(STATUS_ERROR);
      if (description != null) {
        tags.add(KeyValue.string("otel.status_description", description));
      }
    }
    return this;
  }

  boolean isError() {
    return error;
  }

  void end(long timestamp) {
    if (timestamp < start) {
      throw new IllegalStateException(name + " would end before it starts");
    }
    end = timestamp;
  }

  long end() {
    if (end == Long.MIN_VALUE) {
      throw new IllegalStateException(name + " has not ended");
    }
    return end;
  }

  Span toSpan(TraceId traceId) {
    long finished = end();
    List<SpanLog> spanLogs = logs == null ? List.of() : logs;
    for (SpanLog log : spanLogs) {
      if (log.timestamp() < start || log.timestamp() > finished) {
        throw new IllegalStateException("a log of " + name + " lies outside the span");
      }
    }
    List<SpanReference> references =
        parent == null
            ? List.of()
            : List.of(
                followsFrom
                    ? SpanReference.followsFrom(traceId, parent.id)
                    : SpanReference.childOf(traceId, parent.id));
    return new Span(
        traceId,
        id,
        name,
        references,
        1,
        start,
        finished - start,
        tags,
        spanLogs,
        pod.process(),
        List.of());
  }
}
