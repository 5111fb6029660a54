package io.sightline.storage.elasticsearch.document;

import io.sightline.trace.KeyValue;
import io.sightline.trace.RefType;
import io.sightline.trace.Span;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.TraceId;
import io.sightline.trace.ValueType;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a domain span into the document Jaeger's v1 collector (≥ 1.69) writes: trace ID as 16 hex
 * characters when the high bits are zero, else 32; native JSON values for bool, int64 and float64;
 * binary as hex; {@code startTimeMillis}; no {@code parentSpanID}; empty lists as {@code []};
 * configured tags as fields. Thread-safe.
 */
public final class SpanToDocument {

  private final TagsAsFields tagsAsFields;

  public SpanToDocument(TagsAsFields tagsAsFields) {
    this.tagsAsFields = Objects.requireNonNull(tagsAsFields, "tagsAsFields");
  }

  /** The document for a span, its trace ID spelled as Jaeger's v1 writer spells it. */
  public SpanDocument toDocument(Span span) {
    return toDocument(span, span.traceId().toString());
  }

  /**
   * The document for a span with its trace ID (in the span and in same-trace references) spelled
   * {@code traceIdSpelling}: lets tests store the 32-character or legacy spellings that other
   * writers produced.
   */
  public SpanDocument toDocument(Span span, String traceIdSpelling) {
    Map<String, Object> tagFields = new LinkedHashMap<>();
    List<KeyValueDocument> tags = keyValues(span.tags(), tagFields, true);
    Map<String, Object> processFields = new LinkedHashMap<>();
    List<KeyValueDocument> processTags = keyValues(span.process().tags(), processFields, true);
    long micros = span.startTime();
    return new SpanDocument(
        traceIdSpelling,
        span.spanId().toString(),
        null,
        span.flags() == 0 ? null : Integer.toUnsignedLong(span.flags()),
        span.operationName(),
        references(span, traceIdSpelling),
        micros,
        Math.floorDiv(micros, 1000),
        span.duration(),
        tags,
        tagFields.isEmpty() ? null : tagFields,
        logs(span.logs()),
        new ProcessDocument(
            span.process().serviceName(),
            processTags,
            processFields.isEmpty() ? null : processFields));
  }

  private static List<ReferenceDocument> references(Span span, String traceIdSpelling) {
    List<ReferenceDocument> out = new ArrayList<>(span.references().size());
    for (SpanReference ref : span.references()) {
      TraceId refTrace = ref.traceId();
      out.add(
          new ReferenceDocument(
              ref.refType() == RefType.FOLLOWS_FROM ? "FOLLOWS_FROM" : "CHILD_OF",
              refTrace.equals(span.traceId()) ? traceIdSpelling : refTrace.toString(),
              ref.spanId().toString()));
    }
    return out;
  }

  private List<KeyValueDocument> keyValues(
      List<KeyValue> keyValues, Map<String, Object> fields, boolean fieldsAllowed) {
    List<KeyValueDocument> out = new ArrayList<>(keyValues.size());
    for (KeyValue kv : keyValues) {
      if (fieldsAllowed && kv.type() != ValueType.BINARY && tagsAsFields.asField(kv.key())) {
        fields.put(tagsAsFields.fieldName(kv.key()), jsonValue(kv));
      } else {
        out.add(new KeyValueDocument(kv.key(), kv.type().jaegerName(), jsonValue(kv)));
      }
    }
    return out;
  }

  private List<LogDocument> logs(List<SpanLog> logs) {
    List<LogDocument> out = new ArrayList<>(logs.size());
    for (SpanLog log : logs) {
      out.add(new LogDocument(log.timestamp(), keyValues(log.fields(), null, false)));
    }
    return out;
  }

  /**
   * The value as Jaeger ≥ 1.69 writes it: native for bool and int64, a number for finite float64
   * (NaN and infinities, which JSON cannot carry, as Go's text), hex for binary.
   */
  static Object jsonValue(KeyValue kv) {
    return switch (kv.type()) {
      case STRING, BOOL, INT64 -> kv.value();
      case FLOAT64 -> {
        double d = kv.doubleValue();
        yield Double.isFinite(d)
            ? new JsonNumber(io.sightline.gotext.GoFloats.format(d))
            : io.sightline.gotext.GoFloats.format(d);
      }
      case BINARY -> HexFormat.of().formatHex((byte[]) kv.value());
    };
  }
}
