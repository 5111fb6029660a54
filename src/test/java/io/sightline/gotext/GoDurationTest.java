package io.sightline.gotext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

  // Cases from Go's time.ParseDuration behaviour (value in nanoseconds).
  @ParameterizedTest(name = "{0} = {1}ns")
  @CsvSource(
      delimiter = '|',
      value = {
        "0|0",
        "5s|5000000000",
        "30s|30000000000",
        "1478s|1478000000000",
        "-5s|-5000000000",
        "+5s|5000000000",
        "-0|0",
        "+0|0",
        "5.0s|5000000000",
        "5.6s|5600000000",
        "5.s|5000000000",
        ".5s|500000000",
        "1.004s|1004000000",
        "100.00100s|100001000000",
        "10ns|10",
        "11us|11000",
        "12\u00b5s|12000",
        "12\u03bcs|12000",
        "13ms|13000000",
        "14s|14000000000",
        "15m|900000000000",
        "16h|57600000000000",
        "3h30m|12600000000000",
        "10.5s4m|250500000000",
        "-2m3.4s|-123400000000",
        "1h2m3s4ms5us6ns|3723004005006",
        "39h9m14.425s|140954425000000",
        "52763797000ns|52763797000",
        "0.3333333333333333333h|1200000000000",
        "9007199254740993ns|9007199254740993",
        "9223372036854775807ns|9223372036854775807",
        "9223372036854775.807us|9223372036854775807",
        "9223372036s854ms775us807ns|9223372036854775807",
        "-9223372036854775808ns|-9223372036854775808",
        "-9223372036854775.808us|-9223372036854775808",
        ".100000000000000000000h|360000000000",
        "0.830103483285477580700h|2988372539827",
        "1.2s|1200000000",
        "100ms|100000000",
        "500us|500000",
      })
  void parsesLikeGo(String text, long nanos) {
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|time: invalid duration \"\"",
        "3|time: missing unit in duration \"3\"",
        "100|time: missing unit in duration \"100\"",
        "-|time: invalid duration \"-\"",
        "s|time: invalid duration \"s\"",
        ".|time: invalid duration \".\"",
        "-.|time: invalid duration \"-.\"",
        ".s|time: invalid duration \".s\"",
        "+.s|time: invalid duration \"+.s\"",
        "abc|time: invalid duration \"abc\"",
        "1d|time: unknown unit \"d\" in duration \"1d\"",
        "1h1d|time: unknown unit \"d\" in duration \"1h1d\"",
        "1 s|time: unknown unit \" s\" in duration \"1 s\"",
        "1\"s|time: unknown unit \"\\\"s\" in duration \"1\\\"s\"",
        "1\u0434|time: unknown unit \"\\xd0\\xb4\" in duration \"1\\xd0\\xb4\"",
        "9223372036854775808ns|time: invalid duration \"9223372036854775808ns\"",
        "-9223372036854775809ns|time: invalid duration \"-9223372036854775809ns\"",
        "9223372036854775.808us|time: invalid duration \"9223372036854775.808us\"",
        "9223372036854ms775us808ns|time: invalid duration \"9223372036854ms775us808ns\"",
        "99999999999999999999h|time: invalid duration \"99999999999999999999h\"",
      })
  void rejectsWithGoErrors(String text, String message) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}ns → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0|0s",
        "1|1ns",
        "999|999ns",
        "1000|1\u00b5s",
        "1100|1.1\u00b5s",
        "1500|1.5\u00b5s",
        "2200000|2.2ms",
        "1500000|1.5ms",
        "35000000|35ms",
        "-35000000|-35ms",
        "-45000000|-45ms",
        "3300000000|3.3s",
        "245000000000|4m5s",
        "123000000000|2m3s",
        "245001000000|4m5.001s",
        "18367001000000|5h6m7.001s",
        "480000000001|8m0.000000001s",
        "3600000000000|1h0m0s",
        "61000000000|1m1s",
        "9223372036854775807|2562047h47m16.854775807s",
        "-9223372036854775808|-2562047h47m16.854775808s",
      })
  void formatsLikeGo(long nanos, String text) {
    assertThat(GoDuration.format(nanos)).isEqualTo(text);
    assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(text);
  }

  @ParameterizedTest
  @CsvSource({"1h30m", "1.5ms", "2m3s", "-35ms", "0s", "1.1\u00b5s", "8m0.000000001s"})
  void formatAndParseRoundTrip(String text) {
    assertThat(GoDuration.format(GoDuration.parse(text)))
        .isEqualTo(text.equals("1h30m") ? "1h30m0s" : text);
  }
}
