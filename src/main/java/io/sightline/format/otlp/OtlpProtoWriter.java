package io.sightline.format.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.sightline.format.otlp.JaegerToOtlp.EventParts;
import io.sightline.format.otlp.JaegerToOtlp.IntList;
import io.sightline.format.otlp.JaegerToOtlp.Scope;
import io.sightline.format.otlp.JaegerToOtlp.SpanParts;
import io.sightline.trace.KeyValue;
import io.sightline.trace.RefType;
import io.sightline.trace.Span;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TracedProcess;
import java.util.List;
import java.util.Map;

/**
 * Traces as OTLP protobuf {@code TracesData}, with exactly the translation of {@link
 * OtlpJsonWriter} (the same grouping, attributes, kind, status, parent and links): what {@code
 * jaeger.api_v3.QueryService} streams. Only the encoding differs.
 */
final class OtlpProtoWriter {

  private OtlpProtoWriter() {}

  static TracesData tracesData(Trace trace) {
    TracesData.Builder data = TracesData.newBuilder();
    List<Span> spans = trace.spans();
    for (Map.Entry<TracedProcess, Map<Scope, IntList>> group :
        JaegerToOtlp.groups(spans).entrySet()) {
      ResourceSpans.Builder resource =
          ResourceSpans.newBuilder()
              .setResource(
                  Resource.newBuilder()
                      .addAllAttributes(
                          attributes(JaegerToOtlp.resourceAttributes(group.getKey()), List.of())));
      for (Map.Entry<Scope, IntList> scope : group.getValue().entrySet()) {
        ScopeSpans.Builder scopeSpans =
            ScopeSpans.newBuilder()
                .setScope(
                    InstrumentationScope.newBuilder()
                        .setName(scope.getKey().name())
                        .setVersion(scope.getKey().version()));
        IntList positions = scope.getValue();
        for (int i = 0; i < positions.size(); i++) {
          scopeSpans.addSpans(span(spans.get(positions.get(i))));
        }
        resource.addScopeSpans(scopeSpans);
      }
      data.addResourceSpans(resource);
    }
    return data.build();
  }

  private static io.opentelemetry.proto.trace.v1.Span span(Span span) {
    SpanParts parts = SpanParts.of(span);
    io.opentelemetry.proto.trace.v1.Span.Builder builder =
        io.opentelemetry.proto.trace.v1.Span.newBuilder()
            .setTraceId(ByteString.copyFrom(span.traceId().toBytes()))
            .setSpanId(ByteString.copyFrom(span.spanId().toBytes()))
            .setTraceState(parts.traceState())
            .setFlags(span.flags())
            .setName(span.operationName())
            .setKindValue(parts.kind())
            .setStartTimeUnixNano(span.startTime() * 1_000)
            .setEndTimeUnixNano(span.endTime() * 1_000)
            .addAllAttributes(attributes(parts.attributes(), span.warnings()))
            .setStatus(
                Status.newBuilder()
                    .setCodeValue(parts.status().code())
                    .setMessage(parts.status().message()));
    if (parts.parent() != null && parts.parent().value() != 0) {
      builder.setParentSpanId(ByteString.copyFrom(parts.parent().toBytes()));
    }
    for (SpanLog log : span.logs()) {
      EventParts event = EventParts.of(log);
      builder.addEvents(
          io.opentelemetry.proto.trace.v1.Span.Event.newBuilder()
              .setTimeUnixNano(log.timestamp() * 1_000)
              .setName(event.name())
              .addAllAttributes(attributes(event.attributes(), List.of())));
    }
    for (SpanReference ref : span.references()) {
      if (!parts.isLink(ref)) {
        continue;
      }
      builder.addLinks(
          io.opentelemetry.proto.trace.v1.Span.Link.newBuilder()
              .setTraceId(ByteString.copyFrom(ref.traceId().toBytes()))
              .setSpanId(ByteString.copyFrom(ref.spanId().toBytes()))
              .addAttributes(
                  attribute(
                      OtlpToJaeger.REF_TYPE,
                      AnyValue.newBuilder()
                          .setStringValue(
                              ref.refType() == RefType.CHILD_OF ? "child_of" : "follows_from")
                          .build())));
    }
    return builder.build();
  }

  /** The attributes, the span's warnings (if any) replacing a tag of the warnings' key. */
  private static List<io.opentelemetry.proto.common.v1.KeyValue> attributes(
      Map<String, KeyValue> attributes, List<String> warnings) {
    List<io.opentelemetry.proto.common.v1.KeyValue> list =
        new java.util.ArrayList<>(attributes.size() + 1);
    for (Map.Entry<String, KeyValue> attribute : attributes.entrySet()) {
      if (!warnings.isEmpty() && attribute.getKey().equals(OtlpToJaeger.WARNINGS)) {
        continue;
      }
      list.add(attribute(attribute.getKey(), value(attribute.getValue())));
    }
    if (!warnings.isEmpty()) {
      ArrayValue.Builder array = ArrayValue.newBuilder();
      for (String warning : warnings) {
        array.addValues(AnyValue.newBuilder().setStringValue(warning));
      }
      list.add(
          attribute(OtlpToJaeger.WARNINGS, AnyValue.newBuilder().setArrayValue(array).build()));
    }
    return list;
  }

  private static io.opentelemetry.proto.common.v1.KeyValue attribute(String key, AnyValue value) {
    return io.opentelemetry.proto.common.v1.KeyValue.newBuilder()
        .setKey(key)
        .setValue(value)
        .build();
  }

  private static AnyValue value(KeyValue tag) {
    AnyValue.Builder value = AnyValue.newBuilder();
    switch (tag.type()) {
      case STRING -> value.setStringValue(tag.stringValue());
      case BOOL -> value.setBoolValue(tag.boolValue());
      case INT64 -> value.setIntValue(tag.longValue());
      case FLOAT64 -> value.setDoubleValue(tag.doubleValue());
      case BINARY -> value.setBytesValue(ByteString.copyFrom(tag.binaryValue()));
    }
    return value.build();
  }
}
