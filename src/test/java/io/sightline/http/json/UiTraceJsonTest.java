package io.sightline.http.json;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import tools.jackson.core.JsonGenerator;

class UiTraceJsonTest {

  static String json(Trace trace, boolean pretty) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = GoJson.generator(out, pretty)) {
      UiTraceJson.write(g, trace);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Jaeger's own conversion fixture: domain_01.json → ui_01.json, at every stored Jaeger version.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    Fixtures.JAEGER_V1_60 + ", model/converter/json/fixtures",
    Fixtures.JAEGER_V1_76 + ", internal/uimodel/converter/v1/json/fixtures",
    Fixtures.JAEGER_HEAD + ", internal/uimodel/converter/v1/json/fixtures",
  })
  void convertsJaegersFixture(String version, String dir) throws Exception {
    Trace trace = JaegerModelJson.readTrace(Fixtures.path(version, dir, "domain_01.json"));
    String expected = Fixtures.read(version, dir, "ui_01.json");
    JSONAssert.assertEquals(expected, json(trace, false), JSONCompareMode.STRICT);
    JSONAssert.assertEquals(expected, json(trace, true), JSONCompareMode.STRICT);
  }

  @Test
  void writesKeysInJaegersOrderAndLeavesOutZeroFlags() {
    TraceId traceId = new TraceId(0x463ac35c9f6413adL, 0x48485a3953bb6124L);
    Span span =
        new Span(
            traceId,
            new SpanId(0xa2fb4a1d1a96d312L),
            "HTTP GET /dispatch",
            List.of(SpanReference.followsFrom(new TraceId(0, 5), new SpanId(1))),
            1,
            1485467191639875L,
            5000,
            List.of(KeyValue.string("span.kind", "server")),
            List.of(new SpanLog(1485467191639875L, List.of())),
            new TracedProcess("frontend", List.of(KeyValue.string("ip", "10.0.0.1"))),
            List.of("w"));
    Span unsampled =
        new Span(
            traceId,
            new SpanId(2),
            span.operationName(),
            span.references(),
            0,
            span.startTime(),
            span.duration(),
            span.tags(),
            span.logs(),
            span.process(),
            span.warnings());
    assertThat(json(Trace.of(List.of(span, unsampled)), false))
        .isEqualTo(
            "{\"traceID\":\"463ac35c9f6413ad48485a3953bb6124\",\"spans\":["
                + "{\"traceID\":\"463ac35c9f6413ad48485a3953bb6124\",\"spanID\":\"a2fb4a1d1a96d312\","
                + "\"flags\":1,\"operationName\":\"HTTP GET /dispatch\",\"references\":[{\"refType\":"
                + "\"FOLLOWS_FROM\",\"traceID\":\"0000000000000005\",\"spanID\":\"0000000000000001\"}],"
                + "\"startTime\":1485467191639875,\"duration\":5000,\"tags\":[{\"key\":\"span.kind\","
                + "\"type\":\"string\",\"value\":\"server\"}],\"logs\":[{\"timestamp\":1485467191639875,"
                + "\"fields\":[]}],\"processID\":\"p1\",\"warnings\":[\"w\"]},"
                + "{\"traceID\":\"463ac35c9f6413ad48485a3953bb6124\",\"spanID\":\"0000000000000002\","
                + "\"operationName\":\"HTTP GET /dispatch\",\"references\":[{\"refType\":"
                + "\"FOLLOWS_FROM\",\"traceID\":\"0000000000000005\",\"spanID\":\"0000000000000001\"}],"
                + "\"startTime\":1485467191639875,\"duration\":5000,\"tags\":[{\"key\":\"span.kind\","
                + "\"type\":\"string\",\"value\":\"server\"}],\"logs\":[{\"timestamp\":1485467191639875,"
                + "\"fields\":[]}],\"processID\":\"p1\",\"warnings\":[\"w\"]}],"
                + "\"processes\":{\"p1\":{\"serviceName\":\"frontend\",\"tags\":[{\"key\":\"ip\","
                + "\"type\":\"string\",\"value\":\"10.0.0.1\"}]}},\"warnings\":null}");
  }

  @Test
  void processesAreNumberedInSpanOrderAndWrittenWithSortedKeys() {
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      spans.add(span(i, new TracedProcess("svc-" + i, List.of())));
    }
    // The same service with other tags is another process; equal processes share one ID.
    spans.add(span(11, new TracedProcess("svc-0", List.of(KeyValue.string("host", "b")))));
    spans.add(span(12, new TracedProcess("svc-0", List.of())));
    String json = json(Trace.of(spans), false);
    assertThat(json)
        .contains(
            "\"processes\":{\"p1\":{\"serviceName\":\"svc-0\",\"tags\":[]},"
                + "\"p10\":{\"serviceName\":\"svc-9\",\"tags\":[]},"
                + "\"p11\":{\"serviceName\":\"svc-10\",\"tags\":[]},"
                + "\"p12\":{\"serviceName\":\"svc-0\",\"tags\":[{\"key\":\"host\",\"type\":\"string\","
                + "\"value\":\"b\"}]},"
                + "\"p2\":{\"serviceName\":\"svc-1\",\"tags\":[]},");
    assertThat(json).contains("\"spanID\":\"000000000000000c\"").endsWith("\"warnings\":null}");
    int lastSpan = json.indexOf("\"spanID\":\"000000000000000c\"");
    assertThat(json.substring(lastSpan)).contains("\"processID\":\"p1\"");
    assertThat(json.substring(json.indexOf("\"spanID\":\"000000000000000b\"")))
        .contains("\"processID\":\"p12\"");
  }

  @Test
  void valuesAreTypedAsInJaeger() {
    Span span =
        span(1, new TracedProcess("svc", List.of()))
            .withTags(
                List.of(
                    KeyValue.int64("safe", 9007199254740991L),
                    KeyValue.int64("unsafe", 9007199254740992L),
                    KeyValue.int64("negative", -9007199254740992L),
                    KeyValue.float64("f", 72.5),
                    KeyValue.float64("big", 1e21),
                    KeyValue.float64("small", 1e-7),
                    KeyValue.float64("nan", Double.NaN),
                    KeyValue.bool("b", false),
                    KeyValue.binary("bin", new byte[] {0, 0, 0x30, 0x39}),
                    KeyValue.string("html", "<a href=\"x\">&</a>\u2028")));
    String json = json(Trace.of(List.of(span)), false);
    assertThat(json)
        .contains(
            "{\"key\":\"safe\",\"type\":\"int64\",\"value\":9007199254740991}",
            "{\"key\":\"unsafe\",\"type\":\"int64\",\"value\":\"9007199254740992\"}",
            "{\"key\":\"negative\",\"type\":\"int64\",\"value\":\"-9007199254740992\"}",
            "{\"key\":\"f\",\"type\":\"float64\",\"value\":72.5}",
            "{\"key\":\"big\",\"type\":\"float64\",\"value\":1e+21}",
            "{\"key\":\"small\",\"type\":\"float64\",\"value\":1e-7}",
            "{\"key\":\"nan\",\"type\":\"float64\",\"value\":\"NaN\"}",
            "{\"key\":\"b\",\"type\":\"bool\",\"value\":false}",
            "{\"key\":\"bin\",\"type\":\"binary\",\"value\":\"AAAwOQ==\"}",
            "{\"key\":\"html\",\"type\":\"string\",\"value\":"
                + "\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\\u2028\"}");
  }

  @Test
  void emptyTraceHasEmptyId() {
    assertThat(json(new Trace(new ArrayList<>(), List.of("x")), false))
        .isEqualTo("{\"traceID\":\"\",\"spans\":[],\"processes\":{},\"warnings\":[\"x\"]}");
  }

  private static Span span(long id, TracedProcess process) {
    return new Span(
        new TraceId(0, 1),
        new SpanId(id + 1),
        "op",
        List.of(),
        0,
        1,
        1,
        List.of(),
        List.of(),
        process,
        List.of());
  }
}
