package io.sightline.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.demo.DemoProfile;
import io.sightline.load.LoadOptions.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadOptionsTest {

  @Test
  void defaults() {
    LoadOptions options = LoadOptions.parse(List.of("--generate"));

    assertThat(options.generate()).isTrue();
    assertThat(options.spans()).isEqualTo(100_000);
    assertThat(options.window()).isEqualTo(Duration.ofDays(3));
    assertThat(options.seed()).isEqualTo(42);
    assertThat(options.profile()).isEqualTo(DemoProfile.SHOP);
    assertThat(options.largeTraces()).isEmpty();
    assertThat(options.now()).isNull();
    assertThat(options.dependencies()).isTrue();
    assertThat(options.settings()).isEmpty();
    assertThat(options.batchSpans()).isEqualTo(LoadOptions.DEFAULT_BATCH_SPANS);
    assertThat(options.concurrency()).isEqualTo(LoadOptions.DEFAULT_CONCURRENCY);
    assertThat(options.progressInterval()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void everyOptionInBothSpellings() {
    LoadOptions options =
        LoadOptions.parse(
            List.of(
                "--generate",
                "--spans=1_000_000",
                "--days",
                "0.25",
                "--seed=-7",
                "--large-trace",
                "10k",
                "--large-trace=1000",
                "--profile",
                "storefront",
                "--now=2024-05-01T12:00:00+02:00",
                "--no-dependencies",
                "--es",
                "http://a:9200,http://b:9200",
                "--index-prefix=prod",
                "--bulk-size",
                "500",
                "--concurrency=3",
                "--progress",
                "1.5s",
                "--debug",
                "a.json",
                "--shift-to-now",
                "--",
                "--odd-name.json"));

    assertThat(options.spans()).isEqualTo(1_000_000);
    assertThat(options.window()).isEqualTo(Duration.ofHours(6));
    assertThat(options.seed()).isEqualTo(-7);
    assertThat(options.largeTraces()).containsExactly(10_000, 1_000);
    assertThat(options.profile()).isEqualTo(DemoProfile.STOREFRONT);
    assertThat(options.now()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    assertThat(options.dependencies()).isFalse();
    assertThat(options.settings())
        .isEqualTo(
            Map.of(
                LoadOptions.SERVER_URLS, "http://a:9200,http://b:9200",
                LoadOptions.INDEX_PREFIX, "prod"));
    assertThat(options.batchSpans()).isEqualTo(500);
    assertThat(options.concurrency()).isEqualTo(3);
    assertThat(options.progressInterval()).isEqualTo(Duration.ofMillis(1500));
    assertThat(options.debug()).isTrue();
    assertThat(options.shiftToNow()).isTrue();
    assertThat(options.files()).containsExactly(Path.of("a.json"), Path.of("--odd-name.json"));
  }

  @ParameterizedTest
  @CsvSource({
    "1000000, 1000000",
    "1_000_000, 1000000",
    "'1,000,000', 1000000",
    "10k, 10000",
    "1m, 1000000",
    "2M, 2000000",
    "0, 0"
  })
  void counts(String text, long value) {
    assertThat(LoadOptions.count("--spans", text, 0, Long.MAX_VALUE)).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --bogus                              | unknown option --bogus
          --spans                              | --spans needs a value
          --generate --spans ten               | --spans ten is not a count (e.g. 1000, 1_000_000, 10k, 1m)
          --generate --large-trace 0           | --large-trace 0 must be between 1 and 1,000,000
          --generate --large-trace 5 --large-trace 5 | --large-trace 5 is given twice: the same size and seed give the same trace (same ID)
          --generate --days 0                  | --days 0 must be more than 0 and at most 3653
          --generate --profile mall            | --profile mall is not shop or storefront
          --generate --now yesterday           | --now yesterday is not an RFC 3339 time such as 2024-05-01T12:00:00Z
          --spans 5 --seed 1 a.json            | --spans, --seed: only with --generate
          --generate --shift-to-now            | --shift-to-now applies to trace files only
          --generate --debug=yes               | --debug takes no value
          --generate --concurrency 0           | --concurrency 0 must be between 1 and 64
          -                                    | reading from standard input is not supported: name a file
          """)
  void mistakesAreNamed(String args, String message) {
    assertThatThrownBy(() -> LoadOptions.parse(List.of(args.split(" "))))
        .isInstanceOf(UsageException.class)
        .hasMessage(message);
  }
}
