package io.sightline.format.otlp;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.ValueType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a Jaeger span looks through OpenTelemetry's eyes, as {@link OtlpJson#writeTracesData} writes
 * it: for computations that must agree with the OTLP output (Jaeger's trace summaries count
 * OpenTelemetry error statuses and parents, not Jaeger tags).
 */
public final class OtlpSpans {

  private OtlpSpans() {}

  /**
   * Whether the span's OTLP status is {@code ERROR}: an {@code error} tag that is the bool {@code
   * true}, else an {@code otel.status_code} of {@code ERROR}, else an HTTP {@code
   * http.response.status_code} that OpenTelemetry counts as failed for the span's kind.
   */
  public static boolean isError(Span span) {
    Map<String, KeyValue> attributes = new LinkedHashMap<>();
    KeyValue kindTag = null;
    for (KeyValue tag : span.tags()) {
      attributes.put(tag.key(), tag);
      if (tag.key().equals("span.kind")) {
        kindTag = tag;
      }
    }
    int kind =
        kindTag != null && kindTag.type() == ValueType.STRING
            ? JaegerToOtlp.spanKind(kindTag.stringValue())
            : OtlpSpan.KIND_UNSPECIFIED;
    return JaegerToOtlp.Status.of(attributes, kind).code() == OtlpSpan.STATUS_ERROR;
  }

  /**
   * The span's OTLP parent: the first same-trace {@code CHILD_OF} reference, else the first
   * same-trace {@code FOLLOWS_FROM} one; {@code null} for a root span.
   */
  public static SpanId parentSpanId(Span span) {
    SpanId parent = span.parentOrFollowsFromSpanId();
    return parent == null || parent.value() == 0 ? null : parent;
  }

  /**
   * The span's service as an OTLP resource's {@code service.name} says it: the process's service
   * name, {@code ""} for none (or for OTLP's placeholder {@code OTLPResourceNoServiceName}).
   */
  public static String serviceName(Span span) {
    String name = span.process().serviceName();
    return name.equals(OtlpToJaeger.NO_SERVICE_NAME) ? "" : name;
  }
}
