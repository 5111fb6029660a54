package io.sightline.http.json;

import io.sightline.gotext.GoFloats;
import io.sightline.trace.KeyValue;
import io.sightline.trace.ProcessMap;
import io.sightline.trace.Span;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a trace in Jaeger UI's JSON (Jaeger's {@code uimodel}), exactly as Jaeger does:
 *
 * <ul>
 *   <li>{@code {"traceID", "spans", "processes", "warnings"}}; span keys in Jaeger's order, {@code
 *       flags} left out when 0, {@code references}, {@code tags}, {@code logs} and {@code fields}
 *       always arrays, {@code warnings} {@code null} when empty;
 *   <li>processes keyed {@code p1, p2, …} in order of first use by the spans, one key per distinct
 *       process (service name and tag list), the map written with sorted keys as Go does;
 *   <li>trace IDs as 16 or 32 hex characters, span IDs as 16; times and durations in µs;
 *   <li>int64 tag values beyond ±(2^53−1) as strings (JavaScript cannot hold them), float64 in Go's
 *       shortest form, binary as base64.
 * </ul>
 *
 * It streams: each span is written as it is visited, and only the process table is kept.
 */
public final class UiTraceJson {

  /** Largest integer a JavaScript number holds exactly. */
  private static final long JS_MAX_SAFE_INTEGER = (1L << 53) - 1;

  private UiTraceJson() {}

  /** Writes one trace object. */
  public static void write(JsonGenerator g, Trace trace) {
    TraceId traceId = trace.traceId();
    g.writeStartObject();
    g.writeStringProperty("traceID", traceId == null ? "" : traceId.toString());
    g.writeName("spans");
    g.writeStartArray();
    ProcessMap<String> processIds = new ProcessMap<>();
    List<TracedProcess> processes = new ArrayList<>();
    Function<TracedProcess, String> newProcessId =
        p -> {
          processes.add(p);
          return "p" + processes.size();
        };
    char[] hex = new char[32];
    for (Span span : trace.spans()) {
      writeSpan(g, span, processIds.computeIfAbsent(span.process(), newProcessId), hex);
    }
    g.writeEndArray();
    g.writeName("processes");
    g.writeStartObject();
    // Go writes map keys sorted as strings: p1, p10, p11, …, p2.
    List<String> keys = new ArrayList<>(processes.size());
    for (int i = 1; i <= processes.size(); i++) {
      keys.add("p" + i);
    }
    keys.sort(null);
    for (String key : keys) {
      TracedProcess process = processes.get(Integer.parseInt(key.substring(1)) - 1);
      g.writeName(key);
      g.writeStartObject();
      g.writeStringProperty("serviceName", process.serviceName());
      g.writeName("tags");
      writeKeyValues(g, process.tags());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeName("warnings");
    writeWarnings(g, trace.warnings());
    g.writeEndObject();
  }

  private static void writeSpan(JsonGenerator g, Span span, String processId, char[] hex) {
    g.writeStartObject();
    g.writeName("traceID");
    writeTraceId(g, span.traceId(), hex);
    g.writeName("spanID");
    writeSpanId(g, span.spanId().value(), hex);
    if (span.flags() != 0) {
      g.writeName("flags");
      g.writeNumber(Integer.toUnsignedLong(span.flags())); // uint32 in Jaeger
    }
    g.writeStringProperty("operationName", span.operationName());
    g.writeName("references");
    g.writeStartArray();
    for (SpanReference ref : span.references()) {
      g.writeStartObject();
      g.writeStringProperty("refType", ref.refType().name());
      g.writeName("traceID");
      writeTraceId(g, ref.traceId(), hex);
      g.writeName("spanID");
      writeSpanId(g, ref.spanId().value(), hex);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeName("startTime");
    writeUnsigned(g, span.startTime());
    g.writeName("duration");
    writeUnsigned(g, span.duration());
    g.writeName("tags");
    writeKeyValues(g, span.tags());
    g.writeName("logs");
    g.writeStartArray();
    for (SpanLog log : span.logs()) {
      g.writeStartObject();
      g.writeName("timestamp");
      writeUnsigned(g, log.timestamp());
      g.writeName("fields");
      writeKeyValues(g, log.fields());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringProperty("processID", processId);
    g.writeName("warnings");
    writeWarnings(g, span.warnings());
    g.writeEndObject();
  }

  /** Writes {@code [{"key","type","value"}, …]}. */
  public static void writeKeyValues(JsonGenerator g, List<KeyValue> keyValues) {
    g.writeStartArray();
    for (KeyValue kv : keyValues) {
      g.writeStartObject();
      g.writeStringProperty("key", kv.key());
      g.writeStringProperty("type", kv.type().jaegerName());
      g.writeName("value");
      writeValue(g, kv);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeValue(JsonGenerator g, KeyValue kv) {
    switch (kv.type()) {
      case STRING -> g.writeString(kv.stringValue());
      case BOOL -> g.writeBoolean(kv.boolValue());
      case INT64 -> {
        long value = kv.longValue();
        if (value > JS_MAX_SAFE_INTEGER || value < -JS_MAX_SAFE_INTEGER) {
          g.writeString(Long.toString(value));
        } else {
          g.writeNumber(value);
        }
      }
      case FLOAT64 -> {
        double value = kv.doubleValue();
        if (Double.isNaN(value) || Double.isInfinite(value)) {
          // JSON has no such numbers; Go's encoder would fail the whole response.
          g.writeString(GoFloats.format(value));
        } else {
          g.writeNumber(GoFloats.format(value));
        }
      }
      case BINARY -> g.writeString(Base64.getEncoder().encodeToString(kv.binaryValue()));
    }
  }

  private static void writeWarnings(JsonGenerator g, List<String> warnings) {
    if (warnings.isEmpty()) {
      g.writeNull();
      return;
    }
    g.writeStartArray();
    for (String warning : warnings) {
      g.writeString(warning);
    }
    g.writeEndArray();
  }

  /** {@link TraceId#toString()} without building the string. */
  private static void writeTraceId(JsonGenerator g, TraceId id, char[] hex) {
    if (id.high() == 0) {
      writeSpanId(g, id.low(), hex);
    } else {
      toHex(id.high(), hex, 0);
      toHex(id.low(), hex, 16);
      g.writeString(hex, 0, 32);
    }
  }

  /** {@link io.sightline.trace.SpanId#toString()} without building the string. */
  private static void writeSpanId(JsonGenerator g, long id, char[] hex) {
    toHex(id, hex, 0);
    g.writeString(hex, 0, 16);
  }

  private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

  /** 16 lower-case hex digits of {@code value} at {@code offset}. */
  private static void toHex(long value, char[] out, int offset) {
    for (int i = offset + 15; i >= offset; i--) {
      out[i] = HEX_DIGITS[(int) value & 0xf];
      value >>>= 4;
    }
  }

  /** Jaeger's times are uint64: a negative value (a broken clock) reads as Go prints it. */
  private static void writeUnsigned(JsonGenerator g, long value) {
    if (value >= 0) {
      g.writeNumber(value);
    } else {
      g.writeNumber(Long.toUnsignedString(value));
    }
  }
}
