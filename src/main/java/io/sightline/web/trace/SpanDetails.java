package io.sightline.web.trace;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.ValueType;
import io.sightline.web.Formats;
import io.sightline.web.ServicePalette;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything the span detail panel (and page) shows about one span. Values are plain strings: the
 * template escapes them.
 *
 * @param traceId the trace ID
 * @param spanId the span ID
 * @param occurrence 0, or which duplicate of the span ID this is
 * @param operation the operation name
 * @param service the service name
 * @param slot the service's colour slot
 * @param kind the span kind, or {@code ""}
 * @param error whether the span is marked as failed
 * @param duration the duration, formatted
 * @param startOffset start relative to the trace start, formatted ({@code +1.2ms})
 * @param startMicros start, µs since the epoch
 * @param tags span tags, sorted by key
 * @param processTags process tags, sorted by key
 * @param logs logs, in time order
 * @param references references and links
 * @param warnings warnings from storage, the adjusters and the timeline
 */
public record SpanDetails(
    String traceId,
    String spanId,
    int occurrence,
    String operation,
    String service,
    int slot,
    String kind,
    boolean error,
    String duration,
    String startOffset,
    long startMicros,
    List<Tag> tags,
    List<Tag> processTags,
    List<Log> logs,
    List<Reference> references,
    List<String> warnings) {

  /** Values longer than this are not parsed as JSON for pretty-printing. */
  private static final int MAX_JSON_CHARS = 256 * 1024;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * A tag or log field.
   *
   * @param key the key
   * @param value the value as text (binary in base64, as in Jaeger's JSON)
   * @param type {@code string}, {@code bool}, {@code int64}, {@code float64} or {@code binary}
   * @param json the value pretty-printed, when it is a JSON object or array; otherwise {@code null}
   */
  public record Tag(String key, String value, String type, String json) {}

  /**
   * A log (event).
   *
   * @param offset time since the trace start, formatted
   * @param spanOffset time since the span start, formatted
   * @param micros µs since the epoch
   * @param fields the fields, as stored (the adjusters put {@code event} first)
   */
  public record Log(String offset, String spanOffset, long micros, List<Tag> fields) {}

  /**
   * A reference or link.
   *
   * @param type {@code CHILD_OF} or {@code FOLLOWS_FROM}
   * @param traceId the referenced trace
   * @param spanId the referenced span
   * @param sameTrace whether it points into this trace
   * @param found whether the referenced span is in this trace
   * @param service the referenced span's service, when found
   * @param operation the referenced span's operation, when found
   */
  public record Reference(
      String type,
      String traceId,
      String spanId,
      boolean sameTrace,
      boolean found,
      String service,
      String operation) {}

  static SpanDetails of(TraceView view, int row, int occurrence) {
    Span span = view.span(row);
    long traceStart = view.traceStart;
    List<Log> logs = new ArrayList<>(span.logs().size());
    for (SpanLog log : span.logs()) {
      logs.add(
          new Log(
              "+" + Formats.duration(log.timestamp() - traceStart),
              "+" + Formats.duration(log.timestamp() - span.startTime()),
              log.timestamp(),
              tags(log.fields(), false)));
    }
    logs.sort(Comparator.comparingLong(Log::micros));
    List<Reference> references = new ArrayList<>();
    for (SpanReference ref : span.references()) {
      boolean sameTrace = ref.traceId().equals(span.traceId());
      int target = sameTrace ? view.rowOf(ref.spanId(), 0) : -1;
      references.add(
          new Reference(
              ref.refType().name(),
              ref.traceId().toString(),
              ref.spanId().toString(),
              sameTrace,
              target >= 0,
              target >= 0 ? view.serviceName(target) : null,
              target >= 0 ? view.operationName(target) : null));
    }
    List<String> warnings = new ArrayList<>(span.warnings());
    int flags = view.flags[row];
    if ((flags & RowFlags.ORPHAN) != 0) {
      SpanReference parent = firstSameTraceReference(span);
      warnings.add(
          "The parent span "
              + (parent == null ? "" : parent.spanId() + " ")
              + "is not in the trace: this span is shown as a root.");
    }
    if ((flags & RowFlags.DUPLICATE_ID) != 0) {
      warnings.add("Another span of this trace has the same span ID.");
    }
    if ((flags & RowFlags.CYCLE_CUT) != 0) {
      warnings.add("This span's parent references form a cycle: it is shown as a root.");
    }
    return new SpanDetails(
        view.header.traceId(),
        span.spanId().toString(),
        occurrence,
        span.operationName(),
        span.process().serviceName(),
        ServicePalette.slot(view.service[row]),
        SpanHints.kindName(RowFlags.kind(flags)),
        (flags & RowFlags.ERROR) != 0,
        Formats.duration(view.duration[row]),
        "+" + Formats.duration(view.start[row]),
        span.startTime(),
        tags(span.tags(), true),
        tags(span.process().tags(), true),
        logs,
        references,
        warnings);
  }

  private static SpanReference firstSameTraceReference(Span span) {
    for (SpanReference ref : span.references()) {
      if (ref.traceId().equals(span.traceId())) {
        return ref;
      }
    }
    return null;
  }

  private static List<Tag> tags(List<KeyValue> keyValues, boolean sort) {
    List<Tag> tags = new ArrayList<>(keyValues.size());
    for (KeyValue kv : keyValues) {
      String value = SpanMatcher.valueText(kv);
      tags.add(
          new Tag(
              kv.key(),
              value,
              kv.type().jaegerName(),
              kv.type() == ValueType.STRING ? prettyJson(value) : null));
    }
    if (sort) {
      tags.sort(Comparator.comparing(Tag::key)); // stable: equal keys keep their order
    }
    return tags;
  }

  /** The value pretty-printed when it is a JSON object or array, else {@code null}. */
  static String prettyJson(String value) {
    String s = value.strip();
    if (s.length() < 2 || s.length() > MAX_JSON_CHARS) {
      return null;
    }
    char first = s.charAt(0);
    char last = s.charAt(s.length() - 1);
    if (!((first == '{' && last == '}') || (first == '[' && last == ']'))) {
      return null;
    }
    try {
      JsonNode tree = JSON.readTree(s);
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    } catch (JacksonException e) {
      return null; // looks like JSON but is not: shown as text
    }
  }
}
