package io.sightline.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatsTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0µs",
    "999, 999µs",
    "1000, 1ms",
    "1234, 1.23ms",
    "1235, 1.24ms",
    "350250, 350.25ms",
    "999994, 999.99ms",
    "999995, 1s",
    "59994999, 59.99s",
    "59995000, 1m",
    "1000000, 1s",
    "1200000, 1.2s",
    "59990000, 59.99s",
    "60000000, 1m",
    "125000000, 2m 5s",
    "3600000000, 1h",
    "3780000000, 1h 3m",
    "-1500, -1.5ms",
  })
  void durationsAreCompact(long micros, String expected) {
    assertThat(Formats.duration(micros)).isEqualTo(expected);
  }

  @Test
  void instantsAreUtcWithMilliseconds() {
    assertThat(Formats.timestampUtc(1_709_647_387_123_456L))
        .isEqualTo("March 5 2024, 14:03:07.123");
    assertThat(Formats.iso(1_709_647_387_123_456L)).isEqualTo("2024-03-05T14:03:07.123456Z");
  }
}
