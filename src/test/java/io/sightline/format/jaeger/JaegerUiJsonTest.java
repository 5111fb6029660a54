package io.sightline.format.jaeger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.demo.DemoTraceGenerator;
import io.sightline.format.TraceFileException;
import io.sightline.http.json.UiTraceJson;
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
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

class JaegerUiJsonTest {

  private static final String CONVERTER_FIXTURES = "internal/uimodel/converter/v1/json/fixtures";

  @Test
  void readsJaegersUiFixtureAsTheDomainFixtureItWasRenderedFrom() {
    List<Trace> traces =
        JaegerUiJson.readTraces(
            Fixtures.path(Fixtures.JAEGER_V1_76, CONVERTER_FIXTURES, "ui_01.json"));
    Trace domain =
        JaegerModelJson.readTrace(
            Fixtures.path(Fixtures.JAEGER_V1_76, CONVERTER_FIXTURES, "domain_01.json"));

    assertThat(traces).hasSize(1);
    // The UI form keeps microseconds: the domain fixture's nanoseconds are truncated the same way.
    assertThat(traces.get(0).spans()).isEqualTo(domain.spans());
    Span tagged = traces.get(0).spans().get(1);
    assertThat(tagged.tag("javascript_limit"))
        .isEqualTo(KeyValue.int64("javascript_limit", 9223372036854775222L));
    assertThat(tagged.tag("blob").binaryValue()).containsExactly(0, 0, 0x30, 0x39);
    assertThat(tagged.tag("temperature")).isEqualTo(KeyValue.float64("temperature", 72.5));
    assertThat(tagged.process().serviceName()).isEqualTo("service-x");
  }

  @Test
  void readsWhatSightlinesOwnApiWritesBackToTheSameTraces() {
    List<Trace> traces =
        new ArrayList<>(
            new DemoTraceGenerator(
                    5, Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC))
                .defaultSet(40, Duration.ofHours(1)));
    traces.add(Trace.of(new ArrayList<>(List.of(everyKindOfValue()))));

    List<Trace> read = JaegerUiJson.readTraces(apiAnswer(traces));

    assertThat(read).hasSameSizeAs(traces);
    for (int i = 0; i < traces.size(); i++) {
      assertThat(read.get(i).spans()).isEqualTo(traces.get(i).spans());
    }
  }

  @Test
  void acceptsOneTraceObjectAnArrayOfTracesAndJsonLines() {
    Trace trace = Trace.of(new ArrayList<>(List.of(everyKindOfValue())));
    String one = traceObject(trace);

    assertThat(JaegerUiJson.readTraces(one)).singleElement().isEqualTo(trace);
    assertThat(JaegerUiJson.readTraces("[" + one + "," + one + "]")).containsExactly(trace, trace);
    assertThat(JaegerUiJson.readTraces(one + "\n" + apiAnswer(List.of(trace)) + "\n"))
        .containsExactly(trace, trace);
  }

  @Test
  void handsEachTraceOverBeforeTheRestIsRead() {
    List<Trace> traces =
        new DemoTraceGenerator(1, Clock.systemUTC()).traces(3, Duration.ofHours(1)).toList();
    byte[] json = apiAnswer(traces).getBytes(StandardCharsets.UTF_8);
    // The input breaks off in the third trace: the first two have been delivered by then.
    InputStream truncated = new ByteArrayInputStream(json, 0, json.length - 200);
    List<Trace> delivered = new ArrayList<>();

    assertThatThrownBy(() -> JaegerUiJson.readTraces(truncated, delivered::add))
        .isInstanceOf(TraceFileException.class);
    assertThat(delivered).hasSize(2);
    assertThat(delivered.get(0).spans()).isEqualTo(traces.get(0).spans());
  }

  @Test
  void infersTheTypeOfUntypedValues() {
    String json =
        """
        {"traceID":"1","spans":[{"traceID":"1","spanID":"2","operationName":"op",
          "startTime":10,"duration":5,"processID":"p1",
          "tags":[{"key":"s","value":"x"},{"key":"b","value":true},{"key":"i","value":7},
                  {"key":"f","value":1.5}]}],
         "processes":{"p1":{"serviceName":"svc"}}}
        """;

    Span span = JaegerUiJson.readTraces(json).get(0).spans().get(0);

    assertThat(span.tags())
        .containsExactly(
            KeyValue.string("s", "x"),
            KeyValue.bool("b", true),
            KeyValue.int64("i", 7),
            KeyValue.float64("f", 1.5));
    assertThat(span.process()).isEqualTo(new TracedProcess("svc", List.of()));
    assertThat(span.startTime()).isEqualTo(10);
    assertThat(span.duration()).isEqualTo(5);
  }

  @Test
  void skipsAnEmptyAnswerAndReportsApiErrors() {
    assertThat(
            JaegerUiJson.readTraces(
                "{\"data\":[],\"total\":0,\"limit\":0,\"offset\":0,\"errors\":null}"))
        .isEmpty();
    assertThatThrownBy(
            () ->
                JaegerUiJson.readTraces(
                    "{\"data\":null,\"errors\":[{\"code\":404,\"msg\":\"trace not found\"}]}"))
        .isInstanceOf(TraceFileException.class)
        .hasMessage(
            "line 1, column 1: the file holds Jaeger API errors, no traces: 404 trace not found");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          unknown process  | {"data":[{"spans":[{"traceID":"1","spanID":"2",\\n"processID":"p9"}],"processes":{}}]}          | line 2, column 13: processID 'p9' is not in the trace's processes
          int64 not number | {"traceID":"1","spans":[{"traceID":"1","spanID":"2","tags":[\\n  {"key":"n","type":"int64","value":"12a"}]}]} | line 2, column 37: tag 'n' of type int64 has string "12a", not an int64
          unknown type     | {"traceID":"1","spans":[{"traceID":"1","spanID":"2","tags":[\\n{"key":"n","type":"int","value":1}]}]}  | line 2, column 19: tag 'n' has type 'int', not one of string, bool, int64, float64, binary
          bad base64       | {"traceID":"1","spans":[{"traceID":"1","spanID":"2","tags":[{"key":"b","type":"binary","value":"@@"}]}]} | line 1, column 96: tag 'b' of type binary is not base64: string "@@"
          no span ID       | {"traceID":"1","spans":[{"traceID":"1"}]}                                                        | line 1, column 25: span has no spanID
          bad trace ID     | {"traceID":"1","spans":[{"traceID":"xyz","spanID":"2"}]}                                         | line 1, column 36: traceID "xyz" is not a hex trace ID
          negative time    | {"traceID":"1","spans":[{"traceID":"1","spanID":"2","startTime":-5}]}                            | line 1, column 65: startTime -5 is not an unsigned 64-bit integer
          string for bool  | {"traceID":"1","spans":[{"traceID":"1","spanID":"2","tags":[{"key":"e","type":"bool","value":1}]}]} | line 1, column 94: tag 'e' of type bool must be true or false, found number 1
          not UI JSON      | {"resourceSpans":[]}                                                                             | line 1, column 1: expected Jaeger UI JSON: an object with "data" (an API answer) or with "traceID" and "spans" (one trace)
          truncated        | {"data":[{"traceID":"1","spans":[                                                                | line 1, column 34: Unexpected end-of-input: expected close marker for Array
          """)
  void reportsWhereAndWhatIsWrong(String name, String json, String message) {
    assertThatThrownBy(() -> JaegerUiJson.readTraces(json.replace("\\n", "\n")))
        .isInstanceOf(TraceFileException.class)
        .hasMessage(message);
  }

  @Test
  void aSyntaxErrorKeepsJacksonsPosition() {
    assertThatThrownBy(() -> JaegerUiJson.readTraces("{\"data\":[\n  {\"traceID\" \"1\"}]}"))
        .isInstanceOf(TraceFileException.class)
        .satisfies(
            e -> {
              TraceFileException error = (TraceFileException) e;
              assertThat(error.line()).isEqualTo(2);
              assertThat(error.column()).isEqualTo(14);
            });
  }

  @Test
  void anInputFailureIsAnIoError() {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk gone");
          }
        };
    assertThatThrownBy(() -> JaegerUiJson.readTraces(failing, t -> {}))
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage("disk gone");
  }

  /** A span with every value type, the awkward values included. */
  private static Span everyKindOfValue() {
    TraceId traceId = new TraceId(0x1234_5678_9abc_def0L, 0x0fed_cba9_8765_4321L);
    return new Span(
        traceId,
        new SpanId(-2),
        "every-value",
        List.of(
            new SpanReference(RefType.CHILD_OF, traceId, new SpanId(7)),
            new SpanReference(RefType.FOLLOWS_FROM, new TraceId(0, 1), new SpanId(8))),
        1,
        1_714_564_800_123_456L,
        1_234,
        List.of(
            KeyValue.string("s", "ünïcode \"quoted\"\n"),
            KeyValue.bool("b", false),
            KeyValue.int64("big", Long.MIN_VALUE),
            KeyValue.int64("small", 42),
            KeyValue.float64("nan", Double.NaN),
            KeyValue.float64("inf", Double.NEGATIVE_INFINITY),
            KeyValue.float64("tiny", 1e-300),
            KeyValue.binary("bytes", new byte[] {0, -1, 127, 64})),
        List.of(new SpanLog(1_714_564_800_123_999L, List.of(KeyValue.string("event", "x")))),
        new TracedProcess("svc", List.of(KeyValue.int64("pid", 9_007_199_254_740_993L))),
        List.of("a span warning"));
  }

  private static String apiAnswer(List<Trace> traces) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeName("data");
      g.writeStartArray();
      for (Trace trace : traces) {
        UiTraceJson.write(g, trace);
      }
      g.writeEndArray();
      g.writeNumberProperty("total", 0);
      g.writeNumberProperty("limit", 0);
      g.writeNumberProperty("offset", 0);
      g.writeNullProperty("errors");
      g.writeEndObject();
    }
    return out.toString();
  }

  private static String traceObject(Trace trace) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(ObjectWriteContext.empty(), out)) {
      UiTraceJson.write(g, trace);
    }
    return out.toString();
  }
}
