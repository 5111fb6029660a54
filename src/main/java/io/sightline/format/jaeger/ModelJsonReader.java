package io.sightline.format.jaeger;

import io.sightline.format.TraceFileException;
import io.sightline.format.jaeger.ModelParts.RawSpan;
import io.sightline.gotext.GoDuration;
import io.sightline.trace.KeyValue;
import io.sightline.trace.RefType;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import io.sightline.trace.ValueType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Reads Jaeger's model JSON (gogo-protobuf {@code jsonpb} of {@code model.Trace} / {@code
 * model.Span}) token by token, so that every problem can be reported with its line and column.
 *
 * <p>What jsonpb accepts is accepted: camelCase or the proto's snake_case field names, {@code null}
 * for any field (meaning "absent"), enums by name or number, 64-bit integers as numbers or strings,
 * bytes in standard or URL-safe base64. Unlike jsonpb's lenient defaults, a span must have a trace
 * ID, a span ID and a process (inline or through the trace's {@code processMap}), since the domain
 * model cannot do without them, and a tag may not carry a non-default value in a field its {@code
 * vType} does not use (such a value would otherwise be dropped silently).
 */
final class ModelJsonReader extends JaegerJsonReader {

  ModelJsonReader(JsonParser parser) {
    super(parser);
  }

  /** A {@code model.Trace} object: {@code spans}, {@code processMap}, {@code warnings}. */
  Trace trace() {
    advance();
    expectStartObject("a trace object");
    Trace trace = traceBody();
    expectEnd();
    return trace;
  }

  /** A JSON array of {@code model.Span} objects, or a trace object (its spans). */
  List<Span> spans() {
    advance();
    if (parser.currentToken() == JsonToken.START_OBJECT) {
      List<Span> spans = traceBody().spans();
      expectEnd();
      return spans;
    }
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw error(location(), "expected an array of spans or a trace object, found " + describe());
    }
    List<Span> spans = new ArrayList<>();
    while (advance() != JsonToken.END_ARRAY) {
      spans.add(rawSpan().resolve(Map.of()));
    }
    expectEnd();
    return spans;
  }

  /** One {@code model.Span} object. */
  Span span() {
    advance();
    Span span = rawSpan().resolve(Map.of());
    expectEnd();
    return span;
  }

  /** The fields of a trace object whose start has been read. */
  private Trace traceBody() {
    List<RawSpan> spans = List.of();
    Map<String, TracedProcess> processMap = new HashMap<>();
    List<String> warnings = List.of();
    String name;
    while ((name = nextPresentField()) != null) {
      switch (name) {
        case "spans" -> spans = array("spans", this::rawSpan);
        case "processMap" -> processMap(processMap);
        case "warnings" -> warnings = array("warnings", () -> string("warning"));
        default -> throw unknownField("trace");
      }
    }
    // processMap may follow the spans, so processIds are resolved once the object is read.
    List<Span> resolved = new ArrayList<>(spans.size());
    for (RawSpan raw : spans) {
      resolved.add(raw.resolve(processMap));
    }
    return new Trace(resolved, warnings);
  }

  private void processMap(Map<String, TracedProcess> into) {
    array(
        "processMap",
        () -> {
          TokenStreamLocation start = expectStartObject("a processMap entry");
          String processId = null;
          TracedProcess process = null;
          String name;
          while ((name = nextPresentField()) != null) {
            switch (name) {
              case "processId" -> processId = string("processId");
              case "process" -> process = process();
              default -> throw unknownField("processMap entry");
            }
          }
          if (processId == null || process == null) {
            throw error(start, "processMap entry needs both processId and process");
          }
          into.put(processId, process);
          return null;
        });
  }

  private RawSpan rawSpan() {
    TokenStreamLocation start = expectStartObject("a span object");
    TraceId traceId = null;
    SpanId spanId = null;
    String operationName = "";
    List<SpanReference> references = List.of();
    int flags = 0;
    long startTime = 0;
    long duration = 0;
    List<KeyValue> tags = List.of();
    List<SpanLog> logs = List.of();
    TracedProcess process = null;
    String processId = null;
    TokenStreamLocation processIdLocation = null;
    List<String> warnings = List.of();
    String name;
    while ((name = nextPresentField()) != null) {
      switch (name) {
        case "traceId" -> traceId = traceId("traceId");
        case "spanId" -> spanId = spanId("spanId");
        case "operationName" -> operationName = string("operationName");
        case "references" -> references = array("references", this::reference);
        case "flags" -> flags = (int) uint32("flags");
        case "startTime" -> startTime = timestamp("startTime");
        case "duration" -> duration = durationMicros("duration");
        case "tags" -> tags = array("tags", this::keyValue);
        case "logs" -> logs = array("logs", this::log);
        case "process" -> process = process();
        case "processId" -> {
          processIdLocation = location();
          processId = string("processId");
        }
        case "warnings" -> warnings = array("warnings", () -> string("warning"));
        default -> throw unknownField("span");
      }
    }
    if (traceId == null) {
      throw error(start, "span has no traceId");
    }
    if (spanId == null) {
      throw error(start, "span has no spanId");
    }
    Span span =
        new Span(
            traceId,
            spanId,
            operationName,
            references,
            flags,
            startTime,
            duration,
            tags,
            logs,
            process == null ? new TracedProcess("", List.of()) : process,
            warnings);
    return new RawSpan(span, process != null, processId, start, processIdLocation);
  }

  private SpanReference reference() {
    TokenStreamLocation start = expectStartObject("a reference object");
    TraceId traceId = null;
    SpanId spanId = null;
    RefType refType = RefType.CHILD_OF;
    String name;
    while ((name = nextPresentField()) != null) {
      switch (name) {
        case "traceId" -> traceId = traceId("traceId");
        case "spanId" -> spanId = spanId("spanId");
        case "refType" -> refType = refType();
        default -> throw unknownField("reference");
      }
    }
    if (traceId == null || spanId == null) {
      throw error(start, "reference needs both traceId and spanId");
    }
    return new SpanReference(refType, traceId, spanId);
  }

  private RefType refType() {
    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      return switch (enumNumber("refType")) {
        case 0 -> RefType.CHILD_OF;
        case 1 -> RefType.FOLLOWS_FROM;
        default -> throw error(location(), "refType " + parser.getString() + " is not 0 or 1");
      };
    }
    String name = string("refType");
    return switch (name) {
      case "CHILD_OF" -> RefType.CHILD_OF;
      case "FOLLOWS_FROM" -> RefType.FOLLOWS_FROM;
      default ->
          throw error(location(), "refType '" + name + "' is not one of CHILD_OF, FOLLOWS_FROM");
    };
  }

  @Override
  protected KeyValue keyValue() {
    ModelParts.Tag tag = new ModelParts.Tag(expectStartObject("a key-value object"));
    String name;
    while ((name = nextPresentField()) != null) {
      TokenStreamLocation at = location();
      switch (name) {
        case "key" -> tag.key = string("key");
        case "vType" -> tag.type = valueType();
        case "vStr" -> tag.vStr(string(name), at);
        case "vBool" -> tag.vBool(bool(name), at);
        case "vInt64" -> tag.vInt64(int64(name), at);
        case "vFloat64" -> tag.vFloat64(float64(name), at);
        case "vBinary" -> tag.vBinary(bytes(name), at);
        default -> throw unknownField("key-value");
      }
    }
    return tag.build();
  }

  private ValueType valueType() {
    ValueType[] byNumber = {
      ValueType.STRING, ValueType.BOOL, ValueType.INT64, ValueType.FLOAT64, ValueType.BINARY
    };
    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      int number = enumNumber("vType");
      if (number < 0 || number >= byNumber.length) {
        throw error(location(), "vType " + number + " is not one of 0..4");
      }
      return byNumber[number];
    }
    String name = string("vType");
    for (ValueType type : byNumber) {
      if (type.name().equals(name)) {
        return type;
      }
    }
    throw error(
        location(), "vType '" + name + "' is not one of STRING, BOOL, INT64, FLOAT64, BINARY");
  }

  // ---- scalar values ----

  private int enumNumber(String what) {
    if (parser.getNumberType() != JsonParser.NumberType.INT) {
      throw error(location(), what + " " + parser.getString() + " is out of range");
    }
    return parser.getIntValue();
  }

  private TraceId traceId(String what) {
    return TraceId.fromBytes(id(what, 16));
  }

  private SpanId spanId(String what) {
    return SpanId.fromBytes(id(what, 8));
  }

  /** An ID of {@code size} bytes in base64. */
  private byte[] id(String what, int size) {
    byte[] bytes = bytes(what);
    if (bytes.length != size) {
      throw error(
          location(),
          what
              + " must be "
              + size
              + " bytes in base64, found "
              + bytes.length
              + " bytes: "
              + describe());
    }
    return bytes;
  }

  /** An RFC 3339 timestamp, as microseconds since the epoch (nanoseconds truncated, as Jaeger). */
  @Override
  protected long timestamp(String what) {
    String text = string(what);
    try {
      Instant instant =
          OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      return Math.addExact(
          Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw error(location(), what + " '" + abbreviate(text) + "' is not an RFC 3339 timestamp");
    }
  }

  /** A Go duration string, as microseconds (nanoseconds truncated, as Jaeger). */
  private long durationMicros(String what) {
    String text = string(what);
    try {
      return GoDuration.parse(text).toNanos() / 1_000;
    } catch (IllegalArgumentException e) {
      throw error(location(), what + ": " + e.getMessage());
    }
  }

  // ---- structure ----

  /** The current field's name, with the proto's snake_case spelling mapped to jsonpb camelCase. */
  @Override
  protected String fieldName() {
    return ModelParts.camelCase(parser.currentName());
  }

  @Override
  protected void otherField(String where) {
    throw unknownField(where);
  }

  private TraceFileException unknownField(String where) {
    return error(fieldLocation, "unknown field '" + parser.currentName() + "' in " + where);
  }
}
