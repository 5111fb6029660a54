package io.sightline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.TraceId;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceIdInputTest {

  private static final TraceId ID = TraceId.parse("4bf92f3577b34da6a3ce929d0e0e4736");

  @ParameterizedTest
  @CsvSource({
    "4bf92f3577b34da6a3ce929d0e0e4736, 4bf92f3577b34da6a3ce929d0e0e4736",
    "4BF92F3577B34DA6A3CE929D0E0E4736, 4bf92f3577b34da6a3ce929d0e0e4736",
    "abc, 0000000000000abc",
    "'  abc  ', 0000000000000abc",
    "00000000000000000000000000000abc, 0000000000000abc",
  })
  void hex(String text, String expected) {
    assertThat(TraceIdInput.parse(text).toString()).isEqualTo(expected);
  }

  @Test
  void base64OfEightBytesIsA64BitId() {
    byte[] eight = {0, 0, 0, 0, 0, 0, 0x0a, (byte) 0xbc};
    assertThat(TraceIdInput.parse(Base64.getEncoder().encodeToString(eight)).toString())
        .isEqualTo("0000000000000abc");
  }

  @Test
  void base64OfTheSixteenBytesInEverySpelling() {
    byte[] bytes = ID.toBytes();
    assertThat(TraceIdInput.parse(Base64.getEncoder().encodeToString(bytes))).isEqualTo(ID);
    assertThat(TraceIdInput.parse(Base64.getEncoder().withoutPadding().encodeToString(bytes)))
        .isEqualTo(ID);
    assertThat(TraceIdInput.parse(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)))
        .isEqualTo(ID);
  }

  @Test
  void errorsAreJaegers() {
    assertThatThrownBy(() -> TraceIdInput.parse("xy!z"))
        .isInstanceOf(InvalidQueryException.class)
        .hasMessage("strconv.ParseUint: parsing \"xy!z\": invalid syntax");
    // Not hex, but base64 of 2 bytes: Jaeger's words for that.
    assertThatThrownBy(() -> TraceIdInput.parse("xyz")).hasMessage("invalid length for TraceID");
    assertThatThrownBy(() -> TraceIdInput.parse("1".repeat(33)))
        .hasMessageStartingWith("TraceID cannot be longer than 32 hex characters");
    assertThatThrownBy(() -> TraceIdInput.parse("")).hasMessage("invalid length for TraceID");
  }

  @Test
  void listsSplitAtSpacesAndCommasWithoutRepeats() {
    assertThat(TraceIdInput.parseList(" a, b  c,a "))
        .extracting(TraceId::toString)
        .containsExactly("000000000000000a", "000000000000000b", "000000000000000c");
    assertThatThrownBy(() -> TraceIdInput.parseList(" , "))
        .hasMessage("enter one or more trace IDs");
    assertThatThrownBy(() -> TraceIdInput.parseList("a nope"))
        .hasMessage("'nope' is not a trace ID: invalid length for TraceID");
  }
}
