package io.sightline.format.jaeger;

import io.sightline.format.jaeger.UiTraceParts.RawSpan;
import io.sightline.format.jaeger.UiTraceParts.TraceBuilder;
import io.sightline.trace.KeyValue;
import io.sightline.trace.RefType;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import io.sightline.trace.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Reads Jaeger UI JSON token by token (see {@link JaegerUiJson}), so that every problem is reported
 * with its line and column and a file of many traces streams trace by trace.
 */
final class UiJsonReader extends JaegerJsonReader {

  private final Consumer<Trace> sink;

  UiJsonReader(JsonParser parser, Consumer<Trace> sink) {
    super(parser);
    this.sink = sink;
  }

  /** Every top-level value until the end of the input. */
  void readAll() {
    if (parser.nextToken() == null) {
      throw error(location(), "no JSON value: the input is empty");
    }
    do {
      switch (parser.currentToken()) {
        case START_ARRAY -> {
          while (advance() != JsonToken.END_ARRAY) {
            emit(trace());
          }
        }
        case START_OBJECT -> topLevelObject();
        default ->
            throw error(
                location(),
                "expected Jaeger UI JSON ({\"data\":[traces]}, a trace object or an array of"
                    + " traces), found "
                    + describe());
      }
    } while (parser.nextToken() != null);
  }

  /** {@code {"data":[…], …}} or one trace object; the fields say which. */
  private void topLevelObject() {
    TokenStreamLocation start = location();
    TraceBuilder trace = null;
    boolean envelope = false;
    List<String> apiErrors = new ArrayList<>();
    int traces = 0;
    while (nextField()) {
      String name = parser.currentName();
      TokenStreamLocation fieldAt = location();
      advance();
      switch (name) {
        case "data" -> {
          envelope = true;
          if (trace != null) {
            throw error(fieldAt, "an object cannot be both a trace and a {\"data\":…} envelope");
          }
          if (parser.currentToken() == JsonToken.VALUE_NULL) {
            continue;
          }
          expect(JsonToken.START_ARRAY, "data must be an array of traces");
          while (advance() != JsonToken.END_ARRAY) {
            emit(trace());
            traces++;
          }
        }
        case "errors" -> {
          envelope = true;
          apiErrors.addAll(apiErrors());
        }
        case "total", "limit", "offset" -> {
          envelope = true;
          parser.skipChildren();
        }
        case "traceID", "spans", "processes", "warnings" -> {
          if (envelope) {
            throw error(fieldAt, "an object cannot be both a trace and a {\"data\":…} envelope");
          }
          if (trace == null) {
            trace = new TraceBuilder();
          }
          traceField(name, trace);
        }
        default -> parser.skipChildren();
      }
    }
    if (trace != null) {
      emit(trace.build());
    } else if (!apiErrors.isEmpty() && traces == 0) {
      throw error(
          start, "the file holds Jaeger API errors, no traces: " + String.join("; ", apiErrors));
    } else if (!envelope) {
      throw error(
          start,
          "expected Jaeger UI JSON: an object with \"data\" (an API answer) or with \"traceID\" and"
              + " \"spans\" (one trace)");
    }
  }

  private void emit(Trace trace) {
    if (!trace.spans().isEmpty()) {
      sink.accept(trace);
    }
  }

  /** {@code [{"code":404,"msg":"trace not found","traceID":"…"}]}, as readable lines. */
  private List<String> apiErrors() {
    List<String> errors = new ArrayList<>();
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return errors;
    }
    expect(JsonToken.START_ARRAY, "errors must be an array");
    while (advance() != JsonToken.END_ARRAY) {
      expect(JsonToken.START_OBJECT, "an error must be an object");
      String code = "";
      String message = "";
      String traceId = "";
      while (nextField()) {
        String name = parser.currentName();
        advance();
        switch (name) {
          case "code" -> code = parser.getString();
          case "msg" -> message = parser.getString();
          case "traceID" -> traceId = parser.getString();
          default -> parser.skipChildren();
        }
      }
      errors.add(
          (code == null || code.isEmpty() ? "" : code + " ")
              + message
              + (traceId == null || traceId.isEmpty() ? "" : " (trace " + traceId + ")"));
    }
    return errors;
  }

  // ---- traces ----

  private Trace trace() {
    expect(JsonToken.START_OBJECT, "expected a trace");
    TraceBuilder trace = new TraceBuilder();
    while (nextField()) {
      String name = parser.currentName();
      advance();
      traceField(name, trace);
    }
    return trace.build();
  }

  private void traceField(String name, TraceBuilder trace) {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    switch (name) {
      case "traceID" -> trace.traceId = traceId("traceID");
      case "spans" -> trace.spans.addAll(array("spans", this::span));
      case "processes" -> processes(trace.processes);
      case "warnings" -> trace.warnings.addAll(array("warnings", () -> string("warning")));
      default -> parser.skipChildren();
    }
  }

  private void processes(Map<String, TracedProcess> into) {
    expect(JsonToken.START_OBJECT, "processes must be an object of process IDs");
    while (nextField()) {
      String id = parser.currentName();
      advance();
      into.put(id, process());
    }
  }

  private RawSpan span() {
    TokenStreamLocation start = expect(JsonToken.START_OBJECT, "expected a span object");
    RawSpan span = new RawSpan(start);
    String name;
    while ((name = nextPresentField()) != null) {
      switch (name) {
        case "traceID" -> span.traceId = traceId("traceID");
        case "spanID" -> span.spanId = spanId("spanID");
        case "operationName" -> span.operationName = string("operationName");
        case "references" -> span.references = array("references", this::reference);
        case "flags" -> span.flags = (int) uint32("flags");
        case "startTime" -> span.startTime = uint64("startTime");
        case "duration" -> span.duration = uint64("duration");
        case "tags" -> span.tags = array("tags", this::keyValue);
        case "logs" -> span.logs = array("logs", this::log);
        case "processID" -> {
          span.processIdAt = location();
          span.processId = string("processID");
        }
        case "process" -> span.process = process();
        case "warnings" -> span.warnings = array("warnings", () -> string("warning"));
        default -> parser.skipChildren();
      }
    }
    if (span.spanId == null) {
      throw error(start, "span has no spanID");
    }
    return span;
  }

  private SpanReference reference() {
    TokenStreamLocation start = expect(JsonToken.START_OBJECT, "expected a reference object");
    RefType refType = RefType.CHILD_OF;
    TraceId traceId = null;
    SpanId spanId = null;
    String name;
    while ((name = nextPresentField()) != null) {
      switch (name) {
        case "refType" -> {
          String text = string("refType");
          refType =
              switch (text) {
                case "CHILD_OF" -> RefType.CHILD_OF;
                case "FOLLOWS_FROM" -> RefType.FOLLOWS_FROM;
                default ->
                    throw error(
                        location(), "refType '" + text + "' is not one of CHILD_OF, FOLLOWS_FROM");
              };
        }
        case "traceID" -> traceId = traceId("traceID");
        case "spanID" -> spanId = spanId("spanID");
        default -> parser.skipChildren();
      }
    }
    if (traceId == null || spanId == null) {
      throw error(start, "reference needs both traceID and spanID");
    }
    return new SpanReference(refType, traceId, spanId);
  }

  /**
   * {@code {"key", "type", "value"}}. The fields may come in any order, so the value is kept as
   * read until the type is known; without a type, the JSON value's own type decides.
   */
  @Override
  protected KeyValue keyValue() {
    TokenStreamLocation start = expect(JsonToken.START_OBJECT, "expected a tag object");
    String key = null;
    String typeName = null;
    TokenStreamLocation typeAt = null;
    JsonToken valueToken = null;
    String valueText = null;
    TokenStreamLocation valueAt = null;
    while (nextField()) {
      String name = parser.currentName();
      advance();
      switch (name) {
        case "key" -> key = string("key");
        case "type" -> {
          typeAt = location();
          typeName = string("type");
        }
        case "value" -> {
          valueAt = location();
          valueToken = parser.currentToken();
          if (valueToken == JsonToken.START_OBJECT || valueToken == JsonToken.START_ARRAY) {
            throw error(
                valueAt, "a tag value must be a string, number or boolean, found " + describe());
          }
          valueText = valueToken == JsonToken.VALUE_NULL ? null : parser.getString();
        }
        default -> parser.skipChildren();
      }
    }
    if (key == null) {
      throw error(start, "tag has no key");
    }
    if (valueToken == null || valueToken == JsonToken.VALUE_NULL) {
      throw error(start, "tag '" + key + "' has no value");
    }
    ValueType type;
    if (typeName == null) {
      type = UiTagValues.typeOf(valueToken);
    } else {
      type = ValueType.fromJaegerName(typeName);
      if (type == null) {
        throw error(
            typeAt,
            "tag '"
                + key
                + "' has type '"
                + typeName
                + "', not one of string, bool, int64, float64, binary");
      }
    }
    return UiTagValues.typed(key, type, valueToken, valueText, valueAt);
  }

  // ---- scalars ----

  @Override
  protected long timestamp(String what) {
    return uint64(what);
  }

  /** Unknown fields are skipped, as Go's decoder skips them. */
  @Override
  protected void otherField(String where) {
    parser.skipChildren();
  }

  private TraceId traceId(String what) {
    String text = string(what);
    if (text.isEmpty()) {
      throw error(location(), what + " is empty");
    }
    try {
      return TraceId.parse(text);
    } catch (IllegalArgumentException e) {
      throw error(location(), what + " \"" + abbreviate(text) + "\" is not a hex trace ID");
    }
  }

  private SpanId spanId(String what) {
    String text = string(what);
    if (text.isEmpty() || text.length() > 16) {
      throw error(location(), what + " \"" + abbreviate(text) + "\" is not 1 to 16 hex characters");
    }
    try {
      return SpanId.parse(text);
    } catch (IllegalArgumentException e) {
      throw error(location(), what + " \"" + abbreviate(text) + "\" is not a hex span ID");
    }
  }
}
