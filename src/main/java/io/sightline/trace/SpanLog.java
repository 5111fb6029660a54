package io.sightline.trace;

import java.util.List;

/**
 * A log (OTLP: event) on a span.
 *
 * @param timestamp microseconds since the epoch
 * @param fields the log's fields; an OTLP event's name is the string field {@code event}
 */
public record SpanLog(long timestamp, List<KeyValue> fields) {

  public SpanLog {
    fields = List.copyOf(fields);
  }
}
