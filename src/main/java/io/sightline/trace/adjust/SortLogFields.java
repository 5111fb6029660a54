package io.sightline.trace.adjust;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanLog;
import io.sightline.trace.ValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Orders each log's fields for reading (Jaeger's {@code SortLogFields}): the first string field
 * named {@code event} swaps places with the first field, and the fields after it are sorted.
 */
final class SortLogFields extends EachSpanAdjuster {

  @Override
  Span adjust(Span span) {
    List<SpanLog> logs = span.logs();
    List<SpanLog> sorted = null;
    for (int i = 0; i < logs.size(); i++) {
      List<KeyValue> fields = sortFields(logs.get(i).fields());
      if (fields != null) {
        if (sorted == null) {
          sorted = new ArrayList<>(logs);
        }
        sorted.set(i, new SpanLog(logs.get(i).timestamp(), fields));
      }
    }
    return sorted == null ? span : span.withLogs(sorted);
  }

  /** The fields in display order, or {@code null} when they already are. */
  static List<KeyValue> sortFields(List<KeyValue> fields) {
    List<KeyValue> out = new ArrayList<>(fields);
    int offset = 0;
    for (int i = 0; i < out.size(); i++) {
      KeyValue field = out.get(i);
      if (field.key().equals("event") && field.type() == ValueType.STRING) {
        Collections.swap(out, 0, i);
        offset = 1;
        break;
      }
    }
    if (out.size() > 1) {
      out.subList(offset, out.size()).sort(KeyValueOrder.INSTANCE);
    }
    return out.equals(fields) ? null : out;
  }
}
