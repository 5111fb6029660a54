package io.sightline.format.otlp;

import io.sightline.trace.KeyValue;
import io.sightline.trace.RefType;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.TracedProcess;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The OpenTelemetry → Jaeger translation that Jaeger applies to OTLP it shows in the UI ({@code
 * POST /api/transform}: OpenTelemetry Collector contrib's {@code ProtoFromTraces}, plus Jaeger's
 * warning attribute):
 *
 * <ul>
 *   <li>resource attributes become process tags and {@code service.name} the service name; a
 *       resource without attributes becomes the service {@value #NO_SERVICE_NAME};
 *   <li>span tags are, in order: {@code otel.scope.name} and {@code otel.scope.version} (when not
 *       empty), the attributes, {@code span.kind} (unless unspecified), {@code otel.status_code}
 *       ({@code OK} or {@code ERROR}) and {@code error=true} for an error, {@code
 *       otel.status_description} (a non-empty status message) and {@code w3c.tracestate};
 *   <li>array and key-value list attributes become string tags holding their JSON text;
 *   <li>the parent becomes the first reference, {@code CHILD_OF}; each link becomes a reference
 *       whose type is its {@code opentracing.ref_type} attribute ({@code child_of}, else {@code
 *       FOLLOWS_FROM}); a link to the parent only overrides the parent reference's type;
 *   <li>events become logs, the event name a leading {@code event} field (unless an attribute
 *       already has that key);
 *   <li>nanoseconds become microseconds, truncated; the {@code @jaeger@warnings} attribute becomes
 *       the span's warnings.
 * </ul>
 *
 * Unlike the contrib translator, the span's OTLP {@code flags} are kept as Jaeger flags, as Jaeger
 * v2's own storage writer does.
 */
final class OtlpToJaeger {

  /** The service name of a resource without attributes. */
  static final String NO_SERVICE_NAME = "OTLPResourceNoServiceName";

  static final String SERVICE_NAME = "service.name";
  static final String WARNINGS = "@jaeger@warnings";
  static final String REF_TYPE = "opentracing.ref_type";

  private OtlpToJaeger() {}

  /** The process of a resource. */
  static TracedProcess process(List<OtlpValue.Attribute> resourceAttributes) {
    if (resourceAttributes.isEmpty()) {
      return new TracedProcess(NO_SERVICE_NAME, List.of());
    }
    String serviceName = "";
    boolean serviceNameSeen = false;
    List<KeyValue> tags = new ArrayList<>(resourceAttributes.size());
    for (OtlpValue.Attribute attribute : resourceAttributes) {
      if (attribute.key().equals(SERVICE_NAME)) {
        if (!serviceNameSeen) {
          serviceName = attribute.value().str();
          serviceNameSeen = true;
        }
        continue;
      }
      tags.add(tag(attribute));
    }
    return new TracedProcess(serviceName, tags);
  }

  /** One span of a scope, emitted by the given process. */
  static Span span(OtlpSpan span, String scopeName, String scopeVersion, TracedProcess process) {
    List<KeyValue> tags = new ArrayList<>(span.attributes().size() + 6);
    if (!scopeName.isEmpty()) {
      tags.add(KeyValue.string("otel.scope.name", scopeName));
    }
    if (!scopeVersion.isEmpty()) {
      tags.add(KeyValue.string("otel.scope.version", scopeVersion));
    }
    List<String> warnings = warnings(span.attributes());
    for (OtlpValue.Attribute attribute : span.attributes()) {
      if (!warnings.isEmpty() && attribute.key().equals(WARNINGS)) {
        continue;
      }
      tags.add(tag(attribute));
    }
    String kind = spanKind(span.kind());
    if (kind != null) {
      tags.add(KeyValue.string("span.kind", kind));
    }
    if (span.statusCode() == OtlpSpan.STATUS_ERROR) {
      tags.add(KeyValue.string("otel.status_code", "ERROR"));
      tags.add(KeyValue.bool("error", true));
    } else if (span.statusCode() == OtlpSpan.STATUS_OK) {
      tags.add(KeyValue.string("otel.status_code", "OK"));
    }
    if (!span.statusMessage().isEmpty()) {
      tags.add(KeyValue.string("otel.status_description", span.statusMessage()));
    }
    if (!span.traceState().isEmpty()) {
      tags.add(KeyValue.string("w3c.tracestate", span.traceState()));
    }
    long startMicros = span.startTimeUnixNano() / 1_000;
    long durationMicros = (span.endTimeUnixNano() - span.startTimeUnixNano()) / 1_000;
    return new Span(
        span.traceId(),
        span.spanId(),
        span.name(),
        references(span),
        (int) span.flags(),
        startMicros,
        durationMicros,
        tags,
        logs(span.events()),
        process,
        warnings);
  }

  private static List<SpanReference> references(OtlpSpan span) {
    SpanId parent = span.parentSpanId();
    boolean hasParent = parent.value() != 0;
    List<SpanReference> refs = new ArrayList<>(span.links().size() + 1);
    if (hasParent) {
      refs.add(SpanReference.childOf(span.traceId(), parent));
    }
    for (OtlpSpan.Link link : span.links()) {
      RefType type = RefType.FOLLOWS_FROM;
      for (OtlpValue.Attribute attribute : link.attributes()) {
        if (attribute.key().equals(REF_TYPE)) {
          type =
              "child_of".equals(attribute.value().str()) ? RefType.CHILD_OF : RefType.FOLLOWS_FROM;
          break;
        }
      }
      if (hasParent && link.traceId().equals(span.traceId()) && link.spanId().equals(parent)) {
        // The link names the parent: it only says which kind of reference the parent is.
        refs.set(0, new SpanReference(type, span.traceId(), parent));
        continue;
      }
      refs.add(new SpanReference(type, link.traceId(), link.spanId()));
    }
    return refs;
  }

  private static List<SpanLog> logs(List<OtlpSpan.Event> events) {
    List<SpanLog> logs = new ArrayList<>(events.size());
    for (OtlpSpan.Event event : events) {
      List<KeyValue> fields = new ArrayList<>(event.attributes().size() + 1);
      boolean eventAttribute = false;
      for (OtlpValue.Attribute attribute : event.attributes()) {
        if (attribute.key().equals("event")) {
          eventAttribute = true;
          break;
        }
      }
      if (!event.name().isEmpty() && !eventAttribute) {
        fields.add(KeyValue.string("event", event.name()));
      }
      for (OtlpValue.Attribute attribute : event.attributes()) {
        fields.add(tag(attribute));
      }
      logs.add(new SpanLog(event.timeUnixNano() / 1_000, fields));
    }
    return logs;
  }

  /** The span's warnings from Jaeger's {@code @jaeger@warnings} attribute (the first one). */
  private static List<String> warnings(List<OtlpValue.Attribute> attributes) {
    for (OtlpValue.Attribute attribute : attributes) {
      if (attribute.key().equals(WARNINGS)) {
        if (attribute.value() instanceof OtlpValue.Array array) {
          List<String> warnings = new ArrayList<>(array.values().size());
          for (OtlpValue value : array.values()) {
            warnings.add(value.str());
          }
          return warnings;
        }
        return List.of(asString(attribute.value()));
      }
    }
    return List.of();
  }

  private static String spanKind(int kind) {
    return switch (kind) {
      case OtlpSpan.KIND_INTERNAL -> "internal";
      case OtlpSpan.KIND_SERVER -> "server";
      case OtlpSpan.KIND_CLIENT -> "client";
      case OtlpSpan.KIND_PRODUCER -> "producer";
      case OtlpSpan.KIND_CONSUMER -> "consumer";
      default -> null;
    };
  }

  /** An attribute as a Jaeger tag of the matching type; arrays and maps as JSON text. */
  static KeyValue tag(OtlpValue.Attribute attribute) {
    String key = attribute.key();
    OtlpValue value = attribute.value();
    if (value instanceof OtlpValue.Str s) {
      return KeyValue.string(key, s.value());
    }
    if (value instanceof OtlpValue.Int64 i) {
      return KeyValue.int64(key, i.value());
    }
    if (value instanceof OtlpValue.Bool b) {
      return KeyValue.bool(key, b.value());
    }
    if (value instanceof OtlpValue.Float64 d) {
      return KeyValue.float64(key, d.value());
    }
    if (value instanceof OtlpValue.Bytes b) {
      return KeyValue.binary(key, b.value());
    }
    if (value instanceof OtlpValue.Array || value instanceof OtlpValue.KvList) {
      return KeyValue.string(key, GoJsonText.of(value));
    }
    return KeyValue.string(key, ""); // an empty value: Jaeger's zero tag, an empty string
  }

  /** pdata's {@code Value.AsString()}: bytes as base64, infinities spelled out. */
  private static String asString(OtlpValue value) {
    if (value instanceof OtlpValue.Bytes b) {
      return Base64.getEncoder().encodeToString(b.value());
    }
    if (value instanceof OtlpValue.Float64 d && Double.isInfinite(d.value())) {
      return d.value() > 0 ? "Infinity" : "-Infinity";
    }
    return tag(new OtlpValue.Attribute("", value)).valueAsString();
  }
}
