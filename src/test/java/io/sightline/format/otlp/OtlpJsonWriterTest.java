package io.sightline.format.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.format.jaeger.JaegerModelJson;
import io.sightline.testing.Fixtures;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class OtlpJsonWriterTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SNAPSHOTS =
      "cmd/jaeger/internal/extension/jaegerquery/internal/apiv3/snapshots";
  private static final String INTEGRATION_TRACES = "internal/storage/integration/fixtures/traces";

  private static final TraceId TRACE = TraceId.parse("1");
  private static final TracedProcess NO_PROCESS = new TracedProcess("", List.of());

  // ---- Jaeger's own expectations ----

  @Test
  void writesJaegersGetTraceSnapshotExactly() {
    // The snapshot's span as Jaeger v2 stores it: kind and ERROR status as tags, no process.
    Span span =
        span(
            "foobar",
            List.of(KeyValue.string("span.kind", "server"), KeyValue.bool("error", true)),
            0,
            0);

    JsonNode written = JSON.readTree(result(List.of(Trace.of(List.of(span)))));

    assertThat(written)
        .isEqualTo(JSON.readTree(Fixtures.read(Fixtures.JAEGER_HEAD, SNAPSHOTS, "GetTrace.json")))
        .isEqualTo(
            JSON.readTree(Fixtures.read(Fixtures.JAEGER_HEAD, SNAPSHOTS, "FindTraces.json")));
  }

  static Stream<Path> headTraceFixtures() throws IOException {
    try (Stream<Path> files = Files.list(Fixtures.path(Fixtures.JAEGER_HEAD, INTEGRATION_TRACES))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  /**
   * OTLP → domain → OTLP gives back Jaeger's OTLP fixtures, except for what Jaeger's span model has
   * no place for (and Jaeger's own Elasticsearch store drops the same way): link attributes other
   * than the reference type, and scope attributes.
   */
  @ParameterizedTest
  @MethodSource("headTraceFixtures")
  void otlpFixturesSurviveTheRoundTripThroughTheDomain(Path file) {
    JsonNode expected = JSON.readTree(file.toFile());
    for (JsonNode resource : expected.get("resourceSpans")) {
      for (JsonNode scope : resource.get("scopeSpans")) {
        ((ObjectNode) scope.get("scope")).remove("attributes");
        for (JsonNode span : scope.get("spans")) {
          for (JsonNode link : span.path("links")) {
            ArrayNode attributes = (ArrayNode) link.get("attributes");
            for (int i = attributes.size() - 1; i >= 0; i--) {
              if (!attributes.get(i).get("key").asString().equals("opentracing.ref_type")) {
                attributes.remove(i);
              }
            }
          }
        }
      }
    }

    JsonNode written = JSON.readTree(result(OtlpJson.readTraces(file))).get("result");

    assertThat(written).isEqualTo(expected);
  }

  static Stream<Path> v176TraceFixtures() throws IOException {
    try (Stream<Path> files =
        Files.list(Fixtures.path(Fixtures.JAEGER_V1_76, INTEGRATION_TRACES))) {
      return files
          .filter(p -> p.toString().endsWith(".json"))
          // The one fixture whose trace ID changed between v1.76 and HEAD.
          .filter(p -> !p.getFileName().toString().equals("default.json"))
          .sorted()
          .toList()
          .stream();
    }
  }

  /**
   * Jaeger model fixtures (v1.76), written as OTLP, equal the OTLP versions Jaeger made of them
   * (HEAD). Resources are compared as a set: Jaeger's converter ordered them by a map. HEAD also
   * gave names to the spans that had none; those names are not expected.
   */
  @ParameterizedTest
  @MethodSource("v176TraceFixtures")
  void jaegerModelFixturesWriteAsJaegersOtlpVersionsOfThem(Path file) {
    Trace trace = JaegerModelJson.readTrace(file);
    JsonNode expected =
        JSON.readTree(
            Fixtures.read(Fixtures.JAEGER_HEAD, INTEGRATION_TRACES, file.getFileName().toString()));
    boolean unnamed = trace.spans().stream().allMatch(s -> s.operationName().isEmpty());
    if (unnamed) {
      for (JsonNode resource : expected.get("resourceSpans")) {
        for (JsonNode scope : resource.get("scopeSpans")) {
          for (JsonNode span : scope.get("spans")) {
            ((ObjectNode) span).remove("name");
          }
        }
      }
    }

    JsonNode written = JSON.readTree(result(List.of(trace))).get("result");

    assertThat(sortedResources(written)).isEqualTo(sortedResources(expected));
  }

  /**
   * Domain → OTLP → domain keeps every span's identity, times, references, logs and process, and
   * its tags as a set, plus the {@code otel.status_code} that an error status brings back.
   */
  @ParameterizedTest
  @MethodSource("v176TraceFixtures")
  void jaegerModelFixturesSurviveTheRoundTripThroughOtlp(Path file) {
    Trace original = JaegerModelJson.readTrace(file);

    List<Trace> back = OtlpJson.readTraces(tracesData(List.of(original)));

    assertThat(back).hasSize(1);
    List<Span> expected = new ArrayList<>(original.spans());
    List<Span> actual = new ArrayList<>(back.get(0).spans());
    expected.sort(Comparator.comparing(s -> s.spanId().toString()));
    actual.sort(Comparator.comparing(s -> s.spanId().toString()));
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Span want = expected.get(i);
      Span got = actual.get(i);
      assertThat(got.withTags(List.of()))
          .as("span %s without tags", want.spanId())
          .isEqualTo(want.withTags(List.of()));
      List<KeyValue> gotTags = new ArrayList<>(got.tags());
      if (want.isError()) {
        assertThat(gotTags).contains(KeyValue.string("otel.status_code", "ERROR"));
        gotTags.remove(KeyValue.string("otel.status_code", "ERROR"));
      }
      assertThat(gotTags).containsExactlyInAnyOrderElementsOf(want.tags());
    }
  }

  @Test
  void domainToOtlpIsAFixpointAfterOneRoundTrip() {
    Span span =
        new Span(
            TRACE,
            SpanId.parse("2"),
            "op",
            List.of(SpanReference.childOf(TRACE, SpanId.parse("1"))),
            1,
            1_000,
            5,
            List.of(
                KeyValue.string("span.kind", "client"),
                KeyValue.bool("error", true),
                KeyValue.string("otel.status_description", "bad"),
                KeyValue.float64("f", 0.1),
                KeyValue.string("otel.scope.name", "lib")),
            List.of(new SpanLog(1_001, List.of(KeyValue.string("event", "e")))),
            new TracedProcess("svc", List.of(KeyValue.string("host", "h"))),
            List.of("w"));

    String once = tracesData(List.of(Trace.of(List.of(span))));
    String twice = tracesData(OtlpJson.readTraces(once));

    assertThat(twice).isEqualTo(once);
  }

  // ---- translation rules ----

  @Test
  void errorTagMakesTheErrorStatusWithTheStatusDescription() {
    JsonNode span =
        onlySpan(
            List.of(
                KeyValue.bool("error", true),
                KeyValue.string("otel.status_code", "OK"),
                KeyValue.string("otel.status_description", "timeout"),
                KeyValue.string("http.status_message", "kept")));

    assertThat(span.get("status")).isEqualTo(JSON.readTree("{\"message\":\"timeout\",\"code\":2}"));
    assertThat(attributeKeys(span)).containsExactly("http.status_message");
  }

  @Test
  void errorTagWithoutDescriptionTakesTheHttpStatusMessage() {
    JsonNode span =
        onlySpan(
            List.of(KeyValue.bool("error", true), KeyValue.string("http.status_message", "Bad")));

    assertThat(span.get("status")).isEqualTo(JSON.readTree("{\"message\":\"Bad\",\"code\":2}"));
  }

  @Test
  void errorTagThatIsNotABoolStaysAnAttribute() {
    JsonNode span = onlySpan(List.of(KeyValue.string("error", "true")));

    assertThat(span.get("status")).isEqualTo(JSON.readTree("{}"));
    assertThat(attributeKeys(span)).containsExactly("error");
  }

  @Test
  void otelStatusCodeMakesTheStatusAndLeavesTheSpan() {
    assertThat(onlySpan(List.of(KeyValue.string("otel.status_code", "ok"))).get("status"))
        .isEqualTo(JSON.readTree("{\"code\":1}"));
    JsonNode unknown = onlySpan(List.of(KeyValue.string("otel.status_code", "MAYBE")));
    assertThat(unknown.get("status")).isEqualTo(JSON.readTree("{}"));
    assertThat(unknown.has("attributes")).isFalse();
  }

  @Test
  void httpStatusCodeDecidesOnlyWithoutOtherStatus() {
    KeyValue notFound = KeyValue.int64("http.response.status_code", 404);
    KeyValue unavailable = KeyValue.string("http.response.status_code", "503");
    KeyValue message = KeyValue.string("http.status_message", "Service Unavailable");

    assertThat(onlySpan(List.of(KeyValue.string("span.kind", "server"), notFound)).get("status"))
        .isEqualTo(JSON.readTree("{}"));
    assertThat(onlySpan(List.of(KeyValue.string("span.kind", "client"), notFound)).get("status"))
        .isEqualTo(JSON.readTree("{\"code\":2}"));
    JsonNode server =
        onlySpan(List.of(KeyValue.string("span.kind", "server"), unavailable, message));
    assertThat(server.get("status"))
        .isEqualTo(JSON.readTree("{\"message\":\"Service Unavailable\",\"code\":2}"));
    assertThat(attributeKeys(server))
        .containsExactly("http.response.status_code", "http.status_message");
  }

  @Test
  void spanKindAndTraceStateLeaveTheAttributes() {
    JsonNode span =
        onlySpan(
            List.of(
                KeyValue.string("span.kind", "producer"),
                KeyValue.string("w3c.tracestate", "a=1"),
                KeyValue.string("x", "y")));

    assertThat(span.get("kind").asInt()).isEqualTo(4);
    assertThat(span.get("traceState").asString()).isEqualTo("a=1");
    assertThat(attributeKeys(span)).containsExactly("x");
    assertThat(onlySpan(List.of(KeyValue.string("span.kind", "sideways"))).has("kind")).isFalse();
  }

  @Test
  void valuesAreTypedWith64BitIntegersAsStringsAndBytesAsBase64() {
    JsonNode span =
        onlySpan(
            List.of(
                KeyValue.int64("big", Long.MAX_VALUE),
                KeyValue.float64("f", 1e21),
                KeyValue.float64("nan", Double.NaN),
                KeyValue.bool("b", false),
                KeyValue.binary("bin", new byte[] {0, 0, 0x30, 0x39}),
                KeyValue.string("s", "")));

    assertThat(span.get("attributes"))
        .isEqualTo(
            JSON.readTree(
                """
                [{"key":"big","value":{"intValue":"9223372036854775807"}},
                 {"key":"f","value":{"doubleValue":1e21}},
                 {"key":"nan","value":{"doubleValue":"NaN"}},
                 {"key":"b","value":{"boolValue":false}},
                 {"key":"bin","value":{"bytesValue":"AAAwOQ=="}},
                 {"key":"s","value":{"stringValue":""}}]
                """));
    assertThat(span.get("attributes").get(0).get("value").get("intValue").isString()).isTrue();
  }

  @Test
  void repeatedTagKeysCollapseLikePdataMaps() {
    JsonNode span =
        onlySpan(
            List.of(
                KeyValue.string("k", "first"),
                KeyValue.string("other", "o"),
                KeyValue.int64("k", 2)));

    assertThat(span.get("attributes"))
        .isEqualTo(
            JSON.readTree(
                """
                [{"key":"k","value":{"intValue":"2"}},
                 {"key":"other","value":{"stringValue":"o"}}]
                """));
  }

  @Test
  void parentIsTheFirstSameTraceChildOfOtherReferencesAreLinks() {
    TraceId other = TraceId.parse("abc");
    Span span =
        span("op", List.of(), 10, 1)
            .withReferences(
                List.of(
                    SpanReference.childOf(other, SpanId.parse("5")),
                    SpanReference.followsFrom(TRACE, SpanId.parse("6")),
                    SpanReference.childOf(TRACE, SpanId.parse("7"))));

    JsonNode written = writeOne(span);

    assertThat(written.get("parentSpanId").asString()).isEqualTo("0000000000000007");
    assertThat(written.get("links"))
        .isEqualTo(
            JSON.readTree(
                """
                [{"traceId":"00000000000000000000000000000abc","spanId":"0000000000000005",
                  "attributes":[{"key":"opentracing.ref_type","value":{"stringValue":"child_of"}}]},
                 {"traceId":"00000000000000000000000000000001","spanId":"0000000000000006",
                  "attributes":[{"key":"opentracing.ref_type",
                                 "value":{"stringValue":"follows_from"}}]}]
                """));
  }

  @Test
  void aSameTraceFollowsFromIsTheParentWhenThereIsNoChildOf() {
    Span span =
        span("op", List.of(), 10, 1)
            .withReferences(List.of(SpanReference.followsFrom(TRACE, SpanId.parse("6"))));

    JsonNode written = writeOne(span);

    // Jaeger v2's reading: the FOLLOWS_FROM parent, and the reference also kept as a link.
    assertThat(written.get("parentSpanId").asString()).isEqualTo("0000000000000006");
    assertThat(written.get("links")).hasSize(1);
  }

  @Test
  void logsBecomeEventsNamedByTheirEventField() {
    Span span =
        span("op", List.of(), 10, 1)
            .withLogs(
                List.of(
                    new SpanLog(
                        12, List.of(KeyValue.int64("n", 1), KeyValue.string("event", "retry"))),
                    new SpanLog(13, List.of(KeyValue.bool("event", true)))));

    assertThat(writeOne(span).get("events"))
        .isEqualTo(
            JSON.readTree(
                """
                [{"timeUnixNano":"12000","name":"retry",
                  "attributes":[{"key":"n","value":{"intValue":"1"}}]},
                 {"timeUnixNano":"13000","attributes":[{"key":"event","value":{"boolValue":true}}]}]
                """));
  }

  @Test
  void timesAreNanosecondStringsAndWarningsAnAttribute() {
    Span span =
        new Span(
            TRACE,
            SpanId.parse("2"),
            "op",
            List.of(),
            3,
            1_485_449_191_639_875L,
            100,
            List.of(KeyValue.string("a", "b")),
            List.of(),
            NO_PROCESS,
            List.of("skew", "dup"));

    JsonNode written = writeOne(span);

    assertThat(written.get("startTimeUnixNano").asString()).isEqualTo("1485449191639875000");
    assertThat(written.get("endTimeUnixNano").asString()).isEqualTo("1485449191639975000");
    assertThat(written.get("flags").asInt()).isEqualTo(3);
    assertThat(written.get("attributes").get(1))
        .isEqualTo(
            JSON.readTree(
                """
                {"key":"@jaeger@warnings","value":{"arrayValue":{"values":[
                  {"stringValue":"skew"},{"stringValue":"dup"}]}}}
                """));
  }

  @Test
  void spansAreGroupedByEqualProcessThenByScope() {
    TracedProcess a = new TracedProcess("a", List.of(KeyValue.string("ip", "1")));
    TracedProcess aAgain = new TracedProcess("a", List.of(KeyValue.string("ip", "1")));
    TracedProcess a2 = new TracedProcess("a", List.of(KeyValue.string("ip", "2")));
    KeyValue lib = KeyValue.string("otel.scope.name", "lib");
    KeyValue libVersion = KeyValue.string("otel.scope.version", "1");
    List<Span> spans =
        List.of(
            span("s1", List.of(), 1, 1).withProcess(a),
            span("s2", List.of(lib, libVersion), 1, 1).withProcess(a2),
            span("s3", List.of(lib), 1, 1).withProcess(aAgain),
            span("s4", List.of(), 1, 1).withProcess(aAgain),
            span("s5", List.of(libVersion), 1, 1).withProcess(a));

    JsonNode resources =
        JSON.readTree(result(List.of(Trace.of(new ArrayList<>(spans)))))
            .get("result")
            .get("resourceSpans");

    assertThat(resources).hasSize(2);
    assertThat(resources.get(0).get("resource"))
        .isEqualTo(
            JSON.readTree(
                """
                {"attributes":[{"key":"service.name","value":{"stringValue":"a"}},
                               {"key":"ip","value":{"stringValue":"1"}}]}
                """));
    JsonNode scopes = resources.get(0).get("scopeSpans");
    assertThat(scopes).hasSize(2);
    assertThat(scopes.get(0).get("scope")).isEqualTo(JSON.readTree("{}"));
    assertThat(names(scopes.get(0))).containsExactly("s1", "s4", "s5");
    // A version without a name is no scope: it stays an attribute.
    assertThat(attributeKeys(scopes.get(0).get("spans").get(2)))
        .containsExactly("otel.scope.version");
    assertThat(scopes.get(1).get("scope")).isEqualTo(JSON.readTree("{\"name\":\"lib\"}"));
    assertThat(names(scopes.get(1))).containsExactly("s3");
    assertThat(resources.get(1).get("scopeSpans").get(0).get("scope"))
        .isEqualTo(JSON.readTree("{\"name\":\"lib\",\"version\":\"1\"}"));
    assertThat(resources.get(1).get("scopeSpans").get(0).get("spans").get(0).has("attributes"))
        .isFalse();
  }

  @Test
  void tracesFollowOneAnotherInOneMessage() {
    Span first = span("one", List.of(), 1, 1);
    Span second =
        new Span(
            TraceId.parse("fedcba98765432100123456789abcdef"),
            SpanId.parse("3"),
            "two",
            List.of(),
            0,
            1,
            1,
            List.of(),
            List.of(),
            NO_PROCESS,
            List.of());

    JsonNode resources =
        JSON.readTree(result(List.of(Trace.of(List.of(first)), Trace.of(List.of(second)))))
            .get("result")
            .get("resourceSpans");

    assertThat(resources).hasSize(2);
    assertThat(
            resources.get(1).get("scopeSpans").get(0).get("spans").get(0).get("traceId").asString())
        .isEqualTo("fedcba98765432100123456789abcdef");
    assertThat(result(List.of())).isEqualTo("{\"result\":{}}");
  }

  @Test
  void theNoServiceNameOfOtlpIsNotWrittenBack() {
    Span span =
        span("op", List.of(), 1, 1)
            .withProcess(new TracedProcess("OTLPResourceNoServiceName", List.of()));

    JsonNode resource =
        JSON.readTree(result(List.of(Trace.of(List.of(span)))))
            .get("result")
            .get("resourceSpans")
            .get(0)
            .get("resource");

    assertThat(resource).isEqualTo(JSON.readTree("{}"));
  }

  /** 100,000 spans stream out; the output is checked by streaming it back. */
  @Test
  void writesAHundredThousandSpanTraceAsAStream() throws IOException {
    int count = 100_000;
    List<Span> spans = new ArrayList<>(count);
    TracedProcess[] processes = {
      new TracedProcess("frontend", List.of(KeyValue.string("ip", "10.0.0.1"))),
      new TracedProcess("backend", List.of(KeyValue.string("ip", "10.0.0.2")))
    };
    for (int i = 0; i < count; i++) {
      spans.add(
          new Span(
              TRACE,
              new SpanId(i + 1L),
              "op-" + (i % 50),
              i == 0 ? List.of() : List.of(SpanReference.childOf(TRACE, new SpanId(i))),
              1,
              1_700_000_000_000_000L + i,
              100,
              List.of(
                  KeyValue.string("span.kind", i % 2 == 0 ? "server" : "client"),
                  KeyValue.int64("http.status_code", 200)),
              List.of(
                  new SpanLog(1_700_000_000_000_000L + i, List.of(KeyValue.string("event", "x")))),
              // A new but equal TracedProcess per span, as storage readers build them.
              new TracedProcess(processes[i % 2].serviceName(), processes[i % 2].tags()),
              List.of()));
    }
    Trace trace = Trace.of(spans);
    CountingStream out = new CountingStream();

    long elapsedMs = 0;
    for (int round = 0; round < 3; round++) {
      out.bytes = 0;
      long started = System.nanoTime();
      OtlpJson.writeResult(out, List.of(trace));
      elapsedMs = (System.nanoTime() - started) / 1_000_000;
    }

    System.out.printf("OTLP writer: %,d spans, %,d bytes in %,d ms%n", count, out.bytes, elapsedMs);
    assertThat(out.bytes).isGreaterThan(count * 300L);
  }

  @Test
  void streamedOutputParsesBackSpanBySpan() throws IOException {
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      spans.add(span("op", List.of(), 1, 1).withSpanId(new SpanId(i + 1L)));
    }
    String json = result(List.of(Trace.of(spans)));

    int spanIds = 0;
    try (JsonParser parser =
        JsonFactory.builder().build().createParser(ObjectReadContext.empty(), json)) {
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        if (t == JsonToken.PROPERTY_NAME && parser.currentName().equals("spanId")) {
          spanIds++;
        }
      }
    }
    assertThat(spanIds).isEqualTo(1_000);
  }

  // ---- helpers ----

  private static Span span(String name, List<KeyValue> tags, long start, long duration) {
    return new Span(
        TRACE,
        SpanId.parse("2"),
        name,
        List.of(),
        0,
        start,
        duration,
        tags,
        List.of(),
        NO_PROCESS,
        List.of());
  }

  private static JsonNode onlySpan(List<KeyValue> tags) {
    return writeOne(span("op", tags, 10, 1));
  }

  private static JsonNode writeOne(Span span) {
    JsonNode resources =
        JSON.readTree(result(List.of(Trace.of(List.of(span))))).get("result").get("resourceSpans");
    assertThat(resources).hasSize(1);
    JsonNode spans = resources.get(0).get("scopeSpans").get(0).get("spans");
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }

  private static List<String> attributeKeys(JsonNode span) {
    List<String> keys = new ArrayList<>();
    for (JsonNode attribute : span.path("attributes")) {
      keys.add(attribute.get("key").asString());
    }
    return keys;
  }

  private static List<String> names(JsonNode scopeSpans) {
    List<String> names = new ArrayList<>();
    for (JsonNode span : scopeSpans.get("spans")) {
      names.add(span.get("name").asString());
    }
    return names;
  }

  private static JsonNode sortedResources(JsonNode tracesData) {
    List<JsonNode> resources = new ArrayList<>();
    tracesData.get("resourceSpans").forEach(resources::add);
    resources.sort(Comparator.comparing(JsonNode::toString));
    ArrayNode sorted = JSON.createArrayNode();
    resources.forEach(sorted::add);
    return sorted;
  }

  private static String result(List<Trace> traces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OtlpJson.writeResult(out, traces);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The bare TracesData, as OTLP readers take it. */
  private static String tracesData(List<Trace> traces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g =
        JsonFactory.builder().build().createGenerator(ObjectWriteContext.empty(), out)) {
      OtlpJson.writeTracesData(g, traces);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static final class CountingStream extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }
}
