package io.sightline.format.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * OTLP protobuf traces (the generated {@code io.opentelemetry.proto} messages of an OTLP/gRPC or
 * OTLP/HTTP export) read into the domain model through the same OpenTelemetry→Jaeger translation as
 * OTLP/JSON ({@link OtlpToJaeger}): the messages are only mapped onto the reader's {@link OtlpSpan}
 * and {@link OtlpValue}.
 *
 * <p>As pdata's protobuf reader, IDs must be empty or of their full length (16 bytes for a trace, 8
 * for a span); anything else raises {@link OtlpProtoException} naming the span.
 */
public final class OtlpProto {

  private static final SpanId ZERO_SPAN_ID = new SpanId(0);
  private static final TraceId ZERO_TRACE_ID = new TraceId(0, 0);

  private OtlpProto() {}

  /** Translates every span of these resources, handing each to {@code sink} in input order. */
  public static void readSpans(List<ResourceSpans> resources, Consumer<Span> sink) {
    read(resources, sink, false);
  }

  /**
   * What {@link #readValidSpans} left out.
   *
   * @param spans spans not translated
   * @param firstProblem what is wrong with the first of them ({@code ""} when none)
   */
  public record Rejected(int spans, String firstProblem) {}

  /**
   * Translates every span that can be translated, handing each to {@code sink} in input order; a
   * span whose IDs are malformed is left out and counted (OTLP's partial success).
   */
  public static Rejected readValidSpans(List<ResourceSpans> resources, Consumer<Span> sink) {
    return read(resources, sink, true);
  }

  private static Rejected read(
      List<ResourceSpans> resources, Consumer<Span> sink, boolean skipMalformed) {
    int rejected = 0;
    String first = "";
    for (int r = 0; r < resources.size(); r++) {
      ResourceSpans resource = resources.get(r);
      TracedProcess process =
          OtlpToJaeger.process(attributes(resource.getResource().getAttributesList()));
      for (int s = 0; s < resource.getScopeSpansCount(); s++) {
        ScopeSpans scope = resource.getScopeSpans(s);
        InstrumentationScope is = scope.getScope();
        for (int i = 0; i < scope.getSpansCount(); i++) {
          OtlpSpan span;
          try {
            span = span(scope.getSpans(i), new Location(r, s, i));
          } catch (OtlpProtoException e) {
            if (!skipMalformed) {
              throw e;
            }
            if (rejected++ == 0) {
              first = e.getMessage();
            }
            continue;
          }
          sink.accept(OtlpToJaeger.span(span, is.getName(), is.getVersion(), process));
        }
      }
    }
    return new Rejected(rejected, first);
  }

  /**
   * A trace as OTLP protobuf {@code TracesData}, translated exactly as OTLP/JSON is written ({@link
   * OtlpJson#writeTracesData}): one resource per process, one scope per instrumentation scope.
   */
  public static TracesData tracesData(Trace trace) {
    return OtlpProtoWriter.tracesData(trace);
  }

  /** How many spans these resources hold. */
  public static int countSpans(List<ResourceSpans> resources) {
    int count = 0;
    for (ResourceSpans resource : resources) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        count += scope.getSpansCount();
      }
    }
    return count;
  }

  /**
   * Where a span sits in the request, spelt out only for an error message (building the path for
   * every span cost more than the IDs it names).
   */
  private record Location(int resource, int scope, int span) {
    String path(String field) {
      return "resourceSpans["
          + resource
          + "].scopeSpans["
          + scope
          + "].spans["
          + span
          + "]"
          + field;
    }
  }

  private static OtlpSpan span(io.opentelemetry.proto.trace.v1.Span span, Location where) {
    TraceId traceId = traceId(span.getTraceId(), where, ".traceId");
    List<OtlpSpan.Event> events = new ArrayList<>(span.getEventsCount());
    for (io.opentelemetry.proto.trace.v1.Span.Event event : span.getEventsList()) {
      events.add(
          new OtlpSpan.Event(
              event.getTimeUnixNano(), event.getName(), attributes(event.getAttributesList())));
    }
    List<OtlpSpan.Link> links = new ArrayList<>(span.getLinksCount());
    for (int l = 0; l < span.getLinksCount(); l++) {
      io.opentelemetry.proto.trace.v1.Span.Link link = span.getLinks(l);
      links.add(
          new OtlpSpan.Link(
              traceId(link.getTraceId(), where, ".links[" + l + "].traceId"),
              spanId(link.getSpanId(), where, ".links[" + l + "].spanId"),
              attributes(link.getAttributesList())));
    }
    return new OtlpSpan(
        traceId,
        spanId(span.getSpanId(), where, ".spanId"),
        span.getTraceState(),
        spanId(span.getParentSpanId(), where, ".parentSpanId"),
        Integer.toUnsignedLong(span.getFlags()),
        span.getName(),
        span.getKindValue(),
        span.getStartTimeUnixNano(),
        span.getEndTimeUnixNano(),
        attributes(span.getAttributesList()),
        events,
        links,
        span.getStatus().getCodeValue(),
        span.getStatus().getMessage());
  }

  private static TraceId traceId(ByteString bytes, Location where, String field) {
    byte[] id = id(bytes, where, field, "a trace ID", 16);
    return id == null ? ZERO_TRACE_ID : TraceId.fromBytes(id);
  }

  private static SpanId spanId(ByteString bytes, Location where, String field) {
    byte[] id = id(bytes, where, field, "a span ID", 8);
    return id == null ? ZERO_SPAN_ID : SpanId.fromBytes(id);
  }

  /** An ID's bytes, checked to be {@code size} long; null when empty (no ID). */
  private static byte[] id(ByteString bytes, Location where, String field, String what, int size) {
    if (bytes.isEmpty()) {
      return null;
    }
    if (bytes.size() != size) {
      throw new OtlpProtoException(
          where.path(field) + ": " + what + " has " + size + " bytes, got " + bytes.size());
    }
    return bytes.toByteArray();
  }

  private static List<OtlpValue.Attribute> attributes(List<KeyValue> keyValues) {
    if (keyValues.isEmpty()) {
      return List.of();
    }
    List<OtlpValue.Attribute> attributes = new ArrayList<>(keyValues.size());
    for (KeyValue kv : keyValues) {
      attributes.add(new OtlpValue.Attribute(kv.getKey(), value(kv.getValue())));
    }
    return attributes;
  }

  private static OtlpValue value(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> new OtlpValue.Str(value.getStringValue());
      case BOOL_VALUE -> new OtlpValue.Bool(value.getBoolValue());
      case INT_VALUE -> new OtlpValue.Int64(value.getIntValue());
      case DOUBLE_VALUE -> new OtlpValue.Float64(value.getDoubleValue());
      case BYTES_VALUE -> new OtlpValue.Bytes(value.getBytesValue().toByteArray());
      case ARRAY_VALUE -> {
        List<OtlpValue> values = new ArrayList<>(value.getArrayValue().getValuesCount());
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          values.add(value(element));
        }
        yield new OtlpValue.Array(values);
      }
      case KVLIST_VALUE -> new OtlpValue.KvList(attributes(value.getKvlistValue().getValuesList()));
      case VALUE_NOT_SET -> new OtlpValue.Empty();
    };
  }
}
