package io.sightline.storage.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.storage.elasticsearch.write.ElasticsearchDependencyWriter;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dependencies timestamps are written as Go's RFC3339Nano, like Jaeger's writer. */
class Rfc3339NanoTest {

  @ParameterizedTest
  @CsvSource({
    "2020-01-02T03:04:05Z, 2020-01-02T03:04:05Z",
    "2020-01-02T03:04:05.500Z, 2020-01-02T03:04:05.5Z",
    "2020-01-02T03:04:05.000000123Z, 2020-01-02T03:04:05.000000123Z",
    "2024-05-01T00:00:00Z, 2024-05-01T00:00:00Z",
  })
  void goRfc3339Nano(String instant, String expected) {
    assertThat(ElasticsearchDependencyWriter.rfc3339Nano(Instant.parse(instant)))
        .isEqualTo(expected);
  }
}
