package io.sightline.format.jaeger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "-0, 0",
    "5000ns, 5000",
    "100000ns, 100000",
    "1us, 1000",
    "1\u00b5s, 1000",
    "1\u03bcs, 1000",
    "1.5ms, 1500000",
    "2s, 2000000000",
    ".5s, 500000000",
    "5.s, 5000000000",
    "1h2m3.5s, 3723500000000",
    "-1.5h, -5400000000000",
    "+3m, 180000000000",
    "1.0000000019s, 1000000001",
    "2562047h47m16.854775807s, 9223372036854775807"
  })
  void parsesGoDurations(String text, long nanos) {
    assertThat(GoDuration.parseNanos(text)).isEqualTo(nanos);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|time: invalid duration \"\"",
        "-|time: invalid duration \"-\"",
        "5|time: missing unit in duration \"5\"",
        "1d|time: unknown unit \"d\" in duration \"1d\"",
        ".s|time: invalid duration \".s\"",
        "2562047h47m16.854775808s|time: invalid duration \"2562047h47m16.854775808s\"",
        "1e3ms|time: unknown unit \"e\" in duration \"1e3ms\""
      })
  void rejectsWhatGoRejects(String text, String message) {
    assertThatThrownBy(() -> GoDuration.parseNanos(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
