package io.sightline.dependencies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.dependencies.DependenciesOptions.UsageException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependenciesOptionsTest {

  static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

  static DependenciesOptions parse(String... args) throws UsageException {
    return DependenciesOptions.parse(List.of(args), TODAY, Map.of());
  }

  @Test
  void defaultsToYesterdayAsTheSparkJobRunAfterMidnight() throws UsageException {
    DependenciesOptions options = parse();
    assertThat(options.days()).containsExactly(LocalDate.of(2026, 2, 28));
    assertThat(options.dryRun()).isFalse();
    assertThat(options.peerServiceTag()).isEqualTo("peer.service");
    assertThat(options.pageSize()).isEqualTo(5_000);
    assertThat(options.progressInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.settings()).isEmpty();
  }

  @Test
  void aDayOrARangeBothEndsIncluded() throws UsageException {
    assertThat(parse("--day", "2024-05-01").days()).containsExactly(LocalDate.of(2024, 5, 1));
    assertThat(parse("--day=2024-05-01").days()).containsExactly(LocalDate.of(2024, 5, 1));
    assertThat(parse("--from", "2024-02-28", "--to", "2024-03-01").days())
        .containsExactly(
            LocalDate.of(2024, 2, 28), LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1));
    assertThat(parse("--from", "2026-02-27").days())
        .containsExactly(LocalDate.of(2026, 2, 27), LocalDate.of(2026, 2, 28));
  }

  @Test
  void storageOptionsBecomeSightlineProperties() throws UsageException {
    DependenciesOptions options =
        parse("--es", "http://es:9200", "--index-prefix", "prod", "--dry-run", "--page-size=7");
    assertThat(options.settings())
        .containsEntry(DependenciesOptions.SERVER_URLS, "http://es:9200")
        .containsEntry(DependenciesOptions.INDEX_PREFIX, "prod");
    assertThat(options.dryRun()).isTrue();
    assertThat(options.pageSize()).isEqualTo(7);
  }

  @Test
  void thePeerServiceTagComesFromTheOptionThenTheSparkJobsVariable() throws UsageException {
    Map<String, String> env = Map.of("PEER_SERVICE_TAG", "db.instance");
    assertThat(DependenciesOptions.parse(List.of(), TODAY, env).peerServiceTag())
        .isEqualTo("db.instance");
    assertThat(
            DependenciesOptions.parse(List.of("--peer-service-tag", "x"), TODAY, env)
                .peerServiceTag())
        .isEqualTo("x");
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> parse("--day", "yesterday"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--day yesterday: not a date YYYY-MM-DD");
    assertThatThrownBy(() -> parse("--day", "2024-05-01", "--from", "2024-05-01"))
        .hasMessage("--day and --from/--to exclude each other");
    assertThatThrownBy(() -> parse("--from", "2024-05-02", "--to", "2024-05-01"))
        .hasMessage("--to 2024-05-01 is before --from 2024-05-02");
    assertThatThrownBy(() -> parse("--from", "2020-01-01", "--to", "2024-01-01"))
        .hasMessage("at most 366 days at once");
    assertThatThrownBy(() -> parse("--page-size", "0"))
        .hasMessage("--page-size 0: not a number from 1 to 10000");
    assertThatThrownBy(() -> parse("--dry-run=yes")).hasMessage("--dry-run takes no value");
    assertThatThrownBy(() -> parse("--day")).hasMessage("--day needs a value");
    assertThatThrownBy(() -> parse("--spans", "1")).hasMessage("unknown option --spans");
  }
}
