package io.sightline.format.otlp;

import io.sightline.trace.KeyValue;
import io.sightline.trace.RefType;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.TracedProcess;
import io.sightline.trace.ValueType;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Jaeger→OpenTelemetry translation of Jaeger v2's storage reader, shared by the OTLP/JSON and
 * OTLP/protobuf writers: which resource and scope a span belongs to, which tags become the span's
 * kind, status, trace state and parent, and which stay attributes. {@link OtlpJsonWriter} and
 * {@link OtlpProtoWriter} only encode what this decides.
 */
final class JaegerToOtlp {

  private static final String SCOPE_NAME = "otel.scope.name";
  private static final String SCOPE_VERSION = "otel.scope.version";
  private static final String NO_SERVICE_NAME = OtlpToJaeger.NO_SERVICE_NAME;

  private JaegerToOtlp() {}

  /**
   * A trace's span positions grouped by process, then by scope, in order of first appearance (one
   * {@code resourceSpans} per process, one {@code scopeSpans} per scope).
   */
  static Map<TracedProcess, Map<Scope, IntList>> groups(List<Span> spans) {
    // Stores build a TracedProcess per span, so equal processes are usually distinct objects:
    // compare by value, but remember each object's group to hash every distinct object only once.
    Map<TracedProcess, Map<Scope, IntList>> groups = new LinkedHashMap<>();
    IdentityHashMap<TracedProcess, Map<Scope, IntList>> byIdentity = new IdentityHashMap<>();
    for (int i = 0; i < spans.size(); i++) {
      Span span = spans.get(i);
      Map<Scope, IntList> scopes =
          byIdentity.computeIfAbsent(
              span.process(), p -> groups.computeIfAbsent(p, k -> new LinkedHashMap<>()));
      scopes.computeIfAbsent(Scope.of(span), s -> new IntList()).add(i);
    }
    return groups;
  }

  /** The resource's attributes: {@code service.name}, then the process tags. */
  static Map<String, KeyValue> resourceAttributes(TracedProcess process) {
    Map<String, KeyValue> attributes = new LinkedHashMap<>();
    String serviceName = process.serviceName();
    if (!serviceName.isEmpty() && !serviceName.equals(NO_SERVICE_NAME)) {
      attributes.put(OtlpToJaeger.SERVICE_NAME, KeyValue.string("", serviceName));
    }
    putAll(attributes, process.tags(), -1, -1);
    return attributes;
  }

  /**
   * What a span becomes in OTLP besides its IDs, times and name: the tags that are left as
   * attributes, and those turned into fields.
   *
   * @param kind OTLP's span kind
   * @param status from {@code error}, {@code otel.status_code} or the HTTP status
   * @param traceState {@code w3c.tracestate}, or {@code ""}
   * @param parent the parent span, or {@code null}
   * @param attributes the remaining tags, with pdata's map semantics
   */
  record SpanParts(
      int kind, Status status, String traceState, SpanId parent, Map<String, KeyValue> attributes) {

    static SpanParts of(Span span) {
      int scopeNameAt = Scope.nameIndex(span);
      int scopeVersionAt = scopeNameAt < 0 ? -1 : Scope.versionIndex(span);
      Map<String, KeyValue> attributes = new LinkedHashMap<>();
      putAll(attributes, span.tags(), scopeNameAt, scopeVersionAt);

      int kind = OtlpSpan.KIND_UNSPECIFIED;
      KeyValue kindTag = attributes.remove("span.kind");
      if (kindTag != null) {
        kind = spanKind(kindTag.type() == ValueType.STRING ? kindTag.stringValue() : "");
      }
      Status status = Status.of(attributes, kind);
      String traceState = str(attributes.remove("w3c.tracestate"));
      return new SpanParts(kind, status, traceState, span.parentOrFollowsFromSpanId(), attributes);
    }

    /** Whether a reference becomes a link: every one but the parent's CHILD_OF. */
    boolean isLink(SpanReference ref) {
      return parent == null || ref.refType() != RefType.CHILD_OF || !ref.spanId().equals(parent);
    }
  }

  /**
   * A log as an event: its name (a string {@code event} field, which then leaves the attributes)
   * and attributes.
   */
  record EventParts(String name, Map<String, KeyValue> attributes) {

    static EventParts of(SpanLog log) {
      Map<String, KeyValue> attributes = new LinkedHashMap<>();
      putAll(attributes, log.fields(), -1, -1);
      String name = "";
      KeyValue event = attributes.get("event");
      if (event != null && event.type() == ValueType.STRING) {
        name = event.stringValue();
        attributes.remove("event");
      }
      return new EventParts(name, attributes);
    }
  }

  /**
   * Tags into an attribute map with pdata's {@code Put} semantics: a repeated key keeps its first
   * position and takes the last value. The map's values carry the original keys' types.
   */
  static void putAll(Map<String, KeyValue> into, List<KeyValue> tags, int skip1, int skip2) {
    for (int i = 0; i < tags.size(); i++) {
      if (i == skip1 || i == skip2) {
        continue;
      }
      KeyValue tag = tags.get(i);
      into.put(tag.key(), tag);
    }
  }

  static int spanKind(String kind) {
    return switch (kind) {
      case "client" -> OtlpSpan.KIND_CLIENT;
      case "server" -> OtlpSpan.KIND_SERVER;
      case "producer" -> OtlpSpan.KIND_PRODUCER;
      case "consumer" -> OtlpSpan.KIND_CONSUMER;
      case "internal" -> OtlpSpan.KIND_INTERNAL;
      default -> OtlpSpan.KIND_UNSPECIFIED;
    };
  }

  /** pdata's {@code Value.Str()}: the text of a string value, {@code ""} otherwise. */
  static String str(KeyValue tag) {
    return tag != null && tag.type() == ValueType.STRING ? tag.stringValue() : "";
  }

  /** A span's instrumentation scope, from its {@code otel.scope.*} tags. */
  record Scope(String name, String version) {

    private static final Scope NONE = new Scope("", "");

    static Scope of(Span span) {
      int nameAt = nameIndex(span);
      if (nameAt < 0) {
        return NONE;
      }
      int versionAt = versionIndex(span);
      String version = versionAt < 0 ? "" : span.tags().get(versionAt).stringValue();
      return new Scope(span.tags().get(nameAt).stringValue(), version);
    }

    /** The first {@code otel.scope.name} tag holding a string, or -1. */
    static int nameIndex(Span span) {
      return stringTagIndex(span, SCOPE_NAME);
    }

    /** The first {@code otel.scope.version} tag holding a string, or -1. */
    static int versionIndex(Span span) {
      return stringTagIndex(span, SCOPE_VERSION);
    }

    private static int stringTagIndex(Span span, String key) {
      List<KeyValue> tags = span.tags();
      for (int i = 0; i < tags.size(); i++) {
        KeyValue tag = tags.get(i);
        if (tag.type() == ValueType.STRING && tag.key().equals(key)) {
          return i;
        }
      }
      return -1;
    }
  }

  /**
   * The OTLP status derived from a span's tags, removing the tags it consumed: Jaeger's {@code
   * setSpanStatus}.
   */
  record Status(int code, String message) {

    static Status of(Map<String, KeyValue> attributes, int kind) {
      int code = OtlpSpan.STATUS_UNSET;
      String message = "";
      boolean exists = false;
      KeyValue error = attributes.get("error");
      if (error != null && error.type() == ValueType.BOOL && error.boolValue()) {
        code = OtlpSpan.STATUS_ERROR;
        attributes.remove("error");
        exists = true;
        KeyValue description = attributes.remove("otel.status_description");
        if (description != null) {
          message = str(description);
        } else {
          message = str(attributes.get("http.status_message"));
        }
      }
      KeyValue statusCode = attributes.get("otel.status_code");
      if (statusCode != null) {
        if (!exists) {
          // The error tag is the final word; otel.status_code counts only without it.
          exists = true;
          code =
              switch (str(statusCode).toUpperCase(Locale.ROOT)) {
                case "OK" -> OtlpSpan.STATUS_OK;
                case "ERROR" -> OtlpSpan.STATUS_ERROR;
                default -> OtlpSpan.STATUS_UNSET;
              };
          KeyValue description = attributes.remove("otel.status_description");
          if (description != null) {
            message = str(description);
          }
        }
        attributes.remove("otel.status_code");
      } else if (!exists) {
        KeyValue httpCode = attributes.get("http.response.status_code");
        Long httpStatus = httpCode == null ? null : integer(httpCode);
        if (httpStatus != null) {
          int fromHttp = fromHttpStatus(httpStatus, kind);
          if (fromHttp != OtlpSpan.STATUS_UNSET) {
            exists = true;
            code = fromHttp;
          }
          KeyValue httpMessage = attributes.get("http.status_message");
          if (httpMessage != null) {
            message = str(httpMessage);
          }
        }
      }
      return exists ? new Status(code, message) : new Status(OtlpSpan.STATUS_UNSET, "");
    }

    private static Long integer(KeyValue tag) {
      if (tag.type() == ValueType.INT64) {
        return tag.longValue();
      }
      if (tag.type() == ValueType.STRING) {
        try {
          return Long.parseLong(tag.stringValue());
        } catch (NumberFormatException e) {
          return null;
        }
      }
      return null;
    }

    /**
     * OpenTelemetry's HTTP rule: 4xx is an error for clients but not for servers; 1xx–3xx is unset
     * (Jaeger's bound is 399, exclusive); anything else is an error.
     */
    private static int fromHttpStatus(long status, int kind) {
      if (status >= 400 && status < 500) {
        return kind == OtlpSpan.KIND_SERVER ? OtlpSpan.STATUS_UNSET : OtlpSpan.STATUS_ERROR;
      }
      if (status >= 100 && status < 399) {
        return OtlpSpan.STATUS_UNSET;
      }
      return OtlpSpan.STATUS_ERROR;
    }
  }

  /** A growable list of ints, to group span positions without boxing. */
  static final class IntList {
    private int[] values = new int[4];
    private int size;

    void add(int value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    int get(int index) {
      return values[index];
    }

    int size() {
      return size;
    }
  }
}
