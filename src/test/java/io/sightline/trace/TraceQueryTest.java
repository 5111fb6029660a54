package io.sightline.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TraceQueryTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  private static TraceQuery.Builder lastHour() {
    return TraceQuery.builder(NOW.minusSeconds(3600), NOW).serviceName("svc");
  }

  @Test
  void noDurationConditionWhenNeitherBoundIsGiven() {
    assertThat(lastHour().build().spanDurationMicros()).isNull();
  }

  @Test
  void aMinimumAloneIsCappedAtTwentyFourHours() {
    assertThat(lastHour().durationMin(Duration.ofMillis(5)).build().spanDurationMicros())
        .isEqualTo(new TraceQuery.DurationRange(5_000, 86_400_000_000L));
  }

  @Test
  void aMaximumAloneStartsAtZero() {
    assertThat(lastHour().durationMax(Duration.ofSeconds(2)).build().spanDurationMicros())
        .isEqualTo(new TraceQuery.DurationRange(0, 2_000_000));
  }

  @Test
  void microsecondsAreTruncatedAndSaturate() {
    assertThat(
            lastHour()
                .durationMin(Duration.ofNanos(1_999))
                .durationMax(Duration.ofSeconds(Long.MAX_VALUE))
                .build()
                .spanDurationMicros())
        .isEqualTo(new TraceQuery.DurationRange(1, Long.MAX_VALUE));
  }

  @Test
  void invalidByConstruction() {
    assertThatThrownBy(() -> TraceQuery.builder(NOW, NOW.minusSeconds(1)).build())
        .isInstanceOf(InvalidQueryException.class)
        .hasMessage("start Time Minimum is above Maximum");
    assertThatThrownBy(
            () ->
                lastHour()
                    .durationMin(Duration.ofSeconds(2))
                    .durationMax(Duration.ofSeconds(1))
                    .build())
        .hasMessage("'maxDuration' should be greater than 'minDuration'");
    assertThat(lastHour().build().limit()).isEqualTo(TraceQuery.DEFAULT_LIMIT);
  }
}
