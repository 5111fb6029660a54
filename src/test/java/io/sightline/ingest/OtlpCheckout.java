package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.sightline.grpc.GrpcTestClients;
import io.sightline.trace.TraceId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A checkout across three services sent with the OpenTelemetry SDK, and what Jaeger's OTLP → model
 * translation makes of each span it sent (the facts of Jaeger's translation, stated from the SDK's
 * {@link SpanData}: scope, attributes in the order sent, kind, status; events as logs; parent then
 * links as references; resource attributes as process tags).
 */
final class OtlpCheckout {

  static final String FRONTEND = "otlp-frontend";
  static final String CART = "otlp-cart";
  static final String PAYMENTS = "otlp-payments";

  private OtlpCheckout() {}

  private static SdkTracerProvider provider(Resource resource, SpanExporter... exporters) {
    var builder = SdkTracerProvider.builder().setResource(resource);
    for (SpanExporter exporter : exporters) {
      builder.addSpanProcessor(SimpleSpanProcessor.create(exporter));
    }
    return builder.build();
  }

  /**
   * Sends the checkout: {@value #FRONTEND} and {@value #CART} through {@code grpc}, {@value
   * #PAYMENTS} through {@code http}; every span also to {@code kept}.
   *
   * @return the checkout's trace ID (32 hex digits); one more span is a trace of its own
   */
  static String send(SpanExporter grpc, SpanExporter http, SpanExporter kept) {
    Resource frontendResource =
        Resource.create(
            Attributes.builder()
                .put("service.name", FRONTEND)
                .put("deployment.environment", "test")
                .put("host.cores", 2L)
                .put("feature.enabled", true)
                .put("sample.ratio", 0.5)
                .build());
    SdkTracerProvider frontend = provider(frontendResource, grpc, kept);
    SdkTracerProvider cart =
        provider(
            Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), CART)),
            grpc,
            kept);
    SdkTracerProvider payments =
        provider(
            Resource.create(
                Attributes.of(
                    AttributeKey.stringKey("service.name"),
                    PAYMENTS,
                    AttributeKey.stringKey("cloud.region"),
                    "eu-west-1")),
            http,
            kept);
    Tracer web = frontend.get("io.sightline.it", "2.0.1");
    Tracer cartLib = cart.get("cart-lib");
    Tracer paymentsLib = payments.get("payments-lib", "0.1");

    Span other = web.spanBuilder("warm cache").setSpanKind(SpanKind.INTERNAL).startSpan();
    other.end();
    Span root =
        web.spanBuilder("GET /checkout")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", "GET")
            .setAttribute("http.response.status_code", 500L)
            .setAttribute("sample.weight", 0.75)
            .setAttribute("retry", false)
            .setAttribute(AttributeKey.stringArrayKey("labels"), List.of("a", "b\"c"))
            .setAttribute(AttributeKey.longArrayKey("sizes"), List.of(1L, 2L))
            .startSpan();
    root.addEvent(
        "cache miss",
        Attributes.of(AttributeKey.stringKey("key"), "cart-7", AttributeKey.longKey("hits"), 3L));
    Span render =
        web.spanBuilder("render")
            .setParent(Context.root().with(root))
            .setSpanKind(SpanKind.INTERNAL)
            .startSpan();
    render.setStatus(StatusCode.OK);
    render.end();
    Span client =
        web.spanBuilder("POST /cart")
            .setParent(Context.root().with(root))
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("peer.service", CART)
            .addLink(other.getSpanContext(), Attributes.of(AttributeKey.stringKey("why"), "warm"))
            .startSpan();
    Span cartServer =
        cartLib
            .spanBuilder("POST /cart")
            .setParent(Context.root().with(client))
            .setSpanKind(SpanKind.SERVER)
            .startSpan();
    Span publish =
        cartLib
            .spanBuilder("publish order")
            .setParent(Context.root().with(cartServer))
            .setSpanKind(SpanKind.PRODUCER)
            .startSpan();
    publish.addEvent("enqueued");
    Span consume =
        paymentsLib
            .spanBuilder("consume order")
            .setParent(Context.root().with(publish))
            .setSpanKind(SpanKind.CONSUMER)
            .addLink(
                root.getSpanContext(),
                Attributes.of(AttributeKey.stringKey("opentracing.ref_type"), "child_of"))
            .startSpan();
    consume.setStatus(StatusCode.ERROR);
    consume.end();
    publish.end();
    cartServer.end();
    client.end();
    root.setStatus(StatusCode.ERROR, "boom");
    root.end();
    for (SdkTracerProvider provider : List.of(frontend, cart, payments)) {
      assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
    }
    return root.getSpanContext().getTraceId();
  }

  /** Jaeger UI JSON's trace {@code traceId} holds each of its spans as Jaeger translates them. */
  static void assertTranslated(JsonNode trace, List<SpanData> sent, String traceId) {
    List<SpanData> expected = sent.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    assertThat(expected).isNotEmpty();
    assertThat(TraceId.parse(trace.path("traceID").asString()).toPaddedHex()).isEqualTo(traceId);
    Map<String, JsonNode> spans = new TreeMap<>();
    trace.path("spans").forEach(s -> spans.put(s.path("spanID").asString(), s));
    assertThat(spans.keySet())
        .isEqualTo(expected.stream().map(SpanData::getSpanId).collect(Collectors.toSet()));
    for (SpanData want : expected) {
      JsonNode got = spans.get(want.getSpanId());
      String what = want.getName() + " " + want.getSpanId();
      assertThat(got.path("operationName").asString()).as(what).isEqualTo(want.getName());
      assertThat(got.path("startTime").asLong())
          .as(what)
          .isEqualTo(want.getStartEpochNanos() / 1_000);
      assertThat(got.path("duration").asLong())
          .as(what)
          .isEqualTo((want.getEndEpochNanos() - want.getStartEpochNanos()) / 1_000);
      assertThat(got.path("flags").asInt()).as(what).isEqualTo(wireFlags(want));
      assertThat(GrpcTestClients.tags(got.path("tags"))).as(what).isEqualTo(tags(want));
      assertThat(references(got)).as(what).isEqualTo(references(want));
      List<String> logs = new ArrayList<>();
      got.path("logs")
          .forEach(
              l ->
                  logs.add(
                      l.path("timestamp").asLong() + " " + GrpcTestClients.tags(l.path("fields"))));
      assertThat(logs).as(what).isEqualTo(logs(want));
      JsonNode process = trace.path("processes").path(got.path("processID").asString());
      assertThat(process.path("serviceName").asString())
          .as(what)
          .isEqualTo(want.getResource().getAttribute(AttributeKey.stringKey("service.name")));
      List<String> processTags = new ArrayList<>();
      want.getResource()
          .getAttributes()
          .forEach(
              (k, v) -> {
                if (!k.getKey().equals("service.name")) {
                  processTags.add(tag(k, v));
                }
              });
      assertThat(GrpcTestClients.tags(process.path("tags"))).as(what).isEqualTo(processTags);
      assertThat(got.path("warnings").isNull() || got.path("warnings").isEmpty()).isTrue();
    }
  }

  /**
   * The fields of each span document Jaeger's collector writes, against what was sent: keys {@code
   * <index without prefix> <spanID>}.
   */
  static void assertDocumentFields(Map<String, JsonNode> documents, List<SpanData> sent) {
    Map<String, SpanData> bySpanId = new TreeMap<>();
    sent.forEach(s -> bySpanId.put(s.getSpanId(), s));
    documents.forEach(
        (key, doc) -> {
          SpanData want = bySpanId.get(doc.path("spanID").asString());
          assertThat(want).as(key).isNotNull();
          long start = want.getStartEpochNanos() / 1_000;
          assertThat(key)
              .startsWith(
                  "jaeger-span-"
                      + java.time.Instant.ofEpochMilli(start / 1_000)
                          .atZone(java.time.ZoneOffset.UTC)
                          .toLocalDate());
          assertThat(TraceId.parse(doc.path("traceID").asString()).toPaddedHex())
              .isEqualTo(want.getTraceId());
          assertThat(doc.path("operationName").asString()).isEqualTo(want.getName());
          assertThat(doc.path("startTime").asLong()).isEqualTo(start);
          assertThat(doc.path("startTimeMillis").asLong()).isEqualTo(start / 1_000);
          assertThat(doc.path("duration").asLong())
              .isEqualTo((want.getEndEpochNanos() - want.getStartEpochNanos()) / 1_000);
          assertThat(doc.path("flags").asInt()).isEqualTo(wireFlags(want));
          List<String> keys = new ArrayList<>();
          doc.path("tags")
              .forEach(t -> keys.add(t.path("key").asString() + ":" + t.path("type").asString()));
          List<String> wantKeys = new ArrayList<>();
          tags(want).forEach(t -> wantKeys.add(t.substring(0, t.indexOf('='))));
          assertThat(keys).as(key).isEqualTo(wantKeys);
          assertThat(doc.path("logs").size()).isEqualTo(want.getEvents().size());
          assertThat(doc.path("references").size()).isEqualTo(references(want).size());
          assertThat(doc.path("process").path("serviceName").asString())
              .isEqualTo(want.getResource().getAttribute(AttributeKey.stringKey("service.name")));
        });
  }

  /**
   * The span's OTLP {@code flags} as the SDK puts them on the wire (W3C trace flags and, since OTLP
   * 1.1, the parent's is-remote bits), which Jaeger's storage keeps as the span's flags.
   */
  static int wireFlags(SpanData span) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      TraceRequestMarshaler.create(List.of(span)).writeBinaryTo(out);
      return ExportTraceServiceRequest.parseFrom(out.toByteArray())
          .getResourceSpans(0)
          .getScopeSpans(0)
          .getSpans(0)
          .getFlags();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Jaeger's span tags, {@code key:type=value}, in Jaeger's order. */
  static List<String> tags(SpanData span) {
    List<String> tags = new ArrayList<>();
    String scope = span.getInstrumentationScopeInfo().getName();
    String version = span.getInstrumentationScopeInfo().getVersion();
    if (!scope.isEmpty()) {
      tags.add("otel.scope.name:string=" + scope);
    }
    if (version != null && !version.isEmpty()) {
      tags.add("otel.scope.version:string=" + version);
    }
    span.getAttributes().forEach((k, v) -> tags.add(tag(k, v)));
    if (span.getKind() != null) {
      tags.add("span.kind:string=" + span.getKind().name().toLowerCase(Locale.ROOT));
    }
    StatusCode status = span.getStatus().getStatusCode();
    if (status == StatusCode.ERROR) {
      tags.add("otel.status_code:string=ERROR");
      tags.add("error:bool=true");
    } else if (status == StatusCode.OK) {
      tags.add("otel.status_code:string=OK");
    }
    if (!span.getStatus().getDescription().isEmpty()) {
      tags.add("otel.status_description:string=" + span.getStatus().getDescription());
    }
    return tags;
  }

  /** An attribute as a Jaeger tag; arrays as their JSON text in a string tag. */
  private static String tag(AttributeKey<?> key, Object value) {
    String type =
        switch (key.getType()) {
          case BOOLEAN -> "bool";
          case LONG -> "int64";
          case DOUBLE -> "float64";
          default -> "string";
        };
    String text =
        value instanceof List<?> list
            ? list.stream()
                .map(
                    v ->
                        v instanceof String s
                            ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                            : v.toString())
                .collect(Collectors.joining(",", "[", "]"))
            : value.toString();
    return key.getKey() + ":" + type + "=" + text;
  }

  /** Parent first ({@code CHILD_OF}), then links typed by {@code opentracing.ref_type}. */
  static List<String> references(SpanData span) {
    List<String> refs = new ArrayList<>();
    if (span.getParentSpanContext().isValid()) {
      refs.add("CHILD_OF " + span.getTraceId() + " " + span.getParentSpanId());
    }
    for (LinkData link : span.getLinks()) {
      String type =
          "child_of"
                  .equals(link.getAttributes().get(AttributeKey.stringKey("opentracing.ref_type")))
              ? "CHILD_OF"
              : "FOLLOWS_FROM";
      refs.add(
          type
              + " "
              + link.getSpanContext().getTraceId()
              + " "
              + link.getSpanContext().getSpanId());
    }
    return refs;
  }

  private static List<String> references(JsonNode span) {
    List<String> refs = new ArrayList<>();
    span.path("references")
        .forEach(
            r ->
                refs.add(
                    r.path("refType").asString()
                        + " "
                        + TraceId.parse(r.path("traceID").asString()).toPaddedHex()
                        + " "
                        + r.path("spanID").asString()));
    return refs;
  }

  /** Events as logs: µs timestamp, the name as a leading {@code event} field, the attributes. */
  private static List<String> logs(SpanData span) {
    List<String> logs = new ArrayList<>();
    for (EventData event : span.getEvents()) {
      List<String> fields = new ArrayList<>();
      fields.add("event:string=" + event.getName());
      event.getAttributes().forEach((k, v) -> fields.add(tag(k, v)));
      logs.add(event.getEpochNanos() / 1_000 + " " + fields);
    }
    return logs;
  }
}
