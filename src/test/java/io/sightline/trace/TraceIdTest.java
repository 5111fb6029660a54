package io.sightline.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceIdTest {

  @ParameterizedTest
  @CsvSource({
    "1, 0, 1, 0000000000000001",
    "00000000000000000000000000000001, 0, 1, 0000000000000001",
    "463ac35c9f6413ad48485a3953bb6124, 463ac35c9f6413ad, 48485a3953bb6124,"
        + " 463ac35c9f6413ad48485a3953bb6124",
    "ABCDEF, 0, abcdef, 0000000000abcdef",
    "1ffffffffffffffff, 1, ffffffffffffffff, 0000000000000001ffffffffffffffff",
    "ffffffffffffffffffffffffffffffff, ffffffffffffffff, ffffffffffffffff,"
        + " ffffffffffffffffffffffffffffffff",
  })
  void parsesAndRendersLikeJaeger(String text, String highHex, String lowHex, String rendered) {
    TraceId id = TraceId.parse(text);
    assertThat(id.high()).isEqualTo(Long.parseUnsignedLong(highHex, 16));
    assertThat(id.low()).isEqualTo(Long.parseUnsignedLong(lowHex, 16));
    assertThat(id).hasToString(rendered);
  }

  @Test
  void rejectsWithJaegersMessages() {
    assertThatThrownBy(() -> TraceId.parse("1".repeat(33)))
        .hasMessage("TraceID cannot be longer than 32 hex characters: " + "1".repeat(33));
    assertThatThrownBy(() -> TraceId.parse("xyz"))
        .hasMessage("strconv.ParseUint: parsing \"xyz\": invalid syntax");
    assertThatThrownBy(() -> TraceId.parse(""))
        .hasMessage("strconv.ParseUint: parsing \"\": invalid syntax");
    // Only the offending half is quoted, as Go parses the halves separately.
    assertThatThrownBy(() -> TraceId.parse("zz0000000000000001"))
        .hasMessage("strconv.ParseUint: parsing \"zz\": invalid syntax");
    // Non-ASCII digits are not hex digits.
    assertThatThrownBy(() -> TraceId.parse("\u0661\u0662"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void storageSpellingsCoverEveryWriterGeneration() {
    assertThat(TraceId.parse("00000000000000000000000000abc123").storageSpellings())
        .containsExactly("00000000000000000000000000abc123", "0000000000abc123", "abc123");
    assertThat(TraceId.parse("0000000000000001ffffffffffffffff").storageSpellings())
        .containsExactly("0000000000000001ffffffffffffffff", "1ffffffffffffffff");
    assertThat(TraceId.parse("463ac35c9f6413ad48485a3953bb6124").storageSpellings())
        .containsExactly("463ac35c9f6413ad48485a3953bb6124");
    assertThat(new TraceId(0, 0).storageSpellings())
        .containsExactly("00000000000000000000000000000000", "0000000000000000", "0");
  }

  @Test
  void legacyFormKeepsTheInnerZerosOfTheLowHalf() {
    assertThat(new TraceId(1, 5).toLegacyHex()).isEqualTo("10000000000000005");
  }

  @Test
  void bytesRoundTripBigEndian() {
    byte[] bytes = HexFormat.of().parseHex("463ac35c9f6413ad48485a3953bb6124");
    TraceId id = TraceId.fromBytes(bytes);
    assertThat(id).hasToString("463ac35c9f6413ad48485a3953bb6124");
    assertThat(id.toBytes()).isEqualTo(bytes);
  }

  @Test
  void ordersAsUnsigned128BitNumbers() {
    assertThat(TraceId.parse("ffffffffffffffff").compareTo(TraceId.parse("1"))).isPositive();
    assertThat(TraceId.parse("10000000000000000").compareTo(TraceId.parse("ffffffffffffffff")))
        .isPositive();
  }

  @Test
  void spanIdsAreSixteenHexCharacters() {
    assertThat(SpanId.parse("1")).hasToString("0000000000000001");
    assertThat(SpanId.parse("FFFFFFFFFFFFFFFF").value()).isEqualTo(-1L);
    assertThat(SpanId.fromBytes(SpanId.parse("a2fb4a1d1a96d312").toBytes()))
        .isEqualTo(SpanId.parse("a2fb4a1d1a96d312"));
    assertThatThrownBy(() -> SpanId.parse("12345678901234567"))
        .hasMessage("strconv.ParseUint: parsing \"12345678901234567\": value out of range");
  }
}
