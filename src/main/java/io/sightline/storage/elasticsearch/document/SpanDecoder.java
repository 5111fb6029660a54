package io.sightline.storage.elasticsearch.document;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sightline.trace.KeyValue;
import io.sightline.trace.RefType;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decodes a stored span document ({@code _source}, spec §3.2) straight from the parser into a
 * domain span, whichever Jaeger version wrote it, with no document in between:
 *
 * <ul>
 *   <li>tag values as strings (≤ v1.68) or native JSON types (≥ v1.69), binary as hex, and
 *       tags-as-fields appended after the nested tags ({@link TagReader});
 *   <li>{@code null} for any list; fields in any order; unknown fields skipped;
 *   <li>{@code parentSpanID} (v2.20+) turned into a CHILD_OF reference at position 0 when no such
 *       reference exists;
 *   <li>trace IDs in 16, 32 or leading-zero-stripped spelling, 64 or 128 bits.
 * </ul>
 *
 * <p>A malformed document never fails the trace: a field of the wrong JSON type reads as absent, a
 * value that does not fit its type is kept as a string tag, a missing field takes a neutral value,
 * and each problem becomes a warning on the span. Strings that repeat from span to span are shared
 * ({@link TextCache}), and so is each distinct process ({@link ProcessInterner}).
 *
 * <p>Not thread-safe: one per response being read.
 */
public final class SpanDecoder {

  private final SourceFields fields = new SourceFields();
  private final TagReader tagReader;
  private final ProcessInterner processes = new ProcessInterner();
  private final boolean withLogs;

  // The document being read; scratch lists are reused from span to span.
  private TraceId traceId;
  private String traceIdWarning;
  private SpanId spanId;
  private String spanIdWarning;
  private SpanId parentSpanId;
  private String parentWarning;
  private String operationName;
  private int flags;
  private boolean hasStartTime;
  private long startTime;
  private boolean hasStartTimeMillis;
  private long startTimeMillis;
  private boolean hasDuration;
  private long duration;
  private TracedProcess process;
  private final List<RefType> refTypes = new ArrayList<>();
  private final List<TraceId> refTraces = new ArrayList<>();
  private final List<SpanId> refSpans = new ArrayList<>();
  private final List<KeyValue> tags = new ArrayList<>();
  private final List<KeyValue> tagFields = new ArrayList<>();
  private final List<SpanLog> logs = new ArrayList<>();
  private final List<KeyValue> scratch = new ArrayList<>();
  private final List<KeyValue> scratchFields = new ArrayList<>();
  private final List<String> refWarnings = new ArrayList<>();
  private final List<String> tagWarnings = new ArrayList<>();
  private final List<String> tagFieldWarnings = new ArrayList<>();
  private final List<String> logWarnings = new ArrayList<>();
  private final List<String> processWarnings = new ArrayList<>();
  private final List<String> scratchWarnings = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<SpanReference> references = new ArrayList<>();

  /**
   * @param dotReplacement the text that stands for {@code .} in tags-as-fields keys ({@code @} by
   *     default); empty means keys are taken as they are
   */
  public SpanDecoder(String dotReplacement) {
    this(dotReplacement, true);
  }

  private SpanDecoder(String dotReplacement, boolean withLogs) {
    this.tagReader = new TagReader(fields, Objects.requireNonNull(dotReplacement));
    this.withLogs = withLogs;
  }

  /**
   * A decoder for the dependency links of a whole day ({@code DependencyLinker}): the same spans,
   * but without their logs, which linking never reads and which are most of a span's fields; the
   * {@code logs} array is skipped unread (and its problems give no warning).
   */
  public static SpanDecoder forLinking(String dotReplacement) {
    return new SpanDecoder(dotReplacement, false);
  }

  /**
   * Reads the document at the parser's current token ({@code START_OBJECT}); afterwards the parser
   * is on that object's {@code END_OBJECT}.
   *
   * @param expectedTraceId the trace the document was fetched for, used when its own ID is missing
   *     or unreadable; may be null
   * @throws IllegalArgumentException only when neither the document nor the caller gives a trace ID
   */
  public Span decode(JsonParser p, TraceId expectedTraceId) throws IOException {
    reset();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "traceID" -> {
          traceId = fields.traceId(p, field);
          traceIdWarning =
              fields.badIdText == null
                  ? null
                  : "invalid traceID \"" + fields.badIdText + "\": " + fields.badIdReason;
        }
        case "spanID" -> {
          spanId = fields.spanId(p, field);
          spanIdWarning = idWarning("spanID");
        }
        case "parentSpanID" -> {
          parentSpanId = fields.spanId(p, field);
          parentWarning = idWarning("parentSpanID");
        }
        case "flags" -> flags = fields.readLong(p, field) ? (int) fields.longValue : 0;
        case "operationName" -> operationName = fields.string(p, field);
        case "references" -> readReferences(p);
        case "startTime" -> {
          hasStartTime = fields.readLong(p, field);
          startTime = fields.longValue;
        }
        case "startTimeMillis" -> {
          hasStartTimeMillis = fields.readLong(p, field);
          startTimeMillis = fields.longValue;
        }
        case "duration" -> {
          hasDuration = fields.readLong(p, field);
          duration = fields.longValue;
        }
        case "tags" -> tagReader.readList(p, field, tags, "tag", tagWarnings);
        case "tag" -> tagReader.readFields(p, field, tagFields, "tag", tagFieldWarnings);
        case "logs" -> {
          if (withLogs) {
            readLogs(p);
          } else {
            p.skipChildren();
          }
        }
        case "process" -> readProcess(p);
        default -> p.skipChildren();
      }
    }
    return span(expectedTraceId);
  }

  /** The text of the parser's current scalar, shared with earlier equal texts of this response. */
  public String text(JsonParser p) throws IOException {
    return fields.text.text(p);
  }

  private void reset() {
    traceId = null;
    traceIdWarning = null;
    spanId = null;
    spanIdWarning = null;
    parentSpanId = null;
    parentWarning = null;
    operationName = null;
    flags = 0;
    hasStartTime = false;
    hasStartTimeMillis = false;
    hasDuration = false;
    process = null;
    fields.problems.clear();
    refTypes.clear();
    refTraces.clear();
    refSpans.clear();
    tags.clear();
    tagFields.clear();
    logs.clear();
    refWarnings.clear();
    tagWarnings.clear();
    tagFieldWarnings.clear();
    logWarnings.clear();
    processWarnings.clear();
  }

  /** The warning for the span ID just read, or null. */
  private String idWarning(String field) {
    return fields.badIdText == null
        ? null
        : "invalid " + field + " \"" + fields.badIdText + "\": " + fields.badIdReason;
  }

  private void readReferences(JsonParser p) throws IOException {
    if (!fields.starts(p, JsonToken.START_ARRAY, "references")) {
      return;
    }
    while (fields.nextObject(p, "references")) {
      String refType = null;
      TraceId refTrace = null;
      String badTrace = null;
      SpanId refSpan = null;
      String spanWarning = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "refType" -> refType = fields.string(p, field);
          case "traceID" -> {
            refTrace = fields.traceId(p, field);
            badTrace = fields.badIdText;
          }
          case "spanID" -> {
            refSpan = fields.spanId(p, field);
            spanWarning = idWarning("reference spanID");
          }
          default -> p.skipChildren();
        }
      }
      if (badTrace != null) {
        refWarnings.add("reference with invalid traceID \"" + badTrace + "\" left out");
      } else if (refSpan == null) {
        refWarnings.add(
            spanWarning == null ? "span document has no reference spanID" : spanWarning);
      } else {
        refTypes.add(RefType.fromJaegerName(refType));
        refTraces.add(refTrace); // null: the span's own trace
        refSpans.add(refSpan);
      }
    }
  }

  private void readLogs(JsonParser p) throws IOException {
    if (!fields.starts(p, JsonToken.START_ARRAY, "logs")) {
      return;
    }
    while (fields.nextObject(p, "logs")) {
      boolean hasTimestamp = false;
      long timestamp = 0;
      int firstWarning = logWarnings.size();
      scratch.clear();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "timestamp" -> {
            hasTimestamp = fields.readLong(p, field);
            timestamp = hasTimestamp ? fields.longValue : 0;
          }
          case "fields" -> tagReader.readList(p, field, scratch, "log field", logWarnings);
          default -> p.skipChildren();
        }
      }
      if (!hasTimestamp) {
        logWarnings.add(firstWarning, "log without a timestamp");
      }
      logs.add(new SpanLog(timestamp, List.copyOf(scratch)));
    }
  }

  private void readProcess(JsonParser p) throws IOException {
    if (!fields.starts(p, JsonToken.START_OBJECT, "process")) {
      return;
    }
    String serviceName = null;
    scratch.clear();
    scratchFields.clear();
    scratchWarnings.clear();
    processWarnings.clear();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "serviceName" -> serviceName = fields.string(p, field);
        case "tags" -> tagReader.readList(p, field, scratch, "process tag", processWarnings);
        case "tag" -> tagReader.readFields(p, field, scratchFields, "process tag", scratchWarnings);
        default -> p.skipChildren();
      }
    }
    if (serviceName == null) {
      processWarnings.add(0, "process has no serviceName");
      serviceName = "";
    }
    processWarnings.addAll(scratchWarnings);
    scratch.addAll(scratchFields);
    process = processes.intern(serviceName, scratch);
  }

  private Span span(TraceId expectedTraceId) {
    warnings.clear();
    warnings.addAll(fields.problems);
    TraceId trace = traceId;
    if (trace == null) {
      warnings.add(traceIdWarning == null ? "span document has no traceID" : traceIdWarning);
      if (expectedTraceId == null) {
        throw new IllegalArgumentException("span document without a usable traceID");
      }
      trace = expectedTraceId;
    }
    SpanId id = spanId;
    if (id == null) {
      warnings.add(spanIdWarning == null ? "span document has no spanID" : spanIdWarning);
      id = new SpanId(0);
    }
    String operation = operationName;
    if (operation == null) {
      warnings.add("span document has no operationName");
      operation = "";
    }
    warnings.addAll(refWarnings);
    List<SpanReference> spanReferences = references(trace);
    long start = startTime;
    if (!hasStartTime) {
      if (hasStartTimeMillis) {
        start = startTimeMillis * 1000;
        warnings.add("span document has no startTime; using startTimeMillis");
      } else {
        start = 0;
        warnings.add("span document has no startTime");
      }
    }
    if (!hasDuration) {
      duration = 0;
      warnings.add("span document has no duration");
    }
    warnings.addAll(tagWarnings);
    warnings.addAll(tagFieldWarnings);
    warnings.addAll(logWarnings);
    TracedProcess spanProcess = process;
    if (spanProcess == null) {
      warnings.add("span document has no process");
      spanProcess = processes.intern("", List.of());
    } else {
      warnings.addAll(processWarnings);
    }
    tags.addAll(tagFields);
    return new Span(
        trace,
        id,
        operation,
        spanReferences,
        flags,
        start,
        duration,
        List.copyOf(tags),
        logs.isEmpty() ? List.of() : List.copyOf(logs),
        spanProcess,
        warnings.isEmpty() ? List.of() : List.copyOf(warnings));
  }

  private List<SpanReference> references(TraceId trace) {
    SpanReference childOf = null;
    if (parentWarning != null) {
      warnings.add(parentWarning);
    } else if (parentSpanId != null && parentSpanId.value() != 0) {
      childOf = SpanReference.childOf(trace, parentSpanId);
    }
    int n = refSpans.size();
    if (n == 0) {
      return childOf == null ? List.of() : List.of(childOf);
    }
    references.clear();
    for (int i = 0; i < n; i++) {
      TraceId refTrace = refTraces.get(i);
      references.add(
          new SpanReference(refTypes.get(i), refTrace == null ? trace : refTrace, refSpans.get(i)));
    }
    if (childOf != null && !references.contains(childOf)) {
      references.add(0, childOf);
    }
    return List.copyOf(references);
  }
}
