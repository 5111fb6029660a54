package io.sightline.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void linesSayHowFarHowFastAndHowLong() {
    assertThat(Progress.line(250_000, 1_000_000, 10))
        .isEqualTo("250,000 of 1,000,000 spans (25%), 25,000 spans/s, 30 s left");
    assertThat(Progress.line(100_000, 0, 4)).isEqualTo("100,000 spans, 25,000 spans/s");
    assertThat(Progress.line(0, 1_000, 2)).isEqualTo("0 of 1,000 spans (0%), 0 spans/s");
    // The generator may overshoot its target by the last trace.
    assertThat(Progress.line(1_000_012, 1_000_000, 50))
        .isEqualTo("1,000,012 of 1,000,000 spans (100%), 20,000 spans/s");
  }

  @Test
  void durationsReadLikeAPersonWouldSayThem() {
    assertThat(Progress.duration(35.4)).isEqualTo("35 s");
    assertThat(Progress.duration(245)).isEqualTo("4 min 05 s");
    assertThat(Progress.duration(3_720)).isEqualTo("1 h 02 min");
    assertThat(Progress.duration(100_000)).isEqualTo("27 h 46 min");
    assertThat(Progress.duration(88_884_000)).isEqualTo("1,028 days 18 h");
  }
}
