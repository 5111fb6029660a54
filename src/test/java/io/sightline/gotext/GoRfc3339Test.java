package io.sightline.gotext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's {@code time.Parse(time.RFC3339Nano, …)}: what it accepts and its error texts. */
class GoRfc3339Test {

  @ParameterizedTest
  @CsvSource({
    "2026-05-01T12:00:00Z, 2026-05-01T12:00:00Z",
    "2026-05-01T12:00:00.5Z, 2026-05-01T12:00:00.500Z",
    "2026-05-01T12:00:00.123456789Z, 2026-05-01T12:00:00.123456789Z",
    // Digits past the ninth are dropped, not rounded.
    "2026-05-01T12:00:00.1234567899Z, 2026-05-01T12:00:00.123456789Z",
    "'2026-05-01T12:00:00,25Z', 2026-05-01T12:00:00.250Z",
    "2026-05-01T14:00:00+02:00, 2026-05-01T12:00:00Z",
    "2026-05-01T09:30:00-02:30, 2026-05-01T12:00:00Z",
    // Go's layout parser takes a one-digit hour.
    "2026-05-01T9:00:00Z, 2026-05-01T09:00:00Z",
    "2024-02-29T00:00:00Z, 2024-02-29T00:00:00Z",
  })
  void parses(String text, String expected) {
    assertThat(GoRfc3339.parse(text)).isEqualTo(Instant.parse(expected));
  }

  private static final String AS = " as \"2006-01-02T15:04:05.999999999Z07:00\": cannot parse ";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          yesterday                 | parsing time "yesterday"%s"yesterday" as "2006"
          26-05-01T00:00:00Z        | parsing time "26-05-01T00:00:00Z"%s"26-05-01T00:00:00Z" as "2006"
          2026/05/01T00:00:00Z      | parsing time "2026/05/01T00:00:00Z"%s"/05/01T00:00:00Z" as "-"
          2026-5-01T00:00:00Z       | parsing time "2026-5-01T00:00:00Z"%s"5-01T00:00:00Z" as "01"
          2026-05-01 00:00:00Z      | parsing time "2026-05-01 00:00:00Z"%s" 00:00:00Z" as "T"
          2026-05-01T00:00Z         | parsing time "2026-05-01T00:00Z"%s"Z" as ":"
          2026-05-01T00:00:00       | parsing time "2026-05-01T00:00:00"%s"" as "Z07:00"
          2026-05-01T00:00:00+0100  | parsing time "2026-05-01T00:00:00+0100"%s"+0100" as "Z07:00"
          2026-05-01T00:00:00Zjunk  | parsing time "2026-05-01T00:00:00Zjunk": extra text: "junk"
          2026-13-01T00:00:00Z      | parsing time "2026-13-01T00:00:00Z": month out of range
          2026-02-30T00:00:00Z      | parsing time "2026-02-30T00:00:00Z": day out of range
          2026-05-01T24:00:00Z      | parsing time "2026-05-01T24:00:00Z": hour out of range
          2026-05-01T00:60:00Z      | parsing time "2026-05-01T00:60:00Z": minute out of range
          2026-05-01T00:00:60Z      | parsing time "2026-05-01T00:00:60Z": second out of range
          2026-05-01T00:00:00+25:00 | parsing time "2026-05-01T00:00:00+25:00": time zone offset hour out of range
          """)
  void rejectsWithGosMessages(String text, String message) {
    assertThatThrownBy(() -> GoRfc3339.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message.formatted(AS));
  }
}
