package io.sightline.web.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.trace.InvalidQueryException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchParamsTest {

  static final Instant NOW = Instant.parse("2024-03-05T14:00:00Z");
  static final long NOW_US = SearchParams.micros(NOW);

  static Map<String, List<String>> params(String... kv) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
    }
    return m;
  }

  @Test
  void aLookbackBecomesAFixedWindowEndingNow() {
    Map<String, List<String>> out =
        SearchParams.canonical(params("service", "cart", "lookback", "2h", "operation", ""), NOW);
    assertThat(out)
        .containsExactly(
            Map.entry("service", List.of("cart")),
            Map.entry("lookback", List.of("2h")),
            Map.entry(
                "start", List.of(Long.toString(NOW_US - Duration.ofHours(2).toNanos() / 1000))),
            Map.entry("end", List.of(Long.toString(NOW_US))),
            Map.entry("limit", List.of("20")));
  }

  @Test
  void noLookbackMeansJaegersDefaultHourAndTheLimitIsKept() {
    Map<String, List<String>> out =
        SearchParams.canonical(params("service", "cart", "limit", "100"), NOW);
    assertThat(out.get("lookback")).containsExactly("1h");
    assertThat(out.get("start")).containsExactly(Long.toString(NOW_US - 3_600_000_000L));
    assertThat(out.get("limit")).containsExactly("100");
  }

  @Test
  void logfmtTagsBecomeJaegersJsonWithStringValues() {
    Map<String, List<String>> out =
        SearchParams.canonical(
            params("service", "s", "tags", "http.status_code=500 error db.statement=\"select 1\""),
            NOW);
    assertThat(out.get("tags"))
        .containsExactly(
            "{\"http.status_code\":\"500\",\"error\":\"true\",\"db.statement\":\"select 1\"}");
  }

  @Test
  void jsonTagsAndLegacyTagsStayAsTheyAre() {
    Map<String, List<String>> out =
        SearchParams.canonical(
            params("service", "s", "tags", "{\"a\":\"1\"}", "tag", "b:2", "tag", "c:3"), NOW);
    assertThat(out.get("tags")).containsExactly("{\"a\":\"1\"}");
    assertThat(out.get("tag")).containsExactly("b:2", "c:3");
  }

  @Test
  void aCustomRangeIsReadInTheBrowsersZone() {
    // 10:00 at UTC+02:00 is 08:00 UTC
    Map<String, List<String>> out =
        SearchParams.canonical(
            params(
                "service", "s",
                "lookback", "custom",
                "from", "2024-03-05T10:00",
                "to", "2024-03-05T11:30",
                "tz", "120"),
            NOW);
    assertThat(out.get("lookback")).containsExactly("custom");
    assertThat(out.get("start"))
        .containsExactly(Long.toString(SearchParams.micros(Instant.parse("2024-03-05T08:00:00Z"))));
    assertThat(out.get("end"))
        .containsExactly(Long.toString(SearchParams.micros(Instant.parse("2024-03-05T09:30:00Z"))));
  }

  @Test
  void aCustomRangeWithoutZoneIsUtcAndWithoutEndEndsNow() {
    Map<String, List<String>> out =
        SearchParams.canonical(params("lookback", "custom", "from", "2024-03-05T10:00:30"), NOW);
    assertThat(out.get("start"))
        .containsExactly(Long.toString(SearchParams.micros(Instant.parse("2024-03-05T10:00:30Z"))));
    assertThat(out.get("end")).containsExactly(Long.toString(NOW_US));
  }

  @Test
  void customRangeErrorsNameTheField() {
    assertThatThrownBy(() -> SearchParams.canonical(params("lookback", "custom"), NOW))
        .isInstanceOf(InvalidQueryException.class)
        .extracting(e -> ((InvalidQueryException) e).parameter())
        .isEqualTo("from");
    assertThatThrownBy(
            () -> SearchParams.canonical(params("lookback", "custom", "from", "yesterday"), NOW))
        .hasMessage("'yesterday' is not a date and time (like 2024-03-05T14:30)");
    assertThatThrownBy(
            () ->
                SearchParams.canonical(
                    params(
                        "lookback", "custom", "from", "2024-03-05T10:00", "to", "2024-03-05T09:00"),
                    NOW))
        .extracting(e -> ((InvalidQueryException) e).parameter())
        .isEqualTo("to");
  }

  @Test
  void unknownLookbacksAndBadTagsAreErrors() {
    assertThatThrownBy(() -> SearchParams.canonical(params("lookback", "forever"), NOW))
        .extracting(e -> ((InvalidQueryException) e).parameter())
        .isEqualTo("lookback");
    assertThatThrownBy(() -> SearchParams.canonical(params("tags", "a=\"open"), NOW))
        .extracting(e -> ((InvalidQueryException) e).parameter())
        .isEqualTo("tags");
  }

  @Test
  void sortIsKeptOnlyWhenNotTheDefault() {
    assertThat(SearchParams.canonical(params("sort", "longest"), NOW).get("sort"))
        .containsExactly("longest");
    assertThat(SearchParams.canonical(params("sort", "recent"), NOW)).doesNotContainKey("sort");
  }

  @Test
  void searchLookupAndWindowAreTold() {
    assertThat(SearchParams.isSearch(params())).isFalse();
    assertThat(SearchParams.isSearch(params("uiEmbed", "v0"))).isFalse();
    assertThat(SearchParams.isSearch(params("service", ""))).isTrue();
    assertThat(SearchParams.isLookup(params("traceID", " "))).isFalse();
    assertThat(SearchParams.isLookup(params("traceID", "abc"))).isTrue();
    assertThat(SearchParams.hasWindow(params("start", "1"))).isFalse();
    assertThat(SearchParams.hasWindow(params("start", "1", "end", "2"))).isTrue();
  }

  @Test
  void theParserGetsJsonTagsAndThePagesDefaultLimit() {
    Map<String, List<String>> out = SearchParams.forParser(params("tags", "a=1", "limit", ""));
    assertThat(out.get("tags")).containsExactly("{\"a\":\"1\"}");
    assertThat(out.get("limit")).containsExactly("20");
    assertThat(SearchParams.forParser(params("tags", "")).containsKey("tags")).isFalse();
  }

  @Test
  void lookbacksReadJaegersSpellings() {
    assertThat(Lookback.parse("5m").duration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(Lookback.parse("2d").duration()).isEqualTo(Duration.ofDays(2));
    assertThat(Lookback.parse("2w").duration()).isEqualTo(Duration.ofDays(14));
    assertThat(Lookback.parse("1h").label()).isEqualTo("Last hour");
    assertThat(Lookback.parse("custom").custom()).isTrue();
    assertThat(Lookback.parse("0h")).isNull();
    assertThat(Lookback.parse("1y")).isNull();
    // choices: presets up to the maximum, an odd one in its place, custom last
    assertThat(
            Lookback.choices(Lookback.parse("7d"), Duration.ofDays(2), null).stream()
                .map(Lookback::value))
        .containsExactly(
            "5m", "15m", "30m", "1h", "2h", "3h", "6h", "12h", "24h", "2d", "7d", "custom");
    assertThat(
            Lookback.choices(Lookback.parse("45m"), Duration.ofHours(2), null).stream()
                .map(Lookback::value))
        .containsExactly("5m", "15m", "30m", "45m", "1h", "2h", "custom");
  }
}
