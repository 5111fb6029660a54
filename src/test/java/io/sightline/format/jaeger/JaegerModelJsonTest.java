package io.sightline.format.jaeger;

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
import io.sightline.trace.ValueType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JaegerModelJsonTest {

  private static final String INTEGRATION_TRACES = "internal/storage/integration/fixtures/traces";

  /** 2017-01-26T16:46:31.639875Z in microseconds. */
  private static final long FIXTURE_START_UTC = 1_485_449_191_639_875L;

  /** 2017-01-26T16:46:31.639875-05:00 in microseconds (the value in Jaeger's es_01.json). */
  private static final long FIXTURE_START_EST = 1_485_467_191_639_875L;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Stream<Path> integrationTraceFixtures() throws IOException {
    Path dir = Fixtures.path(Fixtures.JAEGER_V1_76, INTEGRATION_TRACES);
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      assertThat(list).hasSize(29);
      return list.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("integrationTraceFixtures")
  void readsEveryIntegrationTraceFixture(Path file) throws IOException {
    Trace trace = JaegerModelJson.readTrace(file);

    assertThat(trace.spans()).isNotEmpty();
    // Every span of a fixture belongs to the same trace and carries a real service.
    assertThat(trace.spans()).extracting(Span::traceId).containsOnly(trace.traceId());
    for (Span span : trace.spans()) {
      assertThat(span.process().serviceName()).isNotBlank();
      // All fixtures are dated 2017-01-25/26 at microsecond precision.
      assertThat(span.startTime())
          .isBetween(FIXTURE_START_UTC - 86_400_000_000L, FIXTURE_START_UTC);
      assertThat(span.duration()).isPositive();
    }
    // The three ways in must agree.
    try (InputStream in = Files.newInputStream(file)) {
      assertThat(JaegerModelJson.readSpans(in)).isEqualTo(trace.spans());
    }
    assertThat(JaegerModelJson.readTrace(Files.readString(file))).isEqualTo(trace);
  }

  @Test
  void readsTypedTagValuesAndBase64Ids() {
    Trace trace =
        JaegerModelJson.readTrace(
            Fixtures.path(Fixtures.JAEGER_V1_76, INTEGRATION_TRACES, "span_tags_trace.json"));

    Span span = trace.spans().get(0);
    assertThat(span.traceId()).isEqualTo(new TraceId(0, 1));
    assertThat(span.spanId()).isEqualTo(new SpanId(2));
    assertThat(span.startTime()).isEqualTo(FIXTURE_START_UTC);
    assertThat(span.duration()).isEqualTo(7); // "7000ns"
    assertThat(span.tags())
        .containsExactly(
            KeyValue.string("sameplacetag1", "sameplacevalue"),
            KeyValue.int64("sameplacetag2", 123),
            KeyValue.bool("sameplacetag4", true),
            KeyValue.float64("sameplacetag3", 72.5),
            KeyValue.binary("blob", new byte[] {0, 0, 0x30, 0x39}));
    assertThat(span.process()).isEqualTo(new TracedProcess("query01-service", List.of()));
    assertThat(span.logs()).isEmpty();
    assertThat(span.references()).isEmpty();
  }

  @Test
  void readsLogFieldsAndProcessTags() {
    Span logSpan =
        JaegerModelJson.readTrace(
                Fixtures.path(Fixtures.JAEGER_V1_76, INTEGRATION_TRACES, "log_tags_trace.json"))
            .spans()
            .get(0);
    assertThat(logSpan.logs()).hasSize(2);
    assertThat(logSpan.logs().get(0).timestamp()).isEqualTo(FIXTURE_START_UTC);
    assertThat(logSpan.logs().get(0).fields())
        .extracting(KeyValue::key)
        .containsExactly(
            "sameplacetag1", "sameplacetag2", "sameplacetag4", "sameplacetag3", "blob");
    assertThat(logSpan.logs().get(1).fields()).isEmpty();

    Span processSpan =
        JaegerModelJson.readTrace(
                Fixtures.path(Fixtures.JAEGER_V1_76, INTEGRATION_TRACES, "process_tags_trace.json"))
            .spans()
            .get(0);
    assertThat(processSpan.process().serviceName()).isEqualTo("query03-service");
    assertThat(processSpan.process().tags())
        .contains(KeyValue.int64("sameplacetag2", 123), KeyValue.float64("sameplacetag3", 72.5));
  }

  @Test
  void readsIdsWhosePaddingBitsAreNotZero() {
    // "AAAAAAAAAAAAAAAAAAAFEh==" has non-zero bits after the last byte; Go's decoder ignores them.
    Span span =
        JaegerModelJson.readTrace(
                Fixtures.path(
                    Fixtures.JAEGER_V1_76,
                    INTEGRATION_TRACES,
                    "tags_escaped_operator_trace_1.json"))
            .spans()
            .get(0);
    assertThat(span.traceId()).isEqualTo(new TraceId(0, 0x0512));
    assertThat(span.tag("sameplacetag1")).isEqualTo(KeyValue.string("sameplacetag1", "same*"));
  }

  @Test
  void keepsBothDaysOfTheMidnightTrace() {
    Trace trace =
        JaegerModelJson.readTrace(
            Fixtures.path(Fixtures.JAEGER_V1_76, INTEGRATION_TRACES, "multi_index_trace.json"));
    // 2017-01-26T00:03:31.639875Z and 2017-01-25T23:56:31.639875Z
    assertThat(trace.spans())
        .extracting(Span::startTime)
        .containsExactly(1_485_389_011_639_875L, 1_485_388_591_639_875L);
  }

  static Stream<Arguments> dbmodelDomainFixtures() {
    return Stream.of(
        Arguments.of(
            Fixtures.JAEGER_V1_60,
            "plugin/storage/es/spanstore/dbmodel/fixtures/domain_01.json",
            "plugin/storage/es/spanstore/dbmodel/fixtures/es_01.json"),
        Arguments.of(
            Fixtures.JAEGER_V1_76,
            "internal/storage/v1/elasticsearch/spanstore/fixtures/domain_01.json",
            "internal/storage/v1/elasticsearch/spanstore/fixtures/es_01.json"),
        Arguments.of(
            Fixtures.JAEGER_HEAD,
            "internal/storage/v2/elasticsearch/tracestore/core/fixtures/domain_01.json",
            "internal/storage/v2/elasticsearch/tracestore/core/fixtures/es_01.json"));
  }

  /** Each domain span must equal its Elasticsearch document pair, field by field. */
  @ParameterizedTest
  @MethodSource("dbmodelDomainFixtures")
  void domainSpanMatchesItsElasticsearchDocument(String version, String domain, String es) {
    Span span = JaegerModelJson.readSpan(Fixtures.path(version, domain));
    JsonNode doc = JSON.readTree(Fixtures.read(version, es));

    assertThat(span.traceId()).isEqualTo(TraceId.parse(doc.get("traceID").asString()));
    assertThat(span.spanId()).isEqualTo(SpanId.parse(doc.get("spanID").asString()));
    assertThat(span.flags()).isEqualTo(doc.get("flags").asInt());
    assertThat(span.operationName()).isEqualTo(doc.get("operationName").asString());
    assertThat(span.startTime())
        .isEqualTo(doc.get("startTime").asLong())
        .isEqualTo(FIXTURE_START_EST);
    assertThat(span.duration()).isEqualTo(doc.get("duration").asLong());
    assertThat(span.references()).hasSize(doc.get("references").size());
    for (int i = 0; i < span.references().size(); i++) {
      SpanReference ref = span.references().get(i);
      JsonNode docRef = doc.get("references").get(i);
      assertThat(ref.refType()).isEqualTo(RefType.valueOf(docRef.get("refType").asString()));
      assertThat(ref.traceId()).isEqualTo(TraceId.parse(docRef.get("traceID").asString()));
      assertThat(ref.spanId()).isEqualTo(SpanId.parse(docRef.get("spanID").asString()));
    }
    assertSameKeyValues(span.tags(), doc.get("tags"));
    assertThat(span.logs()).hasSize(doc.get("logs").size());
    for (int i = 0; i < span.logs().size(); i++) {
      SpanLog log = span.logs().get(i);
      JsonNode docLog = doc.get("logs").get(i);
      assertThat(log.timestamp()).isEqualTo(docLog.get("timestamp").asLong());
      assertSameKeyValues(log.fields(), docLog.get("fields"));
    }
    assertThat(span.process().serviceName())
        .isEqualTo(doc.get("process").get("serviceName").asString());
    assertSameKeyValues(span.process().tags(), doc.get("process").get("tags"));
  }

  /** Both ES value encodings (typed and all-strings) read as the same text as the domain value. */
  private static void assertSameKeyValues(List<KeyValue> actual, JsonNode expected) {
    assertThat(actual).hasSize(expected.size());
    for (int i = 0; i < actual.size(); i++) {
      KeyValue kv = actual.get(i);
      JsonNode docKv = expected.get(i);
      assertThat(kv.key()).isEqualTo(docKv.get("key").asString());
      assertThat(kv.type().jaegerName()).isEqualTo(docKv.get("type").asString());
      assertThat(kv.valueAsString()).isEqualTo(docKv.get("value").asString());
    }
  }

  static Stream<String> uiDomainFixtures() {
    return Stream.of(
        Fixtures.JAEGER_V1_60 + "/model/converter/json/fixtures",
        Fixtures.JAEGER_V1_76 + "/internal/uimodel/converter/v1/json/fixtures",
        Fixtures.JAEGER_HEAD + "/internal/uimodel/converter/v1/json/fixtures");
  }

  /** The UI converter's domain trace against its UI JSON: IDs, times, names, warnings, tags. */
  @ParameterizedTest
  @MethodSource("uiDomainFixtures")
  void domainTraceMatchesItsUiJson(String dir) {
    Trace trace = JaegerModelJson.readTrace(Fixtures.path(dir, "domain_01.json"));
    JsonNode ui = JSON.readTree(Fixtures.read(dir, "ui_01.json"));

    assertThat(trace.warnings()).containsExactly("some trace warning");
    JsonNode uiSpans = ui.get("spans");
    assertThat(trace.spans()).hasSize(uiSpans.size()).hasSize(5);
    for (int i = 0; i < uiSpans.size(); i++) {
      Span span = trace.spans().get(i);
      JsonNode uiSpan = uiSpans.get(i);
      assertThat(span.traceId().toString()).isEqualTo(uiSpan.get("traceID").asString());
      assertThat(span.spanId().toString()).isEqualTo(uiSpan.get("spanID").asString());
      assertThat(span.operationName()).isEqualTo(uiSpan.get("operationName").asString());
      // .639875139 truncates to .639875, "4000ns" to 4.
      assertThat(span.startTime()).isEqualTo(uiSpan.get("startTime").asLong());
      assertThat(span.duration()).isEqualTo(uiSpan.get("duration").asLong());
      assertThat(span.tags()).hasSize(uiSpan.get("tags").size());
      for (int t = 0; t < span.tags().size(); t++) {
        assertThat(span.tags().get(t).key())
            .isEqualTo(uiSpan.get("tags").get(t).get("key").asString());
        assertThat(span.tags().get(t).type().jaegerName())
            .isEqualTo(uiSpan.get("tags").get(t).get("type").asString());
      }
      JsonNode uiWarnings = uiSpan.get("warnings");
      assertThat(span.warnings()).hasSize(uiWarnings.isNull() ? 0 : uiWarnings.size());
    }
    // An int64 beyond 2^53 stays exact.
    assertThat(trace.spans().get(1).tag("javascript_limit").longValue())
        .isEqualTo(9_223_372_036_854_775_222L);
    assertThat(trace.spans().get(0).logs().get(0).fields())
        .containsExactly(KeyValue.string("event", "some-event"));
  }

  @ParameterizedTest
  @MethodSource("uiDomainFixtures")
  void readsTheEmbeddedProcessSpanFixture(String dir) {
    Span span = JaegerModelJson.readSpan(Fixtures.path(dir, "domain_es_01.json"));
    assertThat(span.flags()).isEqualTo(1);
    assertThat(span.process().serviceName()).isEqualTo("service-x");
    assertThat(span.logs().get(0).fields()).containsExactly(KeyValue.int64("event", 123415));
    assertThat(span.references())
        .containsExactly(
            SpanReference.childOf(new TraceId(0, 1), new SpanId(3)),
            SpanReference.followsFrom(new TraceId(0, 1), new SpanId(4)),
            SpanReference.childOf(new TraceId(0, 0xff), new SpanId(0xff)));
  }

  @Test
  void resolvesProcessIdsThroughTheProcessMapWhereverItStands() {
    String json =
        """
        {"spans":[
          {"traceId":"AAAAAAAAAAEAAAAAAAAAAg==","spanId":"AAAAAAAAAAM=","processId":"p2",
           "startTime":"2024-05-01T12:00:00.000001Z","duration":"1.5ms"},
          {"trace_id":"AAAAAAAAAAEAAAAAAAAAAg==","span_id":"AAAAAAAAAAQ=","process_id":"p1",
           "references":[{"traceId":"AAAAAAAAAAEAAAAAAAAAAg==","spanId":"AAAAAAAAAAM=","refType":1}],
           "tags":[{"key":"n","vType":2,"vInt64":"-9223372036854775808"},
                   {"key":"f","vType":"FLOAT64","vFloat64":"NaN"},
                   {"key":"u","v_type":"BINARY","v_binary":"_-8="},
                   {"key":"z","vStr":"","vBool":false,"vInt64":"0","vFloat64":0,"vBinary":null}],
           "flags":4294967295,"warnings":null,"logs":null}
        ],
        "processMap":[
          {"processId":"p1","process":{"serviceName":"one","tags":[{"key":"host","vStr":"h"}]}},
          {"processId":"p2","process":{"serviceName":"two"}}
        ]}
        """;
    Trace trace = JaegerModelJson.readTrace(json);

    Span first = trace.spans().get(0);
    Span second = trace.spans().get(1);
    assertThat(first.traceId()).isEqualTo(new TraceId(1, 2));
    assertThat(first.process()).isEqualTo(new TracedProcess("two", List.of()));
    assertThat(first.startTime()).isEqualTo(1_714_564_800_000_001L);
    assertThat(first.duration()).isEqualTo(1_500);
    assertThat(second.process().tags()).containsExactly(KeyValue.string("host", "h"));
    assertThat(second.references())
        .containsExactly(SpanReference.followsFrom(new TraceId(1, 2), new SpanId(3)));
    assertThat(second.flags()).isEqualTo(-1); // uint32 max, kept bit for bit
    assertThat(second.tags())
        .containsExactly(
            KeyValue.int64("n", Long.MIN_VALUE),
            KeyValue.float64("f", Double.NaN),
            KeyValue.binary("u", new byte[] {(byte) 0xff, (byte) 0xef}),
            KeyValue.string("z", ""));
    assertThat(second.tags().get(3).type()).isEqualTo(ValueType.STRING);
    assertThat(JaegerModelJson.readSpans(json)).isEqualTo(trace.spans());
  }

  @Test
  void readsAnArrayOfSpans() {
    String json =
        """
        [{"traceId":"AAAAAAAAAAAAAAAAAAAAAQ==","spanId":"AAAAAAAAAAE=","process":{"serviceName":"a"}},
         {"traceId":"AAAAAAAAAAAAAAAAAAAAAQ==","spanId":"AAAAAAAAAAI=","process":{"serviceName":"b"}}]
        """;
    assertThat(JaegerModelJson.readSpans(new ByteArrayInputStream(bytes(json))))
        .extracting(span -> span.process().serviceName())
        .containsExactly("a", "b");
  }

  @Test
  void leavesTheCallersStreamOpen() throws IOException {
    String json =
        "{\"traceId\":\"AAAAAAAAAAAAAAAAAAAAAQ==\",\"spanId\":\"AAAAAAAAAAE=\","
            + "\"process\":{\"serviceName\":\"a\"}}";
    boolean[] closed = {false};
    try (InputStream in =
        new ByteArrayInputStream(bytes(json)) {
          @Override
          public void close() {
            closed[0] = true;
          }
        }) {
      JaegerModelJson.readSpan(in);
      assertThat(closed[0]).isFalse();
    }
  }

  /** Where the error must point: the character after this mark (removed before parsing). */
  private static final String HERE = "\u27e6";

  static Stream<Arguments> malformed() {
    String ids = "\"traceId\":\"AAAAAAAAAAAAAAAAAAAAAQ==\",\"spanId\":\"AAAAAAAAAAE=\"";
    String process = "\"process\":{\"serviceName\":\"s\"}";
    String span = "{\"spans\":[{" + ids + "," + process;
    String tagsLine = ",\n\"process\":{\"serviceName\":\"s\",\"tags\":[{\"key\":\"k\",";
    return Stream.of(
        Arguments.of(span + "}" + HERE, "end-of-input"),
        Arguments.of("{\"spans\":[{" + ids + " " + HERE + process + "}]}", "was expecting comma"),
        Arguments.of("{\"spans\":" + HERE + "{}}", "spans must be an array, found an object"),
        Arguments.of("{" + HERE + "\"span\":[]}", "unknown field 'span' in trace"),
        Arguments.of(
            "{\"spans\":[{\"traceId\":" + HERE + "\"AAAA\",\"spanId\":\"AAAAAAAAAAE=\"}]}",
            "traceId must be 16 bytes in base64, found 3 bytes"),
        Arguments.of(
            "{\"spans\":[{\"traceId\":" + HERE + "\"not base64!\"}]}",
            "traceId \"not base64!\" is not base64"),
        Arguments.of(
            "{\"spans\":[" + HERE + "{\"spanId\":\"AAAAAAAAAAE=\"," + process + "}]}",
            "span has no traceId"),
        Arguments.of(
            "{\"spans\":[" + HERE + "{" + ids + "}]}", "span has neither process nor processId"),
        Arguments.of(
            "{\"spans\":[{" + ids + ",\"processId\":" + HERE + "\"p9\"}]}",
            "processId 'p9' is not in the processMap"),
        Arguments.of(
            span + ",\"duration\":" + HERE + "\"5 parsecs\"}]}",
            "duration: time: unknown unit \" parsecs\" in duration \"5 parsecs\""),
        Arguments.of(
            span + ",\"startTime\":" + HERE + "\"yesterday\"}]}",
            "startTime 'yesterday' is not an RFC 3339 timestamp"),
        Arguments.of(
            "{\"spans\":[{" + ids + tagsLine + "\"vType\":" + HERE + "\"INT\"}]}}]}",
            "vType 'INT' is not one of STRING, BOOL, INT64, FLOAT64, BINARY"),
        Arguments.of(
            "{\"spans\":[{" + ids + tagsLine + "\"vInt64\":" + HERE + "5}]}}]}",
            "tag 'k' has a value in vInt64 but its vType is STRING (which uses vStr)"),
        Arguments.of(
            "{\"spans\":[{"
                + ids
                + tagsLine
                + "\"vType\":\"INT64\",\"vInt64\":"
                + HERE
                + "9223372036854775808}]}}]}",
            "vInt64 9223372036854775808 is not a 64-bit integer"),
        Arguments.of(
            span + ",\"flags\":" + HERE + "-1}]}", "flags -1 is not an unsigned 32-bit integer"),
        Arguments.of(
            span + ",\"references\":[{\"refType\":" + HERE + "\"PARENT\"}]}]}",
            "refType 'PARENT' is not one of CHILD_OF, FOLLOWS_FROM"),
        Arguments.of(
            "{\"spans\":[]} " + HERE + "[]", "unexpected an array after the top-level value"),
        // Jackson reports a duplicate key where its value begins.
        Arguments.of(
            "{\"spans\":[], \"spans\"" + HERE + ":[]}", "Duplicate Object property \"spans\""));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void namesThePositionAndTheProblemOfMalformedInput(String marked, String problem) {
    int mark = marked.indexOf(HERE);
    String before = marked.substring(0, mark);
    int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
    int column = mark - (before.lastIndexOf('\n') + 1) + 1;
    String json = marked.replace(HERE, "");

    assertThatThrownBy(() -> JaegerModelJson.readTrace(json))
        .isInstanceOfSatisfying(
            TraceFileException.class,
            e -> {
              assertThat(e.problem()).contains(problem);
              assertThat(e.getMessage()).startsWith("line " + line + ", column " + column + ": ");
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.column()).isEqualTo(column);
            });
  }

  @Test
  void rejectsAnInt64ThatIsNotIntegral() {
    String json =
        "{\"traceId\":\"AAAAAAAAAAAAAAAAAAAAAQ==\",\"spanId\":\"AAAAAAAAAAE=\","
            + "\"process\":{\"serviceName\":\"s\",\"tags\":[{\"key\":\"k\",\"vType\":\"INT64\","
            + "\"vInt64\":1.5}]}}";
    assertThatThrownBy(() -> JaegerModelJson.readSpan(json))
        .isInstanceOf(TraceFileException.class)
        .hasMessageContaining("vInt64 must be an integer, found number 1.5");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
