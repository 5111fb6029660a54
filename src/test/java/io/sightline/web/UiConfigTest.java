package io.sightline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.web.UiConfig.LinkPattern;
import io.sightline.web.UiConfig.MenuItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.unit.DataSize;

class UiConfigTest {

  @Test
  void readsJaegerUisFile() {
    UiConfig config =
        UiConfig.parse(
            """
            {
              "dependencies": {"dagMaxNumServices": 200, "menuEnabled": true},
              "search": {"maxLookback": {"label": "2 Days", "value": "2d"}, "maxLimit": 1500},
              "tracking": {"gaID": "UA-000000-2", "trackErrors": true},
              "menu": [
                {"label": "About", "items": [
                  {"label": "Docs", "url": "https://www.jaegertracing.io/docs/"}]},
                {"label": "Runbook", "url": "/runbook", "anchorTarget": "_self"}
              ],
              "linkPatterns": [
                {"type": "process", "key": "jaeger.version",
                 "url": "https://github.com/jaegertracing/jaeger-client-java/releases/tag/#{jaeger.version}",
                 "text": "Information about Jaeger release #{jaeger.version}"},
                {"type": "traces", "url": "https://logs/search?traceID=#{trace.traceID}"}
              ]
            }
            """);
    assertThat(config.menu())
        .containsExactly(
            new MenuItem(
                "About",
                null,
                List.of(new MenuItem("Docs", "https://www.jaegertracing.io/docs/", List.of()))),
            new MenuItem("Runbook", "/runbook", List.of()));
    assertThat(config.linkPatterns())
        .extracting(LinkPattern::types, LinkPattern::keys)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Set.of("process"), List.of("jaeger.version")),
            org.assertj.core.groups.Tuple.tuple(Set.of("traces"), List.of()));
    assertThat(config.linkPatterns().get(0).text())
        .hasToString("Information about Jaeger release #{jaeger.version}");
    assertThat(config.maxLookback().duration()).isEqualTo(Duration.ofDays(2));
    assertThat(config.dagMaxNumServices()).isEqualTo(200);
    assertThat(config.maxLookback()).isEqualTo(new UiConfig.Lookback("2 Days", "2d"));
    assertThat(config.maxLimit()).isEqualTo(1500);
    assertThat(UiConfig.parse("{}")).isEqualTo(UiConfig.NONE);
  }

  @Test
  void aBadFileStopsTheStartNamingTheFileAndTheField(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ui.json");
    Files.writeString(file, "{\"menu\": [{\"label\": \"a\"}]}");
    WebUiProperties properties =
        new WebUiProperties(
            1,
            Duration.ofMinutes(1),
            1,
            "*",
            file.toString(),
            DataSize.ofMegabytes(1),
            1,
            Duration.ofMinutes(1));
    assertThatThrownBy(() -> new WebConfiguration().uiConfig(properties))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("QUERY_UI_CONFIG " + file + ": menu[0].url: missing");
    Files.writeString(file, "{\"menu\": [{\"label\": \"a\", \"url\": \"/a\"}]}");
    assertThat(new WebConfiguration().uiConfig(properties).menu()).hasSize(1);
    assertThat(new WebConfiguration().uiConfig(WebUiProperties.defaults()))
        .isEqualTo(UiConfig.NONE);
  }

  @Test
  void malformedJsonIsRefused() {
    assertThatThrownBy(() -> UiConfig.parse("{\"menu\": ["))
        .isInstanceOf(UiConfig.InvalidUiConfigException.class)
        .hasMessageStartingWith("not valid JSON: ");
    assertThatThrownBy(() -> UiConfig.parse("[]")).hasMessage("the file must hold one JSON object");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"menus\": []}                                  | menus: unknown field",
        "{\"menu\": {}}                                   | menu: must be an array",
        "{\"menu\": [{\"label\": \"a\", \"url\": 3}]}     | menu[0].url: must be a non-empty string",
        "{\"menu\": [{\"label\": \"a\"}]}                 | menu[0].url: missing",
        "{\"menu\": [{\"label\": \"a\", \"url\": \"javascript:alert(1)\"}]} | menu[0].url: an http(s) URL or a path starting with /",
        "{\"menu\": [{\"label\": \"a\", \"items\": [{\"label\": \"b\", \"items\": []}]}]} | menu[0].items[0].items: groups do not nest",
        "{\"linkPatterns\": [{\"type\": \"span\", \"key\": \"k\", \"url\": \"/x\"}]} | linkPatterns[0].type: one of tags (attributes), process (resource), logs (events), traces, not 'span'",
        "{\"linkPatterns\": [{\"type\": \"tags\", \"key\": [], \"url\": \"/x\"}]} | linkPatterns[0].key: must name at least one key",
        "{\"linkPatterns\": [{\"type\": \"tags\", \"key\": {}, \"url\": \"/x\"}]} | linkPatterns[0].key: must be a string or an array of strings",
        "{\"linkPatterns\": [{\"type\": \"tags\", \"key\": \"k\", \"value\": [{}], \"url\": \"/x\"}]} | linkPatterns[0].value[0]: must be a string or an array of strings",
        "{\"linkPatterns\": [{\"type\": \"tags\", \"key\": \"k\", \"url\": \"/x/#{ }\"}]} | linkPatterns[0].url: '#{ }' names no value",
        "{\"linkPatterns\": [{\"type\": \"traces\", \"url\": \"/logs?id=#{http.url}\"}]} | linkPatterns[0].url: #{http.url}: a trace link can use traceID, traceName, duration, startTime, endTime only",
        "{\"search\": {\"maxLookback\": {\"label\": \"x\", \"value\": \"2 days\"}}} | search.maxLookback.value: a number and m, h, d or w (e.g. 2d), not '2 days'",
        "{\"linkPatterns\": [{\"type\": \"tags\", \"key\": \"k\", \"url\": \"/x\", \"colour\": 1}]} | linkPatterns[0].colour: unknown field",
        "{\"dependencies\": {\"dagMaxNumServices\": \"200\"}} | dependencies.dagMaxNumServices: must be a whole number of at least 1",
        "{\"search\": {\"maxLimit\": 0}}                  | search.maxLimit: must be a whole number of at least 1",
        "{\"search\": {\"maxLookback\": {\"label\": \"x\"}}} | search.maxLookback.value: missing",
        "{\"tracking\": true}                             | tracking: must be an object",
      })
  void wrongFieldsAreRefusedByName(String json, String message) {
    assertThatThrownBy(() -> UiConfig.parse(json))
        .isInstanceOf(UiConfig.InvalidUiConfigException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = "=>",
      value = {
        "{\"linkPatterns\": [{\"type\": \"tags\", \"key\": \"k\", \"url\": \"/x/#{k | upper}\"}]} => linkPatterns[0].url: #{k | upper}: unknown format function 'upper'; one of add, epoch_micros_to_date_iso, pad_start",
        "{\"linkPatterns\": [{\"type\": \"tags\", \"key\": \"k\", \"url\": \"/x\", \"text\": \"#{k | pad_start x}\"}]} => linkPatterns[0].text: #{k | pad_start x}: pad_start needs a length (e.g. pad_start 16 0)",
        "{\"linkPatterns\": [{\"type\": \"tags\", \"key\": \"k\", \"url\": \"/x/#{k | add 1.5}\"}]} => linkPatterns[0].url: #{k | add 1.5}: add needs a whole number (e.g. add 60000000)",
      })
  void badFormatFunctionsAreRefusedByName(String json, String message) {
    wrongFieldsAreRefusedByName(json, message);
  }

  @Test
  void linkPatternsReadJaegerUisNewerNamesKeyAndValueListsAndFormatFunctions() {
    UiConfig config =
        UiConfig.parse(
            """
            {"linkPatterns": [
              {"type": "attributes", "key": ["http.status_code", "status"], "value": [500, "503"],
               "url": "/e/#{trace.traceID | pad_start 34 0}", "text": "Errors"},
              {"type": ["events", "resource"], "url": "/all"},
              {"type": "traces", "url": "/logs?from=#{startTime | epoch_micros_to_date_iso}&to=#{endTime | add 60000000 | epoch_micros_to_date_iso}"}
            ]}
            """);
    LinkPattern status = config.linkPatterns().get(0);
    assertThat(status.types()).containsExactly("tags");
    assertThat(status.matches("tags", "status", "500")).isTrue();
    assertThat(status.matches("tags", "status", "503")).isTrue();
    assertThat(status.matches("tags", "status", "200")).isFalse();
    assertThat(status.matches("process", "status", "500")).isFalse();
    assertThat(status.matches("tags", "other", "500")).isFalse();
    LinkPattern any = config.linkPatterns().get(1);
    assertThat(any.types()).containsExactlyInAnyOrder("logs", "process");
    assertThat(any.matches("logs", "whatever", "x")).isTrue();
    assertThat(any.matches("tags", "whatever", "x")).isFalse();
    // startTime 2026-12-07T23:40:00.123456Z in µs; endTime a second later
    long start = 1_796_686_800_123_456L;
    String url =
        config
            .linkPatterns()
            .get(2)
            .url()
            .fill(
                name ->
                    switch (name) {
                      case "startTime" -> LinkTemplate.Value.number(start);
                      case "endTime" -> LinkTemplate.Value.number(start + 1_000_000);
                      default -> null;
                    },
                true);
    assertThat(url)
        .isEqualTo(
            "/logs?from="
                + encoded(java.time.Instant.ofEpochMilli(start / 1000))
                + "&to="
                + encoded(java.time.Instant.ofEpochMilli((start + 61_000_000) / 1000)));
    assertThat(url).contains("from=2026-12-07T23%3A40%3A00.123Z");
  }

  @Test
  void formatFunctionsChangeOnlyTheTypesJaegerUiChanges() {
    LinkTemplate t = LinkTemplate.parse("#{v | pad_start 6 0}|#{v | add 5}", "t");
    assertThat(t.fill(name -> LinkTemplate.Value.text("ab"), false)).isEqualTo("0000ab|ab");
    assertThat(t.fill(name -> LinkTemplate.Value.number(12), false)).isEqualTo("12|17");
    LinkTemplate iso = LinkTemplate.parse("#{v | epoch_micros_to_date_iso}", "t");
    assertThat(iso.fill(name -> LinkTemplate.Value.text("12"), false)).isEqualTo("12");
    assertThat(iso.fill(name -> LinkTemplate.Value.number(1_500), false))
        .isEqualTo("1970-01-01T00:00:00.001Z");
    assertThat(iso.fill(name -> null, false)).isNull();
    assertThat(
            LinkTemplate.parse("/a b?q=#{v}", "t")
                .fill(n -> LinkTemplate.Value.text("a&b c/é"), true))
        .isEqualTo("/a b?q=a%26b%20c%2F%C3%A9");
  }

  private static String encoded(Object value) {
    return String.valueOf(value).replace(":", "%3A");
  }
}
