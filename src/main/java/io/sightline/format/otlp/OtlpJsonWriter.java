package io.sightline.format.otlp;

import io.sightline.format.otlp.JaegerToOtlp.EventParts;
import io.sightline.format.otlp.JaegerToOtlp.IntList;
import io.sightline.format.otlp.JaegerToOtlp.Scope;
import io.sightline.format.otlp.JaegerToOtlp.SpanParts;
import io.sightline.format.otlp.JaegerToOtlp.Status;
import io.sightline.gotext.GoFloats;
import io.sightline.trace.KeyValue;
import io.sightline.trace.RefType;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TracedProcess;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/**
 * Writes traces as OTLP/JSON {@code TracesData}, translated from Jaeger's model the way Jaeger's v2
 * storage reader translates stored spans, and encoded the way Jaeger's {@code /api/v3} HTTP gateway
 * encodes them (pdata's JSON marshaler):
 *
 * <ul>
 *   <li>one {@code resourceSpans} per distinct process of a trace (resource attributes: {@code
 *       service.name}, then the process tags), one {@code scopeSpans} per distinct {@code
 *       otel.scope.name}/{@code otel.scope.version} pair of its spans (those tags leave the span);
 *   <li>{@code span.kind} becomes {@code kind}; {@code error=true} (a bool), else {@code
 *       otel.status_code}, else an HTTP {@code http.response.status_code} becomes {@code status},
 *       with {@code otel.status_description} (or {@code http.status_message}) as its message;
 *       {@code w3c.tracestate} becomes {@code traceState}; those tags leave the span;
 *   <li>the parent (first same-trace {@code CHILD_OF}, else first same-trace {@code FOLLOWS_FROM})
 *       becomes {@code parentSpanId}, every other reference a link with an {@code
 *       opentracing.ref_type} attribute; logs become events, a string {@code event} field their
 *       name;
 *   <li>span warnings become the {@code @jaeger@warnings} attribute; repeated tag keys collapse
 *       into one attribute (the first position, the last value), as pdata maps do;
 *   <li>IDs in lower-case hex (32/16 characters), {@code kind} and {@code status.code} as integers,
 *       64-bit integers as strings, bytes as base64, empty fields left out ({@code resource},
 *       {@code scope} and {@code status} are always there).
 * </ul>
 *
 * It streams: spans are grouped by index, and each is translated only while it is written, so a
 * trace of any size is never copied.
 */
final class OtlpJsonWriter {

  private OtlpJsonWriter() {}

  /** The {@code TracesData} object of these traces (one after another). */
  static void writeTracesData(JsonGenerator g, Iterable<Trace> traces) {
    g.writeStartObject();
    boolean started = false;
    for (Trace trace : traces) {
      if (trace.spans().isEmpty()) {
        continue;
      }
      if (!started) {
        g.writeName("resourceSpans");
        g.writeStartArray();
        started = true;
      }
      writeResourceSpans(g, trace.spans());
    }
    if (started) {
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void writeResourceSpans(JsonGenerator g, List<Span> spans) {
    for (Map.Entry<TracedProcess, Map<Scope, IntList>> group :
        JaegerToOtlp.groups(spans).entrySet()) {
      g.writeStartObject();
      g.writeName("resource");
      writeResource(g, group.getKey());
      g.writeName("scopeSpans");
      g.writeStartArray();
      for (Map.Entry<Scope, IntList> scope : group.getValue().entrySet()) {
        g.writeStartObject();
        g.writeName("scope");
        g.writeStartObject();
        if (!scope.getKey().name().isEmpty()) {
          g.writeStringProperty("name", scope.getKey().name());
        }
        if (!scope.getKey().version().isEmpty()) {
          g.writeStringProperty("version", scope.getKey().version());
        }
        g.writeEndObject();
        g.writeName("spans");
        g.writeStartArray();
        IntList positions = scope.getValue();
        for (int j = 0; j < positions.size(); j++) {
          writeSpan(g, spans.get(positions.get(j)));
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void writeResource(JsonGenerator g, TracedProcess process) {
    g.writeStartObject();
    writeAttributes(g, JaegerToOtlp.resourceAttributes(process), List.of());
    g.writeEndObject();
  }

  private static void writeSpan(JsonGenerator g, Span span) {
    SpanParts parts = SpanParts.of(span);
    int kind = parts.kind();
    Status status = parts.status();
    String traceState = parts.traceState();
    SpanId parent = parts.parent();
    Map<String, KeyValue> attributes = parts.attributes();

    g.writeStartObject();
    if (!span.traceId().isZero()) {
      g.writeStringProperty("traceId", span.traceId().toPaddedHex());
    }
    if (span.spanId().value() != 0) {
      g.writeStringProperty("spanId", span.spanId().toString());
    }
    if (!traceState.isEmpty()) {
      g.writeStringProperty("traceState", traceState);
    }
    if (parent != null && parent.value() != 0) {
      g.writeStringProperty("parentSpanId", parent.toString());
    }
    if (span.flags() != 0) {
      g.writeNumberProperty("flags", Integer.toUnsignedLong(span.flags()));
    }
    if (!span.operationName().isEmpty()) {
      g.writeStringProperty("name", span.operationName());
    }
    if (kind != OtlpSpan.KIND_UNSPECIFIED) {
      g.writeNumberProperty("kind", kind);
    }
    long startNanos = span.startTime() * 1_000;
    long endNanos = span.endTime() * 1_000;
    if (startNanos != 0) {
      g.writeStringProperty("startTimeUnixNano", Long.toUnsignedString(startNanos));
    }
    if (endNanos != 0) {
      g.writeStringProperty("endTimeUnixNano", Long.toUnsignedString(endNanos));
    }
    writeAttributes(g, attributes, span.warnings());
    writeEvents(g, span.logs());
    writeLinks(g, span, parts);
    g.writeName("status");
    g.writeStartObject();
    if (!status.message().isEmpty()) {
      g.writeStringProperty("message", status.message());
    }
    if (status.code() != OtlpSpan.STATUS_UNSET) {
      g.writeNumberProperty("code", status.code());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeLinks(JsonGenerator g, Span span, SpanParts parts) {
    boolean started = false;
    for (SpanReference ref : span.references()) {
      if (!parts.isLink(ref)) {
        continue; // the parent, already written as parentSpanId
      }
      if (!started) {
        g.writeName("links");
        g.writeStartArray();
        started = true;
      }
      g.writeStartObject();
      if (!ref.traceId().isZero()) {
        g.writeStringProperty("traceId", ref.traceId().toPaddedHex());
      }
      if (ref.spanId().value() != 0) {
        g.writeStringProperty("spanId", ref.spanId().toString());
      }
      g.writeName("attributes");
      g.writeStartArray();
      g.writeStartObject();
      g.writeStringProperty("key", OtlpToJaeger.REF_TYPE);
      g.writeName("value");
      g.writeStartObject();
      g.writeStringProperty(
          "stringValue", ref.refType() == RefType.CHILD_OF ? "child_of" : "follows_from");
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
    if (started) {
      g.writeEndArray();
    }
  }

  private static void writeEvents(JsonGenerator g, List<SpanLog> logs) {
    if (logs.isEmpty()) {
      return;
    }
    g.writeName("events");
    g.writeStartArray();
    for (SpanLog log : logs) {
      EventParts event = EventParts.of(log);
      String name = event.name();
      Map<String, KeyValue> attributes = event.attributes();
      g.writeStartObject();
      long nanos = log.timestamp() * 1_000;
      if (nanos != 0) {
        g.writeStringProperty("timeUnixNano", Long.toUnsignedString(nanos));
      }
      if (!name.isEmpty()) {
        g.writeStringProperty("name", name);
      }
      writeAttributes(g, attributes, List.of());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeAttributes(
      JsonGenerator g, Map<String, KeyValue> attributes, List<String> warnings) {
    if (attributes.isEmpty() && warnings.isEmpty()) {
      return;
    }
    g.writeName("attributes");
    g.writeStartArray();
    for (Map.Entry<String, KeyValue> attribute : attributes.entrySet()) {
      if (!warnings.isEmpty() && attribute.getKey().equals(OtlpToJaeger.WARNINGS)) {
        continue; // replaced by the span's warnings below
      }
      g.writeStartObject();
      g.writeStringProperty("key", attribute.getKey());
      g.writeName("value");
      writeValue(g, attribute.getValue());
      g.writeEndObject();
    }
    if (!warnings.isEmpty()) {
      g.writeStartObject();
      g.writeStringProperty("key", OtlpToJaeger.WARNINGS);
      g.writeName("value");
      g.writeStartObject();
      g.writeName("arrayValue");
      g.writeStartObject();
      g.writeName("values");
      g.writeStartArray();
      for (String warning : warnings) {
        g.writeStartObject();
        g.writeStringProperty("stringValue", warning);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeValue(JsonGenerator g, KeyValue tag) {
    g.writeStartObject();
    switch (tag.type()) {
      case STRING -> g.writeStringProperty("stringValue", tag.stringValue());
      case BOOL -> g.writeBooleanProperty("boolValue", tag.boolValue());
      case INT64 -> g.writeStringProperty("intValue", Long.toString(tag.longValue()));
      case FLOAT64 -> {
        double value = tag.doubleValue();
        g.writeName("doubleValue");
        if (Double.isNaN(value)) {
          g.writeString("NaN");
        } else if (Double.isInfinite(value)) {
          g.writeString(value > 0 ? "Infinity" : "-Infinity");
        } else {
          g.writeNumber(GoFloats.format(value));
        }
      }
      case BINARY ->
          g.writeStringProperty(
              "bytesValue", Base64.getEncoder().encodeToString(tag.binaryValue()));
    }
    g.writeEndObject();
  }
}
