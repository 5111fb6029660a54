package io.sightline.storage.elasticsearch.index;

import static io.sightline.storage.elasticsearch.index.IndexRotation.Kind.DEPENDENCIES;
import static io.sightline.storage.elasticsearch.index.IndexRotation.Kind.SERVICE;
import static io.sightline.storage.elasticsearch.index.IndexRotation.Kind.SPAN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndexRotationTest {

  private static final IndexRotation DAILY = IndexRotation.defaults();
  private static final IndexRotation HOURLY =
      new IndexRotation("", "-", RolloverFrequency.HOUR, RolloverFrequency.HOUR, false, List.of());

  private static Instant t(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void sameDayIsOneIndex() {
    assertThat(DAILY.readIndices(SPAN, t("2024-05-01T10:00:00Z"), t("2024-05-01T12:00:00Z")))
        .containsExactly("jaeger-span-2024-05-01");
  }

  @Test
  void defaultLookbackIsFourDailyIndicesNewestFirst() {
    Instant now = t("2024-05-04T10:00:00Z");
    assertThat(DAILY.readIndices(SERVICE, now.minus(Duration.ofHours(72)), now))
        .containsExactly(
            "jaeger-service-2024-05-04",
            "jaeger-service-2024-05-03",
            "jaeger-service-2024-05-02",
            "jaeger-service-2024-05-01");
  }

  @Test
  void bothEndsAreIncludedAtTheExactMidnight() {
    assertThat(DAILY.readIndices(SPAN, t("2024-05-01T00:00:00Z"), t("2024-05-02T00:00:00Z")))
        .containsExactly("jaeger-span-2024-05-02", "jaeger-span-2024-05-01");
    assertThat(DAILY.readIndices(SPAN, t("2024-05-01T23:59:59.999Z"), t("2024-05-02T00:00:00Z")))
        .containsExactly("jaeger-span-2024-05-02", "jaeger-span-2024-05-01");
  }

  @Test
  void monthAndYearBoundaries() {
    assertThat(DAILY.readIndices(SPAN, t("2024-04-30T23:00:00Z"), t("2024-05-01T01:00:00Z")))
        .containsExactly("jaeger-span-2024-05-01", "jaeger-span-2024-04-30");
    assertThat(DAILY.readIndices(SPAN, t("2023-12-31T22:00:00Z"), t("2024-01-01T02:00:00Z")))
        .containsExactly("jaeger-span-2024-01-01", "jaeger-span-2023-12-31");
  }

  @Test
  void leapDayIsAnIndexOnlyInLeapYears() {
    assertThat(DAILY.readIndices(SPAN, t("2024-02-28T12:00:00Z"), t("2024-03-01T12:00:00Z")))
        .containsExactly(
            "jaeger-span-2024-03-01", "jaeger-span-2024-02-29", "jaeger-span-2024-02-28");
    assertThat(DAILY.readIndices(SPAN, t("2023-02-28T12:00:00Z"), t("2023-03-01T12:00:00Z")))
        .containsExactly("jaeger-span-2023-03-01", "jaeger-span-2023-02-28");
    assertThat(DAILY.writeIndex(SPAN, t("2024-02-29T23:59:59.999999Z")))
        .isEqualTo("jaeger-span-2024-02-29");
  }

  @Test
  void datesAreUtcSoDaylightSavingChangesDoNotMatter() {
    // 2024-03-31 01:00Z is when Europe springs forward; UTC hours are still consecutive.
    assertThat(HOURLY.readIndices(SPAN, t("2024-03-31T00:30:00Z"), t("2024-03-31T03:10:00Z")))
        .containsExactly(
            "jaeger-span-2024-03-31-03",
            "jaeger-span-2024-03-31-02",
            "jaeger-span-2024-03-31-01",
            "jaeger-span-2024-03-31-00");
    // An instant given with an offset is still filed under its UTC date.
    Instant lateEveningInNewYork =
        java.time.OffsetDateTime.parse("2024-05-01T21:00:00-04:00").toInstant();
    assertThat(DAILY.writeIndex(SPAN, lateEveningInNewYork)).isEqualTo("jaeger-span-2024-05-02");
  }

  @Test
  void hourlyRolloverAcrossMidnight() {
    assertThat(HOURLY.readIndices(SPAN, t("2024-05-01T22:30:00Z"), t("2024-05-02T01:10:00Z")))
        .containsExactly(
            "jaeger-span-2024-05-02-01",
            "jaeger-span-2024-05-02-00",
            "jaeger-span-2024-05-01-23",
            "jaeger-span-2024-05-01-22");
    assertThat(HOURLY.writeIndex(SPAN, t("2024-05-01T13:59:59Z")))
        .isEqualTo("jaeger-span-2024-05-01-13");
  }

  @Test
  void spansAndServicesRollOverIndependentlyAndDependenciesAreAlwaysDaily() {
    IndexRotation spansHourly =
        new IndexRotation("", "-", RolloverFrequency.HOUR, RolloverFrequency.DAY, false, List.of());
    Instant time = t("2024-05-01T13:20:00Z");
    assertThat(spansHourly.writeIndex(SPAN, time)).isEqualTo("jaeger-span-2024-05-01-13");
    assertThat(spansHourly.writeIndex(SERVICE, time)).isEqualTo("jaeger-service-2024-05-01");
    assertThat(HOURLY.writeIndex(DEPENDENCIES, time)).isEqualTo("jaeger-dependencies-2024-05-01");
    assertThat(HOURLY.readIndices(DEPENDENCIES, time.minus(Duration.ofHours(30)), time))
        .containsExactly("jaeger-dependencies-2024-05-01", "jaeger-dependencies-2024-04-30");
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = " => ",
      emptyValue = "EMPTY",
      value = {
        "- => DAY => jaeger-span-2024-05-01",
        ". => DAY => jaeger-span-2024.05.01",
        "EMPTY => DAY => jaeger-span-20240501",
        "- => HOUR => jaeger-span-2024-05-01-07",
        ". => HOUR => jaeger-span-2024.05.01.07",
        "EMPTY => HOUR => jaeger-span-2024050107",
      })
  void dateSeparators(String separator, RolloverFrequency frequency, String expected) {
    String sep = separator.equals("EMPTY") ? "" : separator;
    IndexRotation rotation = new IndexRotation("", sep, frequency, frequency, false, List.of());
    Instant time = t("2024-05-01T07:45:00Z");
    assertThat(rotation.writeIndex(SPAN, time)).isEqualTo(expected);
    assertThat(rotation.readIndices(SPAN, time, time)).containsExactly(expected);
  }

  @Test
  void prefixIsJoinedWithOneDash() {
    assertThat(IndexRotation.prefixed("prod", "jaeger-span")).isEqualTo("prod-jaeger-span");
    assertThat(IndexRotation.prefixed("prod-", "jaeger-span")).isEqualTo("prod-jaeger-span");
    assertThat(IndexRotation.prefixed("", "jaeger-span")).isEqualTo("jaeger-span");
    assertThat(IndexRotation.prefixed(null, "jaeger-span")).isEqualTo("jaeger-span");
    IndexRotation prod =
        new IndexRotation(
            "prod", "-", RolloverFrequency.DAY, RolloverFrequency.DAY, false, List.of());
    assertThat(prod.writeIndex(SERVICE, t("2024-05-01T00:00:00Z")))
        .isEqualTo("prod-jaeger-service-2024-05-01");
  }

  @Test
  void aliasModeReadsTheReadAliasWhateverTheWindow() {
    IndexRotation aliases =
        new IndexRotation(
            "prod", "-", RolloverFrequency.DAY, RolloverFrequency.DAY, true, List.of());
    Instant start = t("1999-01-01T00:00:00Z");
    Instant end = t("2024-05-01T00:00:00Z");
    assertThat(aliases.readIndices(SPAN, start, end)).containsExactly("prod-jaeger-span-read");
    assertThat(aliases.readIndices(SERVICE, start, end))
        .containsExactly("prod-jaeger-service-read");
    assertThat(aliases.readIndices(DEPENDENCIES, start, end))
        .containsExactly("prod-jaeger-dependencies-read");
    assertThat(aliases.writeIndex(SPAN, end)).isEqualTo("prod-jaeger-span-write");
    assertThat(aliases.writeIndex(SERVICE, end)).isEqualTo("prod-jaeger-service-write");
  }

  @Test
  void remoteReadClustersFollowEachLocalIndex() {
    IndexRotation remote =
        new IndexRotation(
            "", "-", RolloverFrequency.DAY, RolloverFrequency.DAY, false, List.of("c1", "c2"));
    assertThat(remote.readIndices(SPAN, t("2024-05-01T10:00:00Z"), t("2024-05-02T10:00:00Z")))
        .containsExactly(
            "jaeger-span-2024-05-02",
            "c1:jaeger-span-2024-05-02",
            "c2:jaeger-span-2024-05-02",
            "jaeger-span-2024-05-01",
            "c1:jaeger-span-2024-05-01",
            "c2:jaeger-span-2024-05-01");
    // Writes stay local.
    assertThat(remote.writeIndex(SPAN, t("2024-05-01T10:00:00Z")))
        .isEqualTo("jaeger-span-2024-05-01");
    IndexRotation remoteAliases =
        new IndexRotation(
            "", "-", RolloverFrequency.DAY, RolloverFrequency.DAY, true, List.of("c1"));
    assertThat(
            remoteAliases.readIndices(SPAN, t("2024-05-01T10:00:00Z"), t("2024-05-02T10:00:00Z")))
        .containsExactly("jaeger-span-read", "c1:jaeger-span-read");
  }

  @Test
  void anEndBeforeTheStartReadsTheStartIndexLikeJaeger() {
    assertThat(DAILY.readIndices(SPAN, t("2024-05-03T00:00:00Z"), t("2024-05-01T00:00:00Z")))
        .containsExactly("jaeger-span-2024-05-03");
  }

  @Test
  void wholeMonthsAndYearsCollapseIntoWildcards() {
    assertThat(DAILY.readIndices(SPAN, t("2024-05-01T00:00:00Z"), t("2024-05-31T23:59:00Z")))
        .containsExactly("jaeger-span-2024-05-*");
    assertThat(DAILY.readIndices(SPAN, t("2024-04-30T12:00:00Z"), t("2024-06-01T01:00:00Z")))
        .containsExactly(
            "jaeger-span-2024-06-01", "jaeger-span-2024-05-*", "jaeger-span-2024-04-30");
    assertThat(DAILY.readIndices(SPAN, t("2023-01-01T00:00:00Z"), t("2024-01-02T00:00:00Z")))
        .containsExactly("jaeger-span-2024-01-02", "jaeger-span-2024-01-01", "jaeger-span-2023-*");
    assertThat(HOURLY.readIndices(SPAN, t("2024-05-01T00:00:00Z"), t("2024-05-02T00:10:00Z")))
        .containsExactly("jaeger-span-2024-05-02-00", "jaeger-span-2024-05-01-*");
    IndexRotation compact =
        new IndexRotation("p", "", RolloverFrequency.DAY, RolloverFrequency.DAY, false, List.of());
    assertThat(compact.readIndices(SPAN, t("2024-02-01T00:00:00Z"), t("2024-02-29T00:00:00Z")))
        .containsExactly("p-jaeger-span-202402*");
  }

  @Test
  void aHugeLookbackStaysShort() {
    Instant now = t("2026-05-15T10:00:00Z");
    List<String> sinceEpoch = DAILY.readIndices(SPAN, Instant.EPOCH, now);
    assertThat(sinceEpoch).hasSizeLessThan(40);
    assertThat(sinceEpoch)
        .startsWith("jaeger-span-2026-05-15", "jaeger-span-2026-05-14")
        .contains("jaeger-span-2026-04-*", "jaeger-span-2025-*", "jaeger-span-201*")
        .endsWith("jaeger-span-197*");
    assertThat(HOURLY.readIndices(SPAN, Instant.MIN, Instant.MAX)).hasSizeLessThan(120);
    List<String> tenYearsHourly = HOURLY.readIndices(SPAN, now.minus(Duration.ofDays(3653)), now);
    assertThat(tenYearsHourly).hasSizeLessThan(150);
  }

  /**
   * Whatever the window, the names (wildcards expanded) select exactly the indices of Jaeger's
   * day-by-day (hour-by-hour) listing: nothing more, nothing less.
   */
  @Test
  void wildcardsCoverExactlyTheNaiveListing() {
    Random random = new Random(42);
    String[] separators = {"-", ".", ""};
    for (int i = 0; i < 200; i++) {
      boolean hourly = random.nextBoolean();
      String sep = separators[random.nextInt(3)];
      RolloverFrequency frequency = hourly ? RolloverFrequency.HOUR : RolloverFrequency.DAY;
      IndexRotation rotation = new IndexRotation("", sep, frequency, frequency, false, List.of());
      long spanSeconds =
          hourly ? random.nextInt(40 * 24 * 3600) : (long) random.nextInt(900) * 24 * 3600;
      Instant start =
          t("2019-11-01T00:00:00Z")
              .plusSeconds((long) random.nextInt(6 * 365) * 24 * 3600)
              .plusSeconds(random.nextInt(24 * 3600));
      if (random.nextInt(4) == 0) {
        start =
            start
                .atZone(ZoneOffset.UTC)
                .withDayOfMonth(1)
                .toLocalDate()
                .atStartOfDay()
                .toInstant(ZoneOffset.UTC);
      }
      Instant end = start.plusSeconds(spanSeconds);
      List<String> names = rotation.readIndices(SPAN, start, end);
      Set<String> inWindow = naive(sep, hourly, start, end);
      Set<String> around =
          naive(
              sep,
              hourly,
              start.minus(Duration.ofDays(hourly ? 3 : 400)),
              end.plus(Duration.ofDays(hourly ? 3 : 400)));
      for (String candidate : around) {
        long matches = names.stream().filter(n -> covers(n, candidate)).count();
        assertThat(matches)
            .as(
                "%s for window %s..%s (sep '%s', hourly %s): %s",
                candidate, start, end, sep, hourly, names)
            .isEqualTo(inWindow.contains(candidate) ? 1 : 0);
      }
      List<String> literal = names.stream().filter(n -> !n.endsWith("*")).toList();
      assertThat(literal).isSubsetOf(inWindow);
    }
  }

  /** Jaeger's listing: one name per step from the end back to the start. */
  private static Set<String> naive(String sep, boolean hourly, Instant start, Instant end) {
    String layout = "yyyy'" + sep + "'MM'" + sep + "'dd" + (hourly ? "'" + sep + "'HH" : "");
    DateTimeFormatter format =
        DateTimeFormatter.ofPattern(layout.replace("''", "")).withZone(ZoneOffset.UTC);
    Duration step = hourly ? Duration.ofHours(1) : Duration.ofDays(1);
    String first = "jaeger-span-" + format.format(start);
    List<String> out = new ArrayList<>();
    Instant cursor = end;
    String current = "jaeger-span-" + format.format(cursor);
    while (!current.equals(first) && cursor.isAfter(start)) {
      if (out.isEmpty() || !out.get(out.size() - 1).equals(current)) {
        out.add(current);
      }
      cursor = cursor.minus(step);
      current = "jaeger-span-" + format.format(cursor);
    }
    out.add(first);
    return new LinkedHashSet<>(out);
  }

  /** Elasticsearch's wildcard semantics for our names: a trailing {@code *} is a prefix match. */
  private static boolean covers(String name, String index) {
    return name.endsWith("*")
        ? index.startsWith(name.substring(0, name.length() - 1))
        : index.equals(name);
  }

  @Test
  void archiveIsOneUndatedIndexOrAPairOfAliases() {
    Instant start = t("2020-01-01T00:00:00Z");
    Instant end = t("2024-05-01T00:00:00Z");
    IndexRotation archive = IndexRotation.archive("", false, List.of());
    assertThat(archive.readIndices(SPAN, start, end)).containsExactly("jaeger-span-archive");
    assertThat(archive.writeIndex(SPAN, end)).isEqualTo("jaeger-span-archive");
    assertThat(archive.readIndices(SERVICE, start, end)).isEmpty();
    assertThat(archive.dated()).isFalse();
    IndexRotation aliases = IndexRotation.archive("prod", true, List.of("c1"));
    assertThat(aliases.readIndices(SPAN, start, end))
        .containsExactly("prod-jaeger-span-archive-read", "c1:prod-jaeger-span-archive-read");
    assertThat(aliases.writeIndex(SPAN, end)).isEqualTo("prod-jaeger-span-archive-write");
    assertThat(DAILY.dated()).isTrue();
  }
}
