package io.sightline.format.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.sightline.format.jaeger.JaegerModelJson;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * OTLP protobuf out of the domain ({@link OtlpProto#tracesData}) says exactly what OTLP/JSON says:
 * both read back into the same spans, for Jaeger's fixtures and for every translation rule.
 */
class OtlpProtoWriterTest {

  private static final TraceId TRACE = TraceId.parse("0af7651916cd43dd8448eb211c80319c");

  static java.util.stream.Stream<Path> v176TraceFixtures() throws java.io.IOException {
    return OtlpJsonWriterTest.v176TraceFixtures();
  }

  @ParameterizedTest
  @MethodSource("v176TraceFixtures")
  void jaegerFixturesReadBackAsFromOtlpJson(Path file) {
    Trace trace = JaegerModelJson.readTrace(file);
    assertSameAsJson(trace);
  }

  @Test
  void everyTranslationRuleReadsBackAsFromOtlpJson() {
    Span parent = span(1, List.of(), List.of(KeyValue.string("span.kind", "server")), List.of());
    Span child =
        span(
            2,
            List.of(
                SpanReference.childOf(TRACE, new SpanId(1)),
                SpanReference.followsFrom(TraceId.parse("77"), new SpanId(9))),
            List.of(
                KeyValue.string("span.kind", "client"),
                KeyValue.bool("error", true),
                KeyValue.string("otel.status_description", "upstream refused"),
                KeyValue.string("w3c.tracestate", "vendor=1"),
                KeyValue.string("otel.scope.name", "okhttp"),
                KeyValue.string("otel.scope.version", "4.12"),
                KeyValue.int64("n", -7),
                KeyValue.float64("f", 0.1),
                KeyValue.binary("b", new byte[] {0, 1})),
            List.of("one warning"));
    Trace trace = Trace.of(new ArrayList<>(List.of(parent, child)));

    assertSameAsJson(trace);

    TracesData data = OtlpProto.tracesData(trace);
    ResourceSpans resource = data.getResourceSpans(0);
    assertThat(resource.getResource().getAttributes(0).getKey()).isEqualTo("service.name");
    assertThat(resource.getResource().getAttributes(0).getValue().getStringValue())
        .isEqualTo("cart");
    // No scope, then the okhttp scope: one scopeSpans each.
    assertThat(resource.getScopeSpansList())
        .extracting(s -> s.getScope().getName())
        .containsExactly("", "okhttp");
    io.opentelemetry.proto.trace.v1.Span written = resource.getScopeSpans(1).getSpans(0);
    assertThat(HexFormat.of().formatHex(written.getTraceId().toByteArray()))
        .isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(HexFormat.of().formatHex(written.getParentSpanId().toByteArray()))
        .isEqualTo("0000000000000001");
    assertThat(written.getKind())
        .isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT);
    assertThat(written.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(written.getStatus().getMessage()).isEqualTo("upstream refused");
    assertThat(written.getTraceState()).isEqualTo("vendor=1");
    assertThat(written.getStartTimeUnixNano()).isEqualTo(1_000_000_000L);
    assertThat(written.getEndTimeUnixNano()).isEqualTo(1_000_250_000L);
    assertThat(written.getLinksCount()).isEqualTo(1);
    assertThat(written.getEvents(0).getName()).isEqualTo("retry");
    assertThat(written.getAttributesList())
        .extracting(a -> a.getKey())
        .containsExactly("n", "f", "b", "@jaeger@warnings");
  }

  private static Span span(
      long id, List<SpanReference> refs, List<KeyValue> tags, List<String> warnings) {
    return new Span(
        TRACE,
        new SpanId(id),
        "op-" + id,
        refs,
        1,
        1_000_000,
        250,
        tags,
        List.of(new SpanLog(1_000_100, List.of(KeyValue.string("event", "retry")))),
        new TracedProcess("cart", List.of(KeyValue.string("host", "h"))),
        warnings);
  }

  private static void assertSameAsJson(Trace trace) {
    List<Span> viaProto = new ArrayList<>();
    OtlpProto.readSpans(OtlpProto.tracesData(trace).getResourceSpansList(), viaProto::add);
    List<Span> viaJson = new ArrayList<>();
    OtlpJson.readTraces(json(trace)).forEach(t -> viaJson.addAll(t.spans()));
    assertThat(viaProto).isNotEmpty().isEqualTo(viaJson);
  }

  private static String json(Trace trace) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g =
        JsonFactory.builder().build().createGenerator(ObjectWriteContext.empty(), out)) {
      OtlpJson.writeTracesData(g, List.of(trace));
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
