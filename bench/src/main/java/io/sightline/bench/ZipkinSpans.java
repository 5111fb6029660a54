package io.sightline.bench;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.TracedProcess;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Converts Sightline's (Jaeger's) spans to Zipkin's JSON v2 model, the body {@code POST
 * /api/v2/spans} takes: {@code traceId}, {@code id}, {@code parentId}, {@code name}, {@code kind},
 * {@code timestamp} and {@code duration} (µs), {@code localEndpoint}, {@code remoteEndpoint},
 * {@code tags} (string values) and {@code annotations} ({@code timestamp} µs, {@code value}).
 *
 * <p>Mapping, as Jaeger's and OpenTelemetry's Zipkin translators do it: {@code span.kind} becomes
 * {@code kind} (internal spans have none); the parent is the CHILD_OF reference (else the first
 * reference); the process's service name and {@code ip} tag make the local endpoint; {@code
 * peer.service} (else, on client and producer spans, {@code server.address}), {@code
 * network.peer.address} and the peer's port make the remote endpoint; every other span tag and
 * every process tag becomes a string tag (OpenTelemetry's exporter writes resource attributes as
 * tags, which keeps the stored documents comparable in content); each log becomes one annotation
 * whose value is its {@code event} field, or its fields as {@code k=v} pairs.
 */
final class ZipkinSpans {

  private static final JsonFactory FACTORY = JsonFactory.builder().build();
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private ZipkinSpans() {}

  /** A JSON array of the spans. */
  static byte[] toJson(List<Span> spans) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(spans.size() * 1500);
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartArray();
      for (Span span : spans) {
        write(g, span);
      }
      g.writeEndArray();
    }
    return out.toByteArray();
  }

  static void write(JsonGenerator g, Span span) {
    String kind = span.spanKind().toUpperCase(Locale.ROOT);
    boolean remoteSide = kind.equals("CLIENT") || kind.equals("PRODUCER");
    g.writeStartObject();
    g.writeStringProperty("traceId", span.traceId().toString());
    g.writeStringProperty("id", span.spanId().toString());
    SpanId parent = parent(span);
    if (parent != null) {
      g.writeStringProperty("parentId", parent.toString());
    }
    g.writeStringProperty("name", span.operationName());
    if (kind.equals("CLIENT")
        || kind.equals("SERVER")
        || kind.equals("PRODUCER")
        || kind.equals("CONSUMER")) {
      g.writeStringProperty("kind", kind);
    }
    g.writeNumberProperty("timestamp", span.startTime());
    g.writeNumberProperty("duration", Math.max(1, span.duration()));

    TracedProcess process = span.process();
    g.writeName("localEndpoint");
    g.writeStartObject();
    g.writeStringProperty("serviceName", process.serviceName());
    String localIp = stringTag(process.tags(), "ip");
    if (localIp != null && IPV4.matcher(localIp).matches()) {
      g.writeStringProperty("ipv4", localIp);
    }
    g.writeEndObject();

    String remoteService = stringTag(span.tags(), "peer.service");
    if (remoteService == null && remoteSide) {
      remoteService = stringTag(span.tags(), "server.address");
    }
    String remoteIp = stringTag(span.tags(), "network.peer.address");
    String remotePort = stringTag(span.tags(), remoteSide ? "server.port" : "network.peer.port");
    if (remoteService != null || remoteIp != null) {
      g.writeName("remoteEndpoint");
      g.writeStartObject();
      if (remoteService != null) {
        g.writeStringProperty("serviceName", remoteService);
      }
      if (remoteIp != null) {
        g.writeStringProperty(IPV4.matcher(remoteIp).matches() ? "ipv4" : "ipv6", remoteIp);
      }
      if (remotePort != null) {
        try {
          g.writeNumberProperty("port", Integer.parseInt(remotePort));
        } catch (NumberFormatException e) {
          // not a port: leave it out
        }
      }
      g.writeEndObject();
    }

    if (!span.logs().isEmpty()) {
      g.writeName("annotations");
      g.writeStartArray();
      for (SpanLog log : span.logs()) {
        g.writeStartObject();
        g.writeNumberProperty("timestamp", log.timestamp());
        g.writeStringProperty("value", annotation(log));
        g.writeEndObject();
      }
      g.writeEndArray();
    }

    Map<String, String> tags = new LinkedHashMap<>();
    for (KeyValue tag : process.tags()) {
      if (!tag.key().equals("ip")) {
        tags.put(tag.key(), tag.valueAsString());
      }
    }
    for (KeyValue tag : span.tags()) {
      if (!tag.key().equals("span.kind")) {
        tags.put(tag.key(), tag.valueAsString());
      }
    }
    if (!tags.isEmpty()) {
      g.writeName("tags");
      g.writeStartObject();
      tags.forEach(g::writeStringProperty);
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static SpanId parent(Span span) {
    SpanId parent = span.parentSpanId();
    if (parent == null && !span.references().isEmpty()) {
      SpanReference first = span.references().get(0);
      if (first.traceId().equals(span.traceId())) {
        parent = first.spanId();
      }
    }
    return parent;
  }

  private static String annotation(SpanLog log) {
    String event = stringTag(log.fields(), "event");
    if (event != null && log.fields().size() == 1) {
      return event;
    }
    StringBuilder text = new StringBuilder();
    for (KeyValue field : log.fields()) {
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(field.key()).append('=').append(field.valueAsString());
    }
    return text.toString();
  }

  private static String stringTag(List<KeyValue> tags, String key) {
    for (KeyValue tag : tags) {
      if (tag.key().equals(key)) {
        return tag.valueAsString();
      }
    }
    return null;
  }
}
