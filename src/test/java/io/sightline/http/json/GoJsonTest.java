package io.sightline.http.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;

class GoJsonTest {

  private static String write(boolean pretty, Consumer<JsonGenerator> body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = GoJson.generator(out, pretty)) {
      body.accept(g);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void sample(JsonGenerator g) {
    g.writeStartObject();
    g.writeName("data");
    g.writeStartArray();
    g.writeString("a");
    g.writeStartObject();
    g.writeEndObject();
    g.writeStartArray();
    g.writeEndArray();
    g.writeEndArray();
    g.writeNumberProperty("total", 2);
    g.writeName("errors");
    g.writeNull();
    g.writeEndObject();
  }

  @Test
  void prettyIsGosMarshalIndentWithFourSpaces() {
    // What Go's json.MarshalIndent(v, "", "    ") writes for the same value.
    assertThat(write(true, GoJsonTest::sample))
        .isEqualTo(
            """
            {
                "data": [
                    "a",
                    {},
                    []
                ],
                "total": 2,
                "errors": null
            }""");
  }

  @Test
  void compactHasNoSpaces() {
    assertThat(write(false, GoJsonTest::sample))
        .isEqualTo("{\"data\":[\"a\",{},[]],\"total\":2,\"errors\":null}");
  }

  @Test
  void escapesLikeGo() {
    String text =
        "<b>&amp;</b> / \u00e9 \uD83D\uDE00 \u2028\u2029 \"\\ \b\f\n\r\t \u0001\u001f\u007f";
    assertThat(write(false, g -> g.writeString(text)))
        .isEqualTo(
            "\"\\u003cb\\u003e\\u0026amp;\\u003c/b\\u003e / \u00e9 \uD83D\uDE00 \\u2028\\u2029"
                + " \\\"\\\\ \\b\\f\\n\\r\\t \\u0001\\u001f\u007f\"");
  }

  @Test
  void generatorLeavesTheStreamOpen() {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream() {
          @Override
          public void close() {
            throw new AssertionError("closed");
          }
        };
    try (JsonGenerator g = GoJson.generator(out, false)) {
      g.writeNull();
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("null");
  }
}
