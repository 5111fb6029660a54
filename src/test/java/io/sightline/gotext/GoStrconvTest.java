package io.sightline.gotext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoStrconvTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "0,0",
    "-0,0",
    "+42,42",
    "-42,-42",
    "0012,12",
    "9223372036854775807,9223372036854775807",
    "-9223372036854775808,-9223372036854775808",
  })
  void parsesInt64(String text, long value) {
    assertThat(GoStrconv.parseInt(text, 64)).isEqualTo(value);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|strconv.ParseInt: parsing \"\": invalid syntax",
        "+|strconv.ParseInt: parsing \"+\": invalid syntax",
        "-|strconv.ParseInt: parsing \"-\": invalid syntax",
        "x|strconv.ParseInt: parsing \"x\": invalid syntax",
        "1_000|strconv.ParseInt: parsing \"1_000\": invalid syntax",
        "0x10|strconv.ParseInt: parsing \"0x10\": invalid syntax",
        "1e3|strconv.ParseInt: parsing \"1e3\": invalid syntax",
        "' 1'|strconv.ParseInt: parsing \" 1\": invalid syntax",
        "1.5|strconv.ParseInt: parsing \"1.5\": invalid syntax",
        "9223372036854775808|strconv.ParseInt: parsing \"9223372036854775808\": value out of range",
        "-9223372036854775809|strconv.ParseInt: parsing \"-9223372036854775809\": value out of range",
        "99999999999999999999x|strconv.ParseInt: parsing \"99999999999999999999x\": value out of range",
        "a\"b|strconv.ParseInt: parsing \"a\\\"b\": invalid syntax",
      })
  void rejectsInt64(String text, String message) {
    assertThatThrownBy(() -> GoStrconv.parseInt(text, 64)).hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource({"2147483647,2147483647", "-2147483648,-2147483648"})
  void parsesInt32(String text, long value) {
    assertThat(GoStrconv.parseInt(text, 32)).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2147483648", "-2147483649"})
  void rejectsInt32OutOfRange(String text) {
    assertThatThrownBy(() -> GoStrconv.parseInt(text, 32))
        .hasMessage("strconv.ParseInt: parsing \"" + text + "\": value out of range");
  }

  @ParameterizedTest
  @CsvSource({
    "1,true", "t,true", "T,true", "TRUE,true", "true,true", "True,true",
    "0,false", "f,false", "F,false", "FALSE,false", "false,false", "False,false"
  })
  void parsesBool(String text, boolean value) {
    assertThat(GoStrconv.parseBool(text)).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "tRUE", "", "2"})
  void rejectsBool(String text) {
    assertThatThrownBy(() -> GoStrconv.parseBool(text))
        .hasMessage("strconv.ParseBool: parsing \"" + text + "\": invalid syntax");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "abc|\"abc\"",
        "a b|\"a b\"",
        "\u00e9t\u00e9|\"\u00e9t\u00e9\"",
        "\u200b|\"\\u200b\"",
        "\u007f|\"\\x7f\"",
        "\u00a0|\"\\u00a0\"",
      })
  void quotesLikeGo(String text, String quoted) {
    assertThat(GoStrconv.quote(text)).isEqualTo(quoted);
  }

  @org.junit.jupiter.api.Test
  void quotesEscapes() {
    assertThat(GoStrconv.quote("\"\\\n\t\r\u0007\b\f\u000b"))
        .isEqualTo("\"\\\"\\\\\\n\\t\\r\\a\\b\\f\\v\"");
    assertThat(GoStrconv.quote("\uD83D\uDE00")).isEqualTo("\"\uD83D\uDE00\"");
    assertThat(GoStrconv.quote("\uDB80\uDC00")).isEqualTo("\"\\U000f0000\""); // private use
    assertThat(GoStrconv.quote("\u0001")).isEqualTo("\"\\x01\"");
  }
}
