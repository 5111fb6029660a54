package io.sightline.format.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.format.TraceFileException;
import io.sightline.testing.Fixtures;
import io.sightline.trace.Trace;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceFileFormatTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "internal/storage/integration/fixtures/traces/example_trace.json, JAEGER_MODEL",
    "internal/uimodel/converter/v1/json/fixtures/ui_01.json, JAEGER_UI",
    "internal/uimodel/converter/v1/json/fixtures/domain_01.json, JAEGER_MODEL",
  })
  void recognisesJaegersFixtures(String path, TraceFileFormat format) throws IOException {
    try (InputStream in = Files.newInputStream(Fixtures.path(Fixtures.JAEGER_V1_76, path))) {
      assertThat(TraceFileFormat.detect(in)).isEqualTo(format);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "cmd/jaeger/internal/extension/jaegerquery/internal/fixture/otlp2jaeger-in.json, OTLP",
    "internal/storage/integration/fixtures/traces/log_tags_trace.json, OTLP",
  })
  void recognisesJaegersHeadFixtures(String path, TraceFileFormat format) throws IOException {
    try (InputStream in = Files.newInputStream(Fixtures.path(Fixtures.JAEGER_HEAD, path))) {
      assertThat(TraceFileFormat.detect(in)).isEqualTo(format);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          {"data":[]}                                                 | JAEGER_UI
          {"total":0,"data":null,"errors":[{"code":404}]}             | JAEGER_UI
          {"warnings":null,"processes":{},"spans":[]}                 | JAEGER_UI
          {"spans":[{"traceID":"1","spanID":"2"}],"processes":{}}     | JAEGER_UI
          [{"traceID":"1","spans":[]}]                                | JAEGER_UI
          {"spans":[{"traceId":"AAAAAAAAAAAAAAAAAAAAEQ=="}]}          | JAEGER_MODEL
          {"spans":[],"processMap":[]}                                | JAEGER_MODEL
          [{"traceId":"AAAAAAAAAAAAAAAAAAAAEQ==","spanId":"AAAAAAAAAAM="}] | JAEGER_MODEL
          {"traceId":"AAAAAAAAAAAAAAAAAAAAEQ==","spanId":"AAAAAAAAAAM="} | JAEGER_MODEL_SPAN
          []                                                          | JAEGER_MODEL
          {"resourceSpans":[]}                                        | OTLP
          {"resource_spans":[]}\\n{"resource_spans":[]}               | OTLP
          {"other":{"resourceSpans":1},"resourceSpans":[]}            | OTLP
          """)
  void recognisesEachShape(String json, TraceFileFormat format) {
    assertThat(TraceFileFormat.detect(stream(json.replace("\\n", "\n")))).isEqualTo(format);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          {"hello":"world"}       | line 1, column 1: not a trace file Sightline reads: expected OTLP JSON ({"resourceSpans":…}), Jaeger UI JSON ({"data":[…]} or {"traceID","spans","processes"}) or Jaeger model JSON ({"spans":[…],"processMap":[…]})
          42                      | line 1, column 1: not a trace file Sightline reads: expected OTLP JSON ({"resourceSpans":…}), Jaeger UI JSON ({"data":[…]} or {"traceID","spans","processes"}) or Jaeger model JSON ({"spans":[…],"processMap":[…]})
          {\\n  "data" [           | line 2, column 10: Unexpected character ('[' (code 91)): was expecting a colon to separate property name and value
          """)
  void saysWhereAFileIsNoTraceFile(String json, String message) {
    assertThatThrownBy(() -> TraceFileFormat.detect(stream(json.replace("\\n", "\n"))))
        .isInstanceOf(TraceFileException.class)
        .hasMessage(message);
  }

  @Test
  void anEmptyFileIsNamedSo() {
    assertThatThrownBy(() -> TraceFileFormat.detect(stream("  \n")))
        .isInstanceOf(TraceFileException.class)
        .hasMessage("line 1, column 1: the file is empty");
  }

  @Test
  void modelJsonIsGroupedByTraceId() throws IOException {
    Path example =
        Fixtures.path(
            Fixtures.JAEGER_V1_76,
            "internal/storage/integration/fixtures/traces/example_trace.json");
    List<Trace> traces = new ArrayList<>();
    try (InputStream in = Files.newInputStream(example)) {
      TraceFileFormat.JAEGER_MODEL.read(in, traces::add);
    }
    assertThat(traces).singleElement().satisfies(t -> assertThat(t.spans()).hasSize(5));
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
