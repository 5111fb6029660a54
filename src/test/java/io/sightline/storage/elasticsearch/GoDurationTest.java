package io.sightline.storage.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "30s, 30000000000",
    "1m30s, 90000000000",
    "1.5h, 5400000000000",
    "250ms, 250000000",
    "100us, 100000",
    "100µs, 100000",
    "10ns, 10",
    "2h45m, 9900000000000",
    "-1s, -1000000000",
    "+5s, 5000000000",
    ".5s, 500000000"
  })
  void parsesGoSyntax(String text, long nanos) {
    assertThat(GoDuration.parse(text, "ES_TIMEOUT")).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "1d", "s", "1.2.3s", "1S", "-", "10 s", "PT5S", "1e3s"})
  void rejectsWhatGoRejectsNamingTheSetting(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text, "ES_TIMEOUT"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("ES_TIMEOUT=" + text + " is not a duration");
  }
}
