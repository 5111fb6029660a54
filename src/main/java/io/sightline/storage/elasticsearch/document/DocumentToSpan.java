package io.sightline.storage.elasticsearch.document;

import io.sightline.trace.KeyValue;
import io.sightline.trace.RefType;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import io.sightline.trace.ValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a stored span document into a domain span, whichever Jaeger version wrote it:
 *
 * <ul>
 *   <li>tag values as strings (≤ v1.68) or native JSON types (≥ v1.69); {@code type} decides;
 *   <li>binary values as hex;
 *   <li>tags-as-fields ({@code tag}, {@code process.tag}) appended after the nested tags, the type
 *       inferred from the JSON value and the dot replacement undone;
 *   <li>{@code null} for any list;
 *   <li>{@code parentSpanID} (v2.20+) turned into a CHILD_OF reference at position 0 when no such
 *       reference exists;
 *   <li>trace IDs in 16, 32 or leading-zero-stripped spelling.
 * </ul>
 *
 * <p>A malformed document never fails the trace: a value that does not fit its type is kept as a
 * string tag, a missing field takes a neutral value, and each problem becomes a warning on the
 * span. Thread-safe.
 */
public final class DocumentToSpan {

  private final String dotReplacement;

  /**
   * @param dotReplacement the text that stands for {@code .} in tags-as-fields keys ({@code @} by
   *     default); empty means keys are taken as they are
   */
  public DocumentToSpan(String dotReplacement) {
    this.dotReplacement = Objects.requireNonNull(dotReplacement, "dotReplacement");
  }

  /**
   * Maps one document.
   *
   * @param doc the decoded {@code _source}
   * @param expectedTraceId the trace the document was fetched for, used when its own ID is missing
   *     or unreadable; may be null
   * @param decodeProblems problems met while decoding the document (fields of the wrong JSON type),
   *     which become warnings
   * @throws IllegalArgumentException only when neither the document nor the caller gives a trace ID
   */
  public Span toSpan(SpanDocument doc, TraceId expectedTraceId, List<String> decodeProblems) {
    List<String> warnings = new ArrayList<>(decodeProblems);
    TraceId traceId = traceId(doc.traceId(), expectedTraceId, warnings);
    SpanId spanId = spanId(doc.spanId(), "spanID", warnings);
    if (spanId == null) {
      spanId = new SpanId(0);
    }
    String operationName = doc.operationName();
    if (operationName == null) {
      warnings.add("span document has no operationName");
      operationName = "";
    }
    List<SpanReference> references = references(doc, traceId, warnings);
    long startTime;
    if (doc.startTime() != null) {
      startTime = doc.startTime();
    } else if (doc.startTimeMillis() != null) {
      startTime = doc.startTimeMillis() * 1000;
      warnings.add("span document has no startTime; using startTimeMillis");
    } else {
      startTime = 0;
      warnings.add("span document has no startTime");
    }
    long duration = 0;
    if (doc.duration() != null) {
      duration = doc.duration();
    } else {
      warnings.add("span document has no duration");
    }
    List<KeyValue> tags = keyValues(doc.tags(), "tag", warnings);
    appendTagFields(doc.tag(), tags, "tag", warnings);
    return new Span(
        traceId,
        spanId,
        operationName,
        references,
        doc.flags() == null ? 0 : doc.flags().intValue(),
        startTime,
        duration,
        tags,
        logs(doc.logs(), warnings),
        process(doc.process(), warnings),
        warnings);
  }

  private static TraceId traceId(String text, TraceId expected, List<String> warnings) {
    if (text != null && !text.isEmpty()) {
      try {
        return TraceId.parse(text);
      } catch (IllegalArgumentException e) {
        warnings.add("invalid traceID \"" + text + "\": " + e.getMessage());
      }
    } else {
      warnings.add("span document has no traceID");
    }
    if (expected == null) {
      throw new IllegalArgumentException("span document without a usable traceID");
    }
    return expected;
  }

  private static SpanId spanId(String text, String field, List<String> warnings) {
    if (text == null || text.isEmpty()) {
      warnings.add("span document has no " + field);
      return null;
    }
    try {
      return SpanId.parse(text);
    } catch (IllegalArgumentException e) {
      warnings.add("invalid " + field + " \"" + text + "\": " + e.getMessage());
      return null;
    }
  }

  private static List<SpanReference> references(
      SpanDocument doc, TraceId traceId, List<String> warnings) {
    List<ReferenceDocument> stored = doc.references() == null ? List.of() : doc.references();
    List<SpanReference> references = new ArrayList<>(stored.size() + 1);
    for (ReferenceDocument ref : stored) {
      if (ref == null) {
        continue;
      }
      TraceId refTrace;
      try {
        refTrace =
            ref.traceId() == null || ref.traceId().isEmpty()
                ? traceId
                : TraceId.parse(ref.traceId());
      } catch (IllegalArgumentException e) {
        warnings.add("reference with invalid traceID \"" + ref.traceId() + "\" left out");
        continue;
      }
      SpanId refSpan = spanId(ref.spanId(), "reference spanID", warnings);
      if (refSpan == null) {
        continue;
      }
      references.add(new SpanReference(RefType.fromJaegerName(ref.refType()), refTrace, refSpan));
    }
    String parent = doc.parentSpanId();
    if (parent != null && !parent.isEmpty()) {
      SpanId parentId = spanId(parent, "parentSpanID", warnings);
      if (parentId != null && !parentId.equals(new SpanId(0))) {
        SpanReference childOf = SpanReference.childOf(traceId, parentId);
        if (!references.contains(childOf)) {
          references.add(0, childOf);
        }
      }
    }
    return references;
  }

  private List<KeyValue> keyValues(
      List<KeyValueDocument> stored, String what, List<String> warnings) {
    if (stored == null || stored.isEmpty()) {
      return new ArrayList<>(0);
    }
    List<KeyValue> out = new ArrayList<>(stored.size());
    for (KeyValueDocument kv : stored) {
      if (kv != null) {
        out.add(keyValue(kv, what, warnings));
      }
    }
    return out;
  }

  /** A nested key-value, its value read as its declared type. */
  static KeyValue keyValue(KeyValueDocument kv, String what, List<String> warnings) {
    String key = kv.key();
    if (key == null) {
      warnings.add(what + " without a key");
      key = "";
    }
    Object value = kv.value();
    ValueType type = ValueType.fromJaegerName(kv.type());
    if (type == null) {
      warnings.add(
          what
              + " \""
              + key
              + "\" has "
              + (kv.type() == null ? "no type" : "unknown type \"" + kv.type() + "\"")
              + "; read as "
              + inferredName(value));
      return inferred(key, value, what, warnings);
    }
    if (value == null) {
      warnings.add(what + " \"" + key + "\" has no value");
      return KeyValue.string(key, "");
    }
    KeyValue typed = typed(key, type, value);
    if (typed != null) {
      return typed;
    }
    String text = value.toString();
    warnings.add(
        what
            + " \""
            + key
            + "\": invalid "
            + type.jaegerName()
            + " value "
            + quote(value)
            + "; kept as a string");
    return KeyValue.string(key, text);
  }

  private static KeyValue typed(String key, ValueType type, Object value) {
    return switch (type) {
      case STRING -> value instanceof JsonStructure ? null : KeyValue.string(key, value.toString());
      case BOOL -> {
        Boolean b =
            value instanceof Boolean bool
                ? bool
                : (value instanceof String || value instanceof JsonNumber)
                    ? GoText.parseBool(value.toString())
                    : null;
        yield b == null ? null : KeyValue.bool(key, b);
      }
      case INT64 -> {
        Long l =
            value instanceof String s
                ? GoText.parseInt(s)
                : value instanceof JsonNumber n ? exactLong(n) : null;
        yield l == null ? null : KeyValue.int64(key, l);
      }
      case FLOAT64 -> {
        Double d =
            value instanceof String s
                ? GoText.parseFloat(s)
                : value instanceof JsonNumber n ? Double.valueOf(n.text()) : null;
        yield d == null ? null : KeyValue.float64(key, d);
      }
      case BINARY -> {
        byte[] bytes = value instanceof String s ? GoText.parseHex(s) : null;
        yield bytes == null ? null : new KeyValue(key, ValueType.BINARY, bytes);
      }
    };
  }

  /** An integral JSON number that fits an int64 ({@code 5}, also {@code 5.0}), else null. */
  private static Long exactLong(JsonNumber number) {
    if (number.isIntegral()) {
      return GoText.parseInt(number.text());
    }
    try {
      return new BigDecimal(number.text()).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  /** A value typed by its JSON token (tags-as-fields, or a nested tag without a type). */
  private static KeyValue inferred(String key, Object value, String what, List<String> warnings) {
    if (value instanceof String s) {
      return KeyValue.string(key, s);
    }
    if (value instanceof Boolean b) {
      return KeyValue.bool(key, b);
    }
    if (value instanceof JsonNumber n) {
      Long l = n.isIntegral() ? GoText.parseInt(n.text()) : null;
      return l != null
          ? KeyValue.int64(key, l)
          : KeyValue.float64(key, Double.parseDouble(n.text()));
    }
    if (value == null) {
      warnings.add(what + " \"" + key + "\" has no value");
      return KeyValue.string(key, "");
    }
    warnings.add(what + " \"" + key + "\": a JSON structure is not a tag value; kept as a string");
    return KeyValue.string(key, value.toString());
  }

  private static String inferredName(Object value) {
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof JsonNumber n) {
      return n.isIntegral() ? "int64" : "float64";
    }
    return "string";
  }

  private void appendTagFields(
      Map<String, Object> fields, List<KeyValue> out, String what, List<String> warnings) {
    if (fields == null || fields.isEmpty()) {
      return;
    }
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      String key =
          dotReplacement.isEmpty() ? field.getKey() : field.getKey().replace(dotReplacement, ".");
      out.add(inferred(key, field.getValue(), what, warnings));
    }
  }

  private List<SpanLog> logs(List<LogDocument> stored, List<String> warnings) {
    if (stored == null || stored.isEmpty()) {
      return List.of();
    }
    List<SpanLog> out = new ArrayList<>(stored.size());
    for (LogDocument log : stored) {
      if (log == null) {
        continue;
      }
      long timestamp = 0;
      if (log.timestamp() != null) {
        timestamp = log.timestamp();
      } else {
        warnings.add("log without a timestamp");
      }
      out.add(new SpanLog(timestamp, keyValues(log.fields(), "log field", warnings)));
    }
    return out;
  }

  private TracedProcess process(ProcessDocument stored, List<String> warnings) {
    if (stored == null) {
      warnings.add("span document has no process");
      return new TracedProcess("", List.of());
    }
    String serviceName = stored.serviceName();
    if (serviceName == null) {
      warnings.add("process has no serviceName");
      serviceName = "";
    }
    List<KeyValue> tags = keyValues(stored.tags(), "process tag", warnings);
    appendTagFields(stored.tag(), tags, "process tag", warnings);
    return new TracedProcess(serviceName, tags);
  }

  private static String quote(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }
}
