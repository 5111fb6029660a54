package io.sightline.storage.elasticsearch.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sightline.format.jaeger.JaegerModelJson;
import io.sightline.storage.elasticsearch.client.JsonCodec;
import io.sightline.testing.Fixtures;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import io.sightline.trace.ValueType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

/**
 * Span documents ↔ domain spans ({@link SpanDecoder} from the parser, {@link SpanToDocument}), with
 * Jaeger's conversion fixtures of three versions.
 */
class DocumentMappingTest {

  private static final String V1_60_DIR = "plugin/storage/es/spanstore/dbmodel/fixtures/";
  private static final String V1_76_DIR = "internal/storage/v1/elasticsearch/spanstore/fixtures/";
  private static final String HEAD_DIR =
      "internal/storage/v2/elasticsearch/tracestore/core/fixtures/";
  private static final String V2_DIR = "internal/storage/v2/elasticsearch/tracestore/fixtures/";

  private final SpanToDocument writer = new SpanToDocument(TagsAsFields.none());

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "v1.60 (string values), " + Fixtures.JAEGER_V1_60 + ", " + V1_60_DIR,
    "v1.76 (typed values), " + Fixtures.JAEGER_V1_76 + ", " + V1_76_DIR,
    "HEAD (typed values), " + Fixtures.JAEGER_HEAD + ", " + HEAD_DIR,
  })
  void documentReadsAsJaegersDomainSpan(String version, String root, String dir) throws Exception {
    Span expected = JaegerModelJson.readSpan(Fixtures.path(root, dir + "domain_01.json"));
    Span actual = read(Fixtures.read(root, dir + "es_01.json"));
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.warnings()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "v1.76, " + Fixtures.JAEGER_V1_76 + ", " + V1_76_DIR,
    "HEAD, " + Fixtures.JAEGER_HEAD + ", " + HEAD_DIR,
  })
  void domainSpanWritesAsJaegersTypedDocument(String version, String root, String dir)
      throws Exception {
    Span span = JaegerModelJson.readSpan(Fixtures.path(root, dir + "domain_01.json"));
    String written = JsonCodec.write(writer.toDocument(span));
    JSONAssert.assertEquals(
        Fixtures.read(root, dir + "es_01.json"), written, JSONCompareMode.STRICT);
  }

  @Test
  void stringAndTypedEncodingsOfTheV2FixtureReadTheSame() throws Exception {
    for (String root : List.of(Fixtures.JAEGER_HEAD, Fixtures.JAEGER_V1_76)) {
      Span typed = read(Fixtures.read(root, V2_DIR + "es_01.json"));
      Span strings = read(Fixtures.read(root, V2_DIR + "es_01_string_tags.json"));
      assertThat(strings).isEqualTo(typed);
      assertThat(typed.warnings()).isEmpty();
      // 128-bit ID, written 32 characters wide by the v2 writer.
      assertThat(typed.traceId()).isEqualTo(new TraceId(1, 0));
      assertThat(typed.tag("peer.ipv4")).isEqualTo(KeyValue.int64("peer.ipv4", 23456));
      assertThat(typed.tag("temperature")).isEqualTo(KeyValue.float64("temperature", 72.5));
      assertThat(typed.tag("error")).isEqualTo(KeyValue.bool("error", true));
      assertThat(typed.tag("blob"))
          .isEqualTo(KeyValue.binary("blob", new byte[] {0, 0, 0x30, 0x39}));
      // parentSpanID 3 is already the first CHILD_OF: not added twice.
      assertThat(typed.references()).hasSize(3);
      assertThat(typed.parentSpanId()).isEqualTo(new SpanId(3));
    }
  }

  @Test
  void parentSpanIdWithoutAReferenceBecomesTheFirstChildOf() throws Exception {
    Span span =
        read(
            """
            {"traceID":"00000000000000010000000000000002","spanID":"0000000000000005",
             "parentSpanID":"0000000000000004","operationName":"op","startTime":1,"duration":2,
             "references":[{"refType":"FOLLOWS_FROM","traceID":"00000000000000ff","spanID":"0000000000000009"}],
             "process":{"serviceName":"s"}}
            """);
    TraceId traceId = new TraceId(1, 2);
    assertThat(span.references())
        .containsExactly(
            SpanReference.childOf(traceId, new SpanId(4)),
            SpanReference.followsFrom(new TraceId(0, 0xff), new SpanId(9)));
    assertThat(span.parentSpanId()).isEqualTo(new SpanId(4));
    // A root span written by v2.20+: parentSpanID "" adds nothing.
    Span root =
        read(
            "{\"traceID\":\"1\",\"spanID\":\"1\",\"parentSpanID\":\"\",\"operationName\":\"op\","
                + "\"startTime\":1,\"duration\":2,\"references\":null,\"process\":{\"serviceName\":\"s\"}}");
    assertThat(root.references()).isEmpty();
    assertThat(root.warnings()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "0000000000abcdef, 0, 11259375", // v1, 64-bit: 16 characters
    "00000000000000000000000000abcdef, 0, 11259375", // v2 ≥ 2.7: always 32
    "abcdef, 0, 11259375", // before v1.16: leading zeros stripped
    "10000000000abcdef, 1, 11259375", // legacy 128-bit: high part stripped
    "0000000000000001000000000000abcdef, -1, -1", // too long: the caller's ID is used
  })
  void everyTraceIdSpellingNormalizes(String stored, long high, long low) throws Exception {
    TraceId expected = TraceId.parse("77");
    Span span =
        read(
            "{\"traceID\":\""
                + stored
                + "\",\"spanID\":\"1\",\"operationName\":\"op\",\"startTime\":1,"
                + "\"duration\":1,\"process\":{\"serviceName\":\"s\"}}",
            expected);
    if (high < 0) {
      assertThat(span.traceId()).isEqualTo(expected);
      assertThat(span.warnings()).singleElement().asString().contains("invalid traceID");
    } else {
      assertThat(span.traceId()).isEqualTo(new TraceId(high, low));
      assertThat(span.warnings()).isEmpty();
    }
  }

  @Test
  void tagsAsFieldsAreAppendedWithInferredTypesAndDotsRestored() throws Exception {
    Span span =
        read(
            """
            {"traceID":"1","spanID":"2","operationName":"op","startTime":1,"duration":1,
             "tags":[{"key":"blob","type":"binary","value":"ff00"}],
             "tag":{"http@status_code":200,"http@url":"http://x/y","error":true,"ratio":0.25,"one":1.0,
                    "big":12345678901234567890},
             "process":{"serviceName":"s","tags":null,"tag":{"host@name":"h1","pid":42}}}
            """);
    assertThat(span.tags())
        .containsExactly(
            KeyValue.binary("blob", new byte[] {(byte) 0xff, 0}),
            KeyValue.int64("http.status_code", 200),
            KeyValue.string("http.url", "http://x/y"),
            KeyValue.bool("error", true),
            KeyValue.float64("ratio", 0.25),
            KeyValue.float64("one", 1.0),
            KeyValue.float64("big", 12345678901234567890.0));
    assertThat(span.process().tags())
        .containsExactly(KeyValue.string("host.name", "h1"), KeyValue.int64("pid", 42));
    assertThat(span.warnings()).isEmpty();
  }

  @Test
  void tagsAsFieldsRoundTripThroughTheWriter() throws Exception {
    TraceId traceId = TraceId.parse("abc");
    Span span =
        new Span(
            traceId,
            new SpanId(7),
            "op",
            List.of(),
            0,
            1_714_521_600_123_456L,
            42,
            List.of(
                KeyValue.binary("blob", new byte[] {1, 2}),
                KeyValue.string("http.method", "GET"),
                KeyValue.int64("http.status_code", 200),
                KeyValue.float64("ratio", 0.5),
                KeyValue.bool("error", false)),
            List.of(new SpanLog(1_714_521_600_123_457L, List.of(KeyValue.string("event", "x")))),
            new TracedProcess(
                "svc", List.of(KeyValue.string("host.name", "h"), KeyValue.int64("pid", 1))),
            List.of());
    SpanToDocument includeSome =
        new SpanToDocument(
            new TagsAsFields(false, Set.of("http.method", "host.name", "blob"), "@"));
    String json = JsonCodec.write(includeSome.toDocument(span));
    assertThat(json)
        .contains("\"tag\":{\"http@method\":\"GET\"}")
        .contains("\"tag\":{\"host@name\":\"h\"}")
        .contains("{\"key\":\"blob\",\"type\":\"binary\",\"value\":\"0102\"}")
        .contains("\"startTimeMillis\":1714521600123")
        .doesNotContain("flags")
        .doesNotContain("parentSpanID");
    Span back = read(json);
    assertThat(back.tags())
        .containsExactly(
            KeyValue.binary("blob", new byte[] {1, 2}),
            KeyValue.int64("http.status_code", 200),
            KeyValue.float64("ratio", 0.5),
            KeyValue.bool("error", false),
            KeyValue.string("http.method", "GET"));
    assertThat(back.process().tags())
        .containsExactly(KeyValue.int64("pid", 1), KeyValue.string("host.name", "h"));
    assertThat(back.withTags(span.tags()).withProcess(span.process())).isEqualTo(span);

    SpanToDocument all = new SpanToDocument(new TagsAsFields(true, Set.of(), "_"));
    assertThat(JsonCodec.write(all.toDocument(span)))
        .contains(
            "\"tag\":{\"http_method\":\"GET\",\"http_status_code\":200,\"ratio\":0.5,\"error\":false}");
  }

  @Test
  void writerSpellsTraceIdsLikeJaegerV1AndOnRequestAsOtherWritersDid() {
    Span span =
        new Span(
            TraceId.parse("abc"),
            new SpanId(1),
            "op",
            List.of(
                SpanReference.childOf(TraceId.parse("abc"), new SpanId(2)),
                SpanReference.followsFrom(TraceId.parse("1234567890abcdef1"), new SpanId(3))),
            1,
            1000,
            1,
            List.of(),
            List.of(),
            new TracedProcess("s", List.of()),
            List.of());
    SpanDocument v1 = writer.toDocument(span);
    assertThat(v1.traceId()).isEqualTo("0000000000000abc");
    assertThat(v1.references().get(0).traceId()).isEqualTo("0000000000000abc");
    assertThat(v1.references().get(1).traceId()).isEqualTo("0000000000000001234567890abcdef1");
    SpanDocument legacy = writer.toDocument(span, "abc");
    assertThat(legacy.traceId()).isEqualTo("abc");
    assertThat(legacy.references().get(0).traceId()).isEqualTo("abc");
    assertThat(writer.toDocument(span, span.traceId().toPaddedHex()).traceId())
        .isEqualTo("00000000000000000000000000000abc");
  }

  @Test
  void floatsAreWrittenAsGoWritesThem() {
    assertThat(JsonCodec.write(SpanToDocument.jsonValue(KeyValue.float64("f", 1e21))))
        .isEqualTo("1e+21");
    assertThat(JsonCodec.write(SpanToDocument.jsonValue(KeyValue.float64("f", 72.5))))
        .isEqualTo("72.5");
    assertThat(JsonCodec.write(SpanToDocument.jsonValue(KeyValue.float64("f", 1.0))))
        .isEqualTo("1");
    assertThat(JsonCodec.write(SpanToDocument.jsonValue(KeyValue.float64("f", Double.NaN))))
        .isEqualTo("\"NaN\"");
    assertThat(JsonCodec.write(SpanToDocument.jsonValue(KeyValue.int64("i", Long.MAX_VALUE))))
        .isEqualTo("9223372036854775807");
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        // type | JSON value | expected type | expected value (as text)
        "int64 | 123 | int64 | 123",
        "int64 | \"123\" | int64 | 123",
        "int64 | \"+123\" | int64 | 123",
        "int64 | 9223372036854775807 | int64 | 9223372036854775807",
        "int64 | 5.0 | int64 | 5",
        "float64 | 1 | float64 | 1",
        "float64 | \"72.5\" | float64 | 72.5",
        "float64 | \"1e+21\" | float64 | 1e+21",
        "float64 | \"NaN\" | float64 | NaN",
        "float64 | \"-Inf\" | float64 | -Inf",
        "float64 | 1e-7 | float64 | 1e-7",
        "bool | true | bool | true",
        "bool | \"true\" | bool | true",
        "bool | \"F\" | bool | false",
        "bool | 1 | bool | true",
        "string | \"x\" | string | x",
        "string | 42 | string | 42",
        "string | true | string | true",
        "binary | \"00003039\" | binary | 00003039",
        "binary | \"ABCD\" | binary | abcd",
      })
  void valuesDecodeByTheirDeclaredType(String type, String json, String expectedType, String text)
      throws Exception {
    KeyValue kv = readTag(type, json);
    assertThat(kv.type().jaegerName()).isEqualTo(expectedType);
    assertThat(kv.valueAsString()).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        "int64 | \"abc\" | abc",
        "int64 | \"1.5\" | 1.5",
        "int64 | 1.5 | 1.5",
        "int64 | 99999999999999999999 | 99999999999999999999",
        "int64 | \" 1\" | ' 1'",
        "float64 | \"1.5f\" | 1.5f",
        "float64 | \"\" | ''",
        "bool | \"yes\" | yes",
        "bool | 2 | 2",
        "binary | \"abc\" | abc",
        "binary | \"zz\" | zz",
        "binary | 12 | 12",
        "string | {\"a\":1} | {\"a\":1}",
      })
  void aBadValueIsKeptAsAStringWithAWarning(String type, String json, String text)
      throws Exception {
    Span span = read(spanWithTag(type, json));
    KeyValue kv = span.tags().get(0);
    assertThat(kv.type()).isEqualTo(ValueType.STRING);
    assertThat(kv.stringValue()).isEqualTo(text);
    assertThat(span.warnings())
        .singleElement()
        .asString()
        .contains("\"k\"")
        .contains("kept as a string");
  }

  @Test
  void missingTypesAndValuesAreWarnedAbout() throws Exception {
    Span span =
        read(
            """
            {"traceID":"1","spanID":"2","operationName":"op","startTime":1,"duration":1,
             "tags":[{"key":"a","value":7},{"key":"b","type":"map","value":"{}"},{"key":"c","type":"int64"},null],
             "process":{"serviceName":"s"}}
            """);
    assertThat(span.tags())
        .containsExactly(
            KeyValue.int64("a", 7), KeyValue.string("b", "{}"), KeyValue.string("c", ""));
    assertThat(span.warnings()).hasSize(3);
  }

  @Test
  void nullListsAndMissingFieldsDoNotFail() throws Exception {
    Span span =
        read(
            "{\"traceID\":\"1\",\"references\":null,\"tags\":null,\"logs\":[{\"timestamp\":5,\"fields\":null}],"
                + "\"startTimeMillis\":7}");
    assertThat(span.spanId()).isEqualTo(new SpanId(0));
    assertThat(span.operationName()).isEmpty();
    assertThat(span.startTime()).isEqualTo(7000);
    assertThat(span.logs()).containsExactly(new SpanLog(5, List.of()));
    assertThat(span.process()).isEqualTo(new TracedProcess("", List.of()));
    assertThat(span.warnings())
        .containsExactly(
            "span document has no spanID",
            "span document has no operationName",
            "span document has no startTime; using startTimeMillis",
            "span document has no duration",
            "span document has no process");
  }

  @Test
  void fieldsOfTheWrongJsonTypeAreIgnoredWithAWarning() throws Exception {
    Span span =
        read(
            """
            {"traceID":"1","spanID":"2","operationName":"op","startTime":"soon","duration":{"us":5},
             "flags":"x","tags":"nope","logs":[{"timestamp":[1],"fields":[]}],"process":{"serviceName":"s"},
             "unknownField":{"deep":[1,2,3]}}
            """);
    assertThat(span.operationName()).isEqualTo("op");
    assertThat(span.startTime()).isZero();
    assertThat(span.tags()).isEmpty();
    assertThat(span.logs()).containsExactly(new SpanLog(0, List.of()));
    assertThat(span.warnings())
        .containsExactly(
            "field \"startTime\": \"soon\" is not a Long; ignored",
            "field \"duration\": unexpected object where a Long belongs; ignored",
            "field \"flags\": \"x\" is not a Long; ignored",
            "field \"tags\": unexpected string where a List belongs; ignored",
            "field \"timestamp\": unexpected array where a Long belongs; ignored",
            "span document has no startTime",
            "span document has no duration",
            "log without a timestamp");
  }

  @Test
  void scalarsAreCoercedAsJacksonDidAndIdsMayBeNumbers() throws Exception {
    Span span =
        read(
            """
            {"traceID":12,"spanID":34,"operationName":42,"startTime":"5","duration":7.9,"flags":1,
             "references":[null,{"refType":"FOLLOWS_FROM","spanID":"9"},{"spanID":""},
                           {"traceID":"zz","spanID":"1"},{"spanID":"xyz"}],
             "logs":[null,{"fields":[{"key":"event","type":"string","value":"e"}]}],
             "process":{"tags":[{"key":"k","type":"bool","value":"true"}]}}
            """);
    assertThat(span.traceId()).isEqualTo(new TraceId(0, 0x12));
    assertThat(span.spanId()).isEqualTo(new SpanId(0x34));
    assertThat(span.operationName()).isEqualTo("42");
    assertThat(span.startTime()).isEqualTo(5);
    assertThat(span.duration()).isEqualTo(7);
    assertThat(span.flags()).isEqualTo(1);
    assertThat(span.references())
        .containsExactly(SpanReference.followsFrom(new TraceId(0, 0x12), new SpanId(9)));
    assertThat(span.logs()).containsExactly(new SpanLog(0, List.of(KeyValue.string("event", "e"))));
    assertThat(span.process()).isEqualTo(new TracedProcess("", List.of(KeyValue.bool("k", true))));
    assertThat(span.warnings())
        .containsExactly(
            "span document has no reference spanID",
            "reference with invalid traceID \"zz\" left out",
            "invalid reference spanID \"xyz\": strconv.ParseUint: parsing \"xyz\": invalid syntax",
            "log without a timestamp",
            "process has no serviceName");
  }

  @Test
  void processesAreSharedAcrossTheSpansOfAResponse() throws Exception {
    SpanDecoder decoder = new SpanDecoder("@");
    String process =
        "\"process\":{\"serviceName\":\"s\",\"tags\":[{\"key\":\"host\",\"type\":\"string\","
            + "\"value\":\"h1\"}],\"tag\":{\"ip@v4\":\"1.2.3.4\"}}";
    Span first = read(decoder, "{\"traceID\":\"1\",\"spanID\":\"1\"," + process + "}", null);
    Span second = read(decoder, "{" + process + ",\"traceID\":\"1\",\"spanID\":\"2\"}", null);
    Span other =
        read(
            decoder,
            "{\"traceID\":\"1\",\"spanID\":\"3\",\"process\":{\"serviceName\":\"s\"}}",
            null);
    assertThat(second.process()).isSameAs(first.process());
    assertThat(first.process().tags())
        .containsExactly(KeyValue.string("host", "h1"), KeyValue.string("ip.v4", "1.2.3.4"));
    assertThat(other.process()).isNotEqualTo(first.process());
    assertThat(other.process().serviceName()).isSameAs(first.process().serviceName());
  }

  @Test
  void aDocumentWithoutAnyTraceIdNeedsTheCallersId() throws Exception {
    String json = "{\"spanID\":\"1\"}";
    assertThatThrownBy(() -> read(json)).isInstanceOf(IllegalArgumentException.class);
    assertThat(read(json, new TraceId(0, 9)).traceId()).isEqualTo(new TraceId(0, 9));
  }

  @Test
  void serviceDocumentIdIsJaegersFnvHash() throws Exception {
    // From Jaeger's write_service.json snapshot.
    assertThat(new ServiceDocument("test-service", "test-operation").documentId())
        .isEqualTo("cb42af354c445afb");
    // Leading zeros are not padded (Go's %x).
    assertThat(new ServiceDocument("", "").documentId()).isEqualTo("cbf29ce484222325");
  }

  private static String spanWithTag(String type, String json) {
    return "{\"traceID\":\"1\",\"spanID\":\"2\",\"operationName\":\"op\",\"startTime\":1,\"duration\":1,"
        + "\"tags\":[{\"key\":\"k\",\"type\":\""
        + type
        + "\",\"value\":"
        + json
        + "}],\"process\":{\"serviceName\":\"s\"}}";
  }

  private KeyValue readTag(String type, String json) throws Exception {
    Span span = read(spanWithTag(type, json));
    assertThat(span.warnings()).isEmpty();
    return span.tags().get(0);
  }

  private Span read(String json) throws Exception {
    return read(json, null);
  }

  private Span read(String json, TraceId expected) throws Exception {
    return read(new SpanDecoder("@"), json, expected);
  }

  private static Span read(SpanDecoder decoder, String json, TraceId expected) throws Exception {
    try (JsonParser parser = JsonCodec.mapper().createParser(json)) {
      parser.nextToken();
      Span span = decoder.decode(parser, expected);
      assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
      assertThat(parser.nextToken()).isNull();
      return span;
    }
  }
}
