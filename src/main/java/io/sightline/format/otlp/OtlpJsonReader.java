package io.sightline.format.otlp;

import io.sightline.format.StrictJsonReader;
import io.sightline.format.TraceFileException;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads OTLP/JSON {@code TracesData} (the body of an OTLP/HTTP export request, or a line of the
 * OpenTelemetry Collector's file exporter) token by token, so that every problem is reported with
 * its line and column, and hands each span, translated, to a consumer as soon as its resource is
 * read: a file of any size is never held whole.
 *
 * <p>What pdata (the Collector's reader, which Jaeger uses) accepts is accepted: camelCase or the
 * proto's snake_case field names, unknown fields (skipped), {@code null} for absent, enums by
 * number or name, 64-bit integers as numbers or decimal strings, floats also as {@code
 * "NaN"}/{@code "Infinity"}, several {@code TracesData} objects one after another (JSON lines). IDs
 * are hex, as OTLP/JSON has them; base64 of the raw bytes (standard protobuf JSON) is accepted as
 * well.
 */
final class OtlpJsonReader extends StrictJsonReader {

  private static final Map<String, Integer> SPAN_KINDS =
      Map.of(
          "SPAN_KIND_UNSPECIFIED", OtlpSpan.KIND_UNSPECIFIED,
          "SPAN_KIND_INTERNAL", OtlpSpan.KIND_INTERNAL,
          "SPAN_KIND_SERVER", OtlpSpan.KIND_SERVER,
          "SPAN_KIND_CLIENT", OtlpSpan.KIND_CLIENT,
          "SPAN_KIND_PRODUCER", OtlpSpan.KIND_PRODUCER,
          "SPAN_KIND_CONSUMER", OtlpSpan.KIND_CONSUMER);

  private static final Map<String, Integer> STATUS_CODES =
      Map.of(
          "STATUS_CODE_UNSET", OtlpSpan.STATUS_UNSET,
          "STATUS_CODE_OK", OtlpSpan.STATUS_OK,
          "STATUS_CODE_ERROR", OtlpSpan.STATUS_ERROR);

  private static final SpanId ZERO_SPAN_ID = new SpanId(0);
  private static final TraceId ZERO_TRACE_ID = new TraceId(0, 0);

  private final Consumer<Span> sink;

  OtlpJsonReader(JsonParser parser, Consumer<Span> sink) {
    super(parser);
    this.sink = sink;
  }

  /** Reads every top-level {@code TracesData} object of the input; there must be at least one. */
  void readAll() {
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw new TraceFileException(1, 1, "no OTLP data: the input is empty");
    }
    while (token != null) {
      expectStartObject("a TracesData object");
      tracesData();
      token = parser.nextToken();
    }
  }

  private void tracesData() {
    String name;
    while ((name = nextPresentField()) != null) {
      if (name.equals("resourceSpans") || name.equals("resource_spans")) {
        forEach("resourceSpans", this::resourceSpans);
      } else {
        parser.skipChildren();
      }
    }
  }

  private void resourceSpans() {
    expectStartObject("a resourceSpans object");
    List<OtlpValue.Attribute> resource = List.of();
    List<OtlpSpan.Scope> scopes = List.of();
    List<OtlpSpan.Scope> deprecatedScopes = List.of();
    String name;
    while ((name = nextPresentField()) != null) {
      switch (name) {
        case "resource" -> resource = listIn("a resource object", "attributes", this::attribute);
        case "scopeSpans", "scope_spans" -> scopes = collect("scopeSpans", this::scopeSpans);
        case "deprecatedScopeSpans", "deprecated_scope_spans" ->
            deprecatedScopes = collect("deprecatedScopeSpans", this::scopeSpans);
        default -> parser.skipChildren();
      }
    }
    TracedProcess process = OtlpToJaeger.process(resource);
    // pdata's migration: the old field counts only when the new one is empty.
    for (OtlpSpan.Scope scope : scopes.isEmpty() ? deprecatedScopes : scopes) {
      for (OtlpSpan span : scope.spans()) {
        sink.accept(OtlpToJaeger.span(span, scope.name(), scope.version(), process));
      }
    }
  }

  /**
   * An object whose {@code field} holds a list (a resource's attributes, an arrayValue's or a
   * kvlistValue's values); its other fields are skipped.
   */
  private <T> List<T> listIn(String what, String field, Element<T> element) {
    expectStartObject(what);
    List<T> list = List.of();
    String name;
    while ((name = nextPresentField()) != null) {
      if (name.equals(field)) {
        list = collect(field, element);
      } else {
        parser.skipChildren();
      }
    }
    return list;
  }

  private OtlpSpan.Scope scopeSpans() {
    expectStartObject("a scopeSpans object");
    String scopeName = "";
    String scopeVersion = "";
    List<OtlpSpan> spans = List.of();
    String name;
    while ((name = nextPresentField()) != null) {
      switch (name) {
        case "scope" -> {
          expectStartObject("a scope object");
          String field;
          while ((field = nextPresentField()) != null) {
            switch (field) {
              case "name" -> scopeName = string("scope name");
              case "version" -> scopeVersion = string("scope version");
              // Scope attributes have no place in Jaeger's model; Jaeger drops them too.
              default -> parser.skipChildren();
            }
          }
        }
        case "spans" -> spans = collect("spans", this::span);
        default -> parser.skipChildren();
      }
    }
    return new OtlpSpan.Scope(scopeName, scopeVersion, spans);
  }

  private OtlpSpan span() {
    expectStartObject("a span object");
    TraceId traceId = ZERO_TRACE_ID;
    SpanId spanId = ZERO_SPAN_ID;
    SpanId parentSpanId = ZERO_SPAN_ID;
    String traceState = "";
    long flags = 0;
    String spanName = "";
    int kind = OtlpSpan.KIND_UNSPECIFIED;
    long start = 0;
    long end = 0;
    List<OtlpValue.Attribute> attributes = List.of();
    List<OtlpSpan.Event> events = List.of();
    List<OtlpSpan.Link> links = List.of();
    int statusCode = OtlpSpan.STATUS_UNSET;
    String statusMessage = "";
    String name;
    while ((name = nextPresentField()) != null) {
      switch (name) {
        case "traceId", "trace_id" -> traceId = traceId("traceId");
        case "spanId", "span_id" -> spanId = spanId("spanId");
        case "traceState", "trace_state" -> traceState = string("traceState");
        case "parentSpanId", "parent_span_id" -> parentSpanId = spanId("parentSpanId");
        case "flags" -> flags = uint32("flags");
        case "name" -> spanName = string("name");
        case "kind" -> kind = enumValue("kind", SPAN_KINDS);
        case "startTimeUnixNano", "start_time_unix_nano" -> start = uint64("startTimeUnixNano");
        case "endTimeUnixNano", "end_time_unix_nano" -> end = uint64("endTimeUnixNano");
        case "attributes" -> attributes = collect("attributes", this::attribute);
        case "events" -> events = collect("events", this::event);
        case "links" -> links = collect("links", this::link);
        case "status" -> {
          expectStartObject("a status object");
          String field;
          while ((field = nextPresentField()) != null) {
            switch (field) {
              case "code" -> statusCode = enumValue("status code", STATUS_CODES);
              case "message" -> statusMessage = string("status message");
              default -> parser.skipChildren();
            }
          }
        }
        default -> parser.skipChildren();
      }
    }
    return new OtlpSpan(
        traceId,
        spanId,
        traceState,
        parentSpanId,
        flags,
        spanName,
        kind,
        start,
        end,
        attributes,
        events,
        links,
        statusCode,
        statusMessage);
  }

  private OtlpSpan.Event event() {
    expectStartObject("an event object");
    long time = 0;
    String eventName = "";
    List<OtlpValue.Attribute> attributes = List.of();
    String name;
    while ((name = nextPresentField()) != null) {
      switch (name) {
        case "timeUnixNano", "time_unix_nano" -> time = uint64("timeUnixNano");
        case "name" -> eventName = string("event name");
        case "attributes" -> attributes = collect("attributes", this::attribute);
        default -> parser.skipChildren();
      }
    }
    return new OtlpSpan.Event(time, eventName, attributes);
  }

  private OtlpSpan.Link link() {
    expectStartObject("a link object");
    TraceId traceId = ZERO_TRACE_ID;
    SpanId spanId = ZERO_SPAN_ID;
    List<OtlpValue.Attribute> attributes = List.of();
    String name;
    while ((name = nextPresentField()) != null) {
      switch (name) {
        case "traceId", "trace_id" -> traceId = traceId("link traceId");
        case "spanId", "span_id" -> spanId = spanId("link spanId");
        case "attributes" -> attributes = collect("attributes", this::attribute);
        default -> parser.skipChildren();
      }
    }
    return new OtlpSpan.Link(traceId, spanId, attributes);
  }

  private OtlpValue.Attribute attribute() {
    expectStartObject("an attribute (key-value) object");
    String key = "";
    OtlpValue value = new OtlpValue.Empty();
    String name;
    while ((name = nextPresentField()) != null) {
      switch (name) {
        case "key" -> key = string("attribute key");
        case "value" -> value = anyValue();
        default -> parser.skipChildren();
      }
    }
    return new OtlpValue.Attribute(key, value);
  }

  private OtlpValue anyValue() {
    expectStartObject("an attribute value object");
    OtlpValue value = new OtlpValue.Empty();
    String name;
    while ((name = nextPresentField()) != null) {
      // As in pdata, the last value field given wins.
      switch (name) {
        case "stringValue", "string_value" -> value = new OtlpValue.Str(string("stringValue"));
        case "boolValue", "bool_value" -> value = new OtlpValue.Bool(bool("boolValue"));
        case "intValue", "int_value" -> value = new OtlpValue.Int64(int64("intValue"));
        case "doubleValue", "double_value" -> value = new OtlpValue.Float64(float64("doubleValue"));
        case "bytesValue", "bytes_value" -> value = new OtlpValue.Bytes(bytes("bytesValue"));
        case "arrayValue", "array_value" ->
            value = new OtlpValue.Array(listIn("an arrayValue object", "values", this::anyValue));
        case "kvlistValue", "kvlist_value" ->
            value = new OtlpValue.KvList(listIn("a kvlistValue object", "values", this::attribute));
        default -> parser.skipChildren();
      }
    }
    return value;
  }

  // ---- scalar values ----

  private TraceId traceId(String what) {
    byte[] bytes = id(what, 16);
    return bytes == null ? ZERO_TRACE_ID : TraceId.fromBytes(bytes);
  }

  private SpanId spanId(String what) {
    byte[] bytes = id(what, 8);
    return bytes == null ? ZERO_SPAN_ID : SpanId.fromBytes(bytes);
  }

  /** An ID of {@code size} bytes in hex (OTLP/JSON) or base64 (protobuf JSON); null when empty. */
  private byte[] id(String what, int size) {
    String text = string(what);
    if (text.isEmpty()) {
      return null;
    }
    if (text.length() == size * 2) {
      byte[] bytes = hex(text);
      if (bytes != null) {
        return bytes;
      }
    } else if (text.length() <= (size + 2) / 3 * 4) {
      byte[] bytes = base64(text);
      if (bytes != null && bytes.length == size) {
        return bytes;
      }
    }
    throw error(
        location(),
        what
            + " must be "
            + size * 2
            + " hex characters or "
            + size
            + " bytes in base64, found \""
            + abbreviate(text)
            + "\"");
  }

  // ---- structure ----

  /** Reads an array, element by element (each element is read and handled by the callback). */
  private void forEach(String what, Runnable element) {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw error(location(), what + " must be an array, found " + describe());
    }
    while (advance() != JsonToken.END_ARRAY) {
      if (parser.currentToken() != JsonToken.VALUE_NULL) {
        element.run();
      }
    }
  }

  /** Reads an array into a list. */
  private <T> List<T> collect(String what, Element<T> element) {
    List<T> out = new ArrayList<>();
    forEach(what, () -> out.add(element.read()));
    return out;
  }
}
