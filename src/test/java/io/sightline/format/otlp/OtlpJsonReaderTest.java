package io.sightline.format.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.format.TraceFileException;
import io.sightline.testing.Fixtures;
import io.sightline.trace.KeyValue;
import io.sightline.trace.RefType;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class OtlpJsonReaderTest {

  private static final String TRANSFORM_IN =
      "cmd/jaeger/internal/extension/jaegerquery/internal/fixture/otlp2jaeger-in.json";
  private static final String INTEGRATION_TRACES = "internal/storage/integration/fixtures/traces";

  private static final TraceId TRACE = TraceId.parse("83a9efd15c1c98a977e0711cc93ee28b");

  @Test
  void readsJaegersTransformFixtureAsJaegerDoes() {
    List<Trace> traces = OtlpJson.readTraces(Fixtures.path(Fixtures.JAEGER_HEAD, TRANSFORM_IN));

    assertThat(traces).hasSize(1);
    assertThat(traces.get(0).spans()).hasSize(2);
    for (Span span : traces.get(0).spans()) {
      assertThat(span.traceId()).isEqualTo(TRACE);
      assertThat(span.spanId()).isEqualTo(SpanId.parse("e127af99e3b3e074"));
      assertThat(span.operationName()).isEqualTo("okey-dokey-0");
      assertThat(span.references())
          .containsExactly(SpanReference.childOf(TRACE, SpanId.parse("909541b92cf05311")));
      assertThat(span.startTime()).isEqualTo(1_706_678_909_209_712L);
      assertThat(span.duration()).isEqualTo(123);
      assertThat(span.tags())
          .containsExactly(
              KeyValue.string("otel.scope.name", "telemetrygen"),
              KeyValue.string("net.peer.ip", "1.2.3.4"),
              KeyValue.string("peer.service", "telemetrygen-client"),
              KeyValue.string("span.kind", "server"));
      assertThat(span.logs()).isEmpty();
      assertThat(span.process()).isEqualTo(new TracedProcess("telemetrygen", List.of()));
      assertThat(span.warnings()).isEmpty();
      assertThat(span.flags()).isZero();
    }
  }

  static Stream<Path> headTraceFixtures() throws IOException {
    try (Stream<Path> files = Files.list(Fixtures.path(Fixtures.JAEGER_HEAD, INTEGRATION_TRACES))) {
      List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      assertThat(list).hasSize(32);
      return list.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("headTraceFixtures")
  void readsEveryOtlpIntegrationFixture(Path file) {
    List<Trace> traces = OtlpJson.readTraces(file);

    assertThat(traces).hasSize(1);
    Trace trace = traces.get(0);
    assertThat(trace.spans()).isNotEmpty();
    assertThat(trace.spans()).extracting(Span::traceId).containsOnly(trace.traceId());
    assertThat(trace.spans()).allSatisfy(s -> assertThat(s.process().serviceName()).isNotBlank());
    assertThat(trace.spans()).allSatisfy(s -> assertThat(s.startTime()).isPositive());
  }

  @Test
  void statusKindScopeAndTraceStateBecomeTagsInJaegersOrder() {
    Span span =
        onlySpan(
            """
            {"resourceSpans":[{"resource":{"attributes":[
               {"key":"service.name","value":{"stringValue":"api"}},
               {"key":"host.name","value":{"stringValue":"h1"}}]},
             "scopeSpans":[{"scope":{"name":"lib","version":"1.2"},"spans":[{
               "traceId":"00000000000000000000000000000001","spanId":"0000000000000002",
               "traceState":"k=v","flags":1,"name":"op","kind":3,
               "startTimeUnixNano":"1000001999","endTimeUnixNano":"1000003000",
               "attributes":[{"key":"a","value":{"intValue":"7"}}],
               "status":{"code":2,"message":"boom"}}]}]}]}
            """);

    assertThat(span.tags())
        .containsExactly(
            KeyValue.string("otel.scope.name", "lib"),
            KeyValue.string("otel.scope.version", "1.2"),
            KeyValue.int64("a", 7),
            KeyValue.string("span.kind", "client"),
            KeyValue.string("otel.status_code", "ERROR"),
            KeyValue.bool("error", true),
            KeyValue.string("otel.status_description", "boom"),
            KeyValue.string("w3c.tracestate", "k=v"));
    assertThat(span.process())
        .isEqualTo(new TracedProcess("api", List.of(KeyValue.string("host.name", "h1"))));
    assertThat(span.flags()).isEqualTo(1);
    // Nanoseconds are truncated to microseconds, the duration computed before truncating.
    assertThat(span.startTime()).isEqualTo(1_000_001L);
    assertThat(span.duration()).isEqualTo(1L);
  }

  @Test
  void okStatusHasNoErrorTagAndUnsetStatusNone() {
    assertThat(onlySpan(spanJson("\"status\":{\"code\":1}")).tags())
        .containsExactly(KeyValue.string("otel.status_code", "OK"));
    assertThat(onlySpan(spanJson("\"status\":{}")).tags()).isEmpty();
    assertThat(onlySpan(spanJson("\"status\":{\"message\":\"only a message\"}")).tags())
        .containsExactly(KeyValue.string("otel.status_description", "only a message"));
  }

  @ParameterizedTest
  @CsvSource({
    "1, internal",
    "2, server",
    "3, client",
    "4, producer",
    "5, consumer",
    "'\"SPAN_KIND_PRODUCER\"', producer"
  })
  void spanKindsByNumberOrName(String kind, String expected) {
    assertThat(onlySpan(spanJson("\"kind\":" + kind)).tags())
        .containsExactly(KeyValue.string("span.kind", expected));
  }

  @Test
  void unspecifiedOrUnknownKindsAddNoTag() {
    assertThat(onlySpan(spanJson("\"kind\":0")).tags()).isEmpty();
    assertThat(onlySpan(spanJson("\"kind\":9")).tags()).isEmpty();
  }

  @Test
  void valuesOfEveryTypeAndArraysAndMapsAsGoJsonText() {
    Span span =
        onlySpan(
            spanJson(
                """
                "attributes":[
                  {"key":"s","value":{"stringValue":"x"}},
                  {"key":"b","value":{"boolValue":false}},
                  {"key":"i","value":{"intValue":-9223372036854775808}},
                  {"key":"d","value":{"doubleValue":"Infinity"}},
                  {"key":"y","value":{"bytesValue":"AAAwOQ=="}},
                  {"key":"e","value":{}},
                  {"key":"arr","value":{"arrayValue":{"values":[
                     {"stringValue":"a\\"<b>"},{"intValue":"1"},{"doubleValue":1e21},
                     {"boolValue":true},{"bytesValue":"AQI="},{}]}}},
                  {"key":"map","value":{"kvlistValue":{"values":[
                     {"key":"z","value":{"intValue":"1"}},
                     {"key":"a","value":{"kvlistValue":{"values":[]}}},
                     {"key":"z","value":{"doubleValue":0.5}}]}}},
                  {"key":"nan","value":{"arrayValue":{"values":[{"doubleValue":"NaN"}]}}}]
                """));

    assertThat(span.tags())
        .containsExactly(
            KeyValue.string("s", "x"),
            KeyValue.bool("b", false),
            KeyValue.int64("i", Long.MIN_VALUE),
            KeyValue.float64("d", Double.POSITIVE_INFINITY),
            KeyValue.binary("y", new byte[] {0, 0, 0x30, 0x39}),
            KeyValue.string("e", ""),
            KeyValue.string("arr", "[\"a\\\"<b>\",1,1e+21,true,\"AQI=\",null]"),
            // Sorted keys, the last of a repeated key winning: Go's map encoding.
            KeyValue.string("map", "{\"a\":{},\"z\":0.5}"),
            // Go's encoder refuses NaN; pdata's AsString then gives an empty text.
            KeyValue.string("nan", ""));
  }

  @Test
  void eventsBecomeLogsWithTheNameAsLeadingEventField() {
    Span span =
        onlySpan(
            spanJson(
                """
                "events":[
                  {"timeUnixNano":"1500999","name":"retry","attributes":[
                    {"key":"n","value":{"intValue":"2"}}]},
                  {"timeUnixNano":"2000000","name":"ignored","attributes":[
                    {"key":"event","value":{"stringValue":"explicit"}}]},
                  {"timeUnixNano":"3000000"}]
                """));

    assertThat(span.logs())
        .containsExactly(
            new SpanLog(1500, List.of(KeyValue.string("event", "retry"), KeyValue.int64("n", 2))),
            new SpanLog(2000, List.of(KeyValue.string("event", "explicit"))),
            new SpanLog(3000, List.of()));
  }

  @Test
  void parentFirstThenLinksTypedByTheirRefTypeAttribute() {
    TraceId trace = TraceId.parse("1");
    TraceId other = TraceId.parse("ff");
    Span span =
        onlySpan(
            spanJson(
                """
                "parentSpanId":"0000000000000009",
                "links":[
                  {"traceId":"000000000000000000000000000000ff","spanId":"00000000000000ff"},
                  {"traceId":"000000000000000000000000000000ff","spanId":"00000000000000fe",
                   "attributes":[{"key":"opentracing.ref_type","value":{"stringValue":"child_of"}}]},
                  {"traceId":"00000000000000000000000000000001","spanId":"0000000000000009",
                   "attributes":[{"key":"opentracing.ref_type",
                                  "value":{"stringValue":"follows_from"}}]}]
                """));

    assertThat(span.references())
        .containsExactly(
            // The link naming the parent turned the parent reference into FOLLOWS_FROM.
            new SpanReference(RefType.FOLLOWS_FROM, trace, SpanId.parse("9")),
            SpanReference.followsFrom(other, SpanId.parse("ff")),
            SpanReference.childOf(other, SpanId.parse("fe")));
  }

  @Test
  void jaegerWarningsAttributeBecomesSpanWarnings() {
    Span span =
        onlySpan(
            spanJson(
                """
                "attributes":[{"key":"@jaeger@warnings","value":{"arrayValue":{"values":[
                   {"stringValue":"clock skew"},{"stringValue":"second"}]}}},
                  {"key":"k","value":{"stringValue":"v"}}]
                """));

    assertThat(span.warnings()).containsExactly("clock skew", "second");
    assertThat(span.tags()).containsExactly(KeyValue.string("k", "v"));
  }

  @Test
  void resourceWithoutAttributesIsJaegersNoServiceProcess() {
    Span span = onlySpan(spanJson(""));

    assertThat(span.process()).isEqualTo(new TracedProcess("OTLPResourceNoServiceName", List.of()));
  }

  @Test
  void acceptsSnakeCaseNamesEnumNamesNumbersForIntegersBase64IdsNullsAndUnknownFields() {
    Span span =
        onlySpan(
            """
            {"resource_spans":[{"schema_url":"x","future":{"a":[1,2]},"resource":null,
              "scope_spans":[{"scope":{"name":"s","attributes":[]},"spans":[{
                "trace_id":"AAAAAAAAAAAAAAAAAAAAAQ==","span_id":"AAAAAAAAAAI",
                "parent_span_id":"","name":"n","kind":"SPAN_KIND_SERVER",
                "start_time_unix_nano":2000,"end_time_unix_nano":5000,"unknown":true,
                "status":{"code":"STATUS_CODE_OK"},"links":null}]}]}]}
            """);

    assertThat(span.traceId()).isEqualTo(TraceId.parse("1"));
    assertThat(span.spanId()).isEqualTo(SpanId.parse("2"));
    assertThat(span.references()).isEmpty();
    assertThat(span.startTime()).isEqualTo(2);
    assertThat(span.duration()).isEqualTo(3);
    assertThat(span.tags())
        .containsExactly(
            KeyValue.string("otel.scope.name", "s"),
            KeyValue.string("span.kind", "server"),
            KeyValue.string("otel.status_code", "OK"));
  }

  @Test
  void readsJsonLinesAndGroupsSpansByTraceInOrderOfAppearance() {
    String line1 = spanJson("").replace("\n", " ");
    String line2 = spanJson("").replace("\n", " ").replace("0000000000000002", "0000000000000003");
    String line3 =
        spanJson("")
            .replace("\n", " ")
            .replace("00000000000000000000000000000001", "00000000000000000000000000000005");

    List<Trace> traces = OtlpJson.readTraces(line1 + "\n" + line3 + "\n" + line2 + "\n");

    assertThat(traces)
        .extracting(Trace::traceId)
        .containsExactly(TraceId.parse("1"), TraceId.parse("5"));
    assertThat(traces.get(0).spans())
        .extracting(Span::spanId)
        .containsExactly(SpanId.parse("2"), SpanId.parse("3"));
  }

  @Test
  void streamsSpansToAConsumer() {
    List<Span> seen = new ArrayList<>();
    OtlpJson.readSpans(
        new ByteArrayInputStream(
            Fixtures.read(Fixtures.JAEGER_HEAD, INTEGRATION_TRACES, "example_trace.json")
                .getBytes(StandardCharsets.UTF_8)),
        seen::add);

    assertThat(seen)
        .extracting(s -> s.spanId().toString())
        .containsExactly(
            "0000000000000004",
            "0000000000000005",
            "0000000000000003",
            "0000000000000006",
            "0000000000000007");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''                                                  | 1 | 1 | no OTLP data: the input is empty
          '[]'                                                | 1 | 1 | expected a TracesData object, found an array
          '{"resourceSpans":{}}'                              | 1 | 18 | resourceSpans must be an array, found an object
          '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"xyz"}]}]}]}' | 1 | 55 | traceId must be 32 hex characters or 16 bytes in base64, found "xyz"
          '{"resourceSpans":[{"scopeSpans":[{"spans":[{"spanId":"00000000000000000000000000000001"}]}]}]}' | 1 | 54 | spanId must be 16 hex characters or 8 bytes in base64, found "00000000000000000000000000000001"
          '{"resourceSpans":[{"scopeSpans":[{"spans":[{"kind":"SERVER"}]}]}]}' | 1 | 52 | kind "SERVER" is not one of
          '{"resourceSpans":[{"scopeSpans":[{"spans":[{"startTimeUnixNano":"-1"}]}]}]}' | 1 | 65 | startTimeUnixNano -1 is not an unsigned 64-bit integer
          '{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":7}]}]}]}' | 1 | 52 | name must be a string, found number 7
          '{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":"k","value":{"intValue":"1.5"}}]}]}]}]}' | 1 | 90 | intValue 1.5 is not a 64-bit integer
          '{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":"k","value":{"bytesValue":"%%"}}]}]}]}]}' | 1 | 92 | bytesValue "%%" is not base64
          '{"resourceSpans":[{"scopeSpans":[{"spans":[{"flags":4294967296}]}]}]}' | 1 | 53 | flags 4294967296 is not an unsigned 32-bit integer
          '{"resourceSpans":[' | 1 | 19 | Unexpected end-of-input: expected close marker for Array
          """)
  void malformedInputIsReportedWithItsPosition(String json, int line, int column, String problem) {
    assertThatThrownBy(() -> OtlpJson.readTraces(json))
        .isInstanceOf(TraceFileException.class)
        .hasMessageStartingWith("line " + line + ", column " + column + ": " + problem)
        .satisfies(
            e -> {
              TraceFileException ex = (TraceFileException) e;
              assertThat(ex.line()).isEqualTo(line);
              assertThat(ex.column()).isEqualTo(column);
            });
  }

  @Test
  void syntaxErrorsKeepTheParsersPosition() {
    assertThatThrownBy(() -> OtlpJson.readTraces("{\n  \"resourceSpans\": [}\n"))
        .isInstanceOf(TraceFileException.class)
        .hasMessage("line 2, column 21: Unexpected close marker '}': expected ']'");
  }

  private static Span onlySpan(String json) {
    List<Trace> traces = OtlpJson.readTraces(json);
    assertThat(traces).hasSize(1);
    assertThat(traces.get(0).spans()).hasSize(1);
    return traces.get(0).spans().get(0);
  }

  /** One span (trace 1, span 2) with these extra fields, under a resource without attributes. */
  private static String spanJson(String fields) {
    return """
        {"resourceSpans":[{"resource":{},"scopeSpans":[{"scope":{},"spans":[{
          "traceId":"00000000000000000000000000000001","spanId":"0000000000000002"%s}]}]}]}
        """
        .formatted(fields.isBlank() ? "" : "," + fields);
  }
}
