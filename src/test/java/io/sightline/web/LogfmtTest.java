package io.sightline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.trace.InvalidQueryException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogfmtTest {

  static Stream<Arguments> texts() {
    return Stream.of(
        Arguments.of("", Map.of()),
        Arguments.of("   ", Map.of()),
        Arguments.of("http.status_code=500", Map.of("http.status_code", "500")),
        Arguments.of(
            "http.status_code=500 error=true", map("http.status_code", "500", "error", "true")),
        // Jaeger UI's help text example
        Arguments.of(
            "db.statement=\"select * from User\"", Map.of("db.statement", "select * from User")),
        Arguments.of("  a=1\t\tb=2  ", map("a", "1", "b", "2")),
        // "=" in a value: quoted, or after the first "=" anyway
        Arguments.of("q=\"a=b c=d\"", Map.of("q", "a=b c=d")),
        Arguments.of("url=/x?a=1", Map.of("url", "/x?a=1")),
        // a word alone is true, as Jaeger UI reads it
        Arguments.of("error", Map.of("error", "true")),
        Arguments.of("error http.method=GET", map("error", "true", "http.method", "GET")),
        // empty values
        Arguments.of("a=", Map.of("a", "")),
        Arguments.of("a=\"\"", Map.of("a", "")),
        // escapes: a quote and a backslash inside quotes; a Lucene escape typed twice
        Arguments.of("msg=\"say \\\"hi\\\"\"", Map.of("msg", "say \"hi\"")),
        Arguments.of(
            "http.url=\"http://0.0.0.0:8081/customer\\\\?customer=123\"",
            Map.of("http.url", "http://0.0.0.0:8081/customer\\?customer=123")),
        Arguments.of("a=x\\ y", Map.of("a", "x y")),
        // quoted keys, quotes inside a value
        Arguments.of("\"my key\"=v", Map.of("my key", "v")),
        Arguments.of("a=b\"c d\"e", Map.of("a", "bc de")),
        // unicode
        Arguments.of("user=\"Zoë Ωmega\" emoji=🙂", map("user", "Zoë Ωmega", "emoji", "🙂")),
        // a repeated key: the last value
        Arguments.of("a=1 b=2 a=3", map("b", "2", "a", "3")));
  }

  @ParameterizedTest
  @MethodSource("texts")
  void parses(String text, Map<String, String> expected) {
    assertThat(Logfmt.parse(text)).containsExactlyEntriesOf(expected);
  }

  @Test
  void keepsTheOrderOfTheText() {
    assertThat(Logfmt.parse("z=1 a=2 m=3").keySet()).containsExactly("z", "a", "m");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=\"unterminated", "\"", "a=b c=\"x", "a=b\\", "=value", "\"\"=x"})
  void rejectsMalformedText(String text) {
    assertThatThrownBy(() -> Logfmt.parse(text))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageStartingWith("cannot read the tags: ")
        .satisfies(e -> assertThat(((InvalidQueryException) e).parameter()).isEqualTo("tags"));
  }

  @Test
  void errorsSayWhatIsWrong() {
    assertThatThrownBy(() -> Logfmt.parse("a=1 b=\"x y"))
        .hasMessage("cannot read the tags: the quote at position 7 is never closed");
    assertThatThrownBy(() -> Logfmt.parse("=5")).hasMessageContaining("'=5' has no key");
  }

  @Test
  void formatsWhatItParsesBack() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("http.status_code", "5..");
    tags.put("db.statement", "select * from t where a = 'x'");
    tags.put("empty", "");
    tags.put("quote\"key", "a\\b\"c");
    tags.put("k", "v=w");
    String text = Logfmt.format(tags);
    assertThat(text)
        .isEqualTo(
            "http.status_code=5.. db.statement=\"select * from t where a = 'x'\" empty=\"\""
                + " \"quote\\\"key\"=\"a\\\\b\\\"c\" k=\"v=w\"");
    assertThat(Logfmt.parse(text)).containsExactlyEntriesOf(tags);
  }

  @Test
  void roundTripsRandomPairs() {
    Random random = new Random(7);
    String alphabet = "ab =\"\\\t.:/?*{}[]()|éΩ🙂";
    for (int round = 0; round < 2_000; round++) {
      Map<String, String> tags = new LinkedHashMap<>();
      int n = 1 + random.nextInt(4);
      for (int i = 0; i < n; i++) {
        tags.put(word(random, alphabet, 1), word(random, alphabet, 0));
      }
      String text = Logfmt.format(tags);
      assertThat(Logfmt.parse(text)).as(text).containsExactlyEntriesOf(tags);
    }
  }

  private static String word(Random random, String alphabet, int minLength) {
    int[] cps = alphabet.codePoints().toArray();
    StringBuilder s = new StringBuilder();
    int length = minLength + random.nextInt(6);
    for (int i = 0; i < length; i++) {
      s.appendCodePoint(cps[random.nextInt(cps.length)]);
    }
    return s.toString();
  }

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
