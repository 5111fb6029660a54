package io.sightline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.web.UiConfig.LinkPattern;
import io.sightline.web.UiConfig.MenuItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        .extracting(LinkPattern::type, LinkPattern::key)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("process", "jaeger.version"),
            org.assertj.core.groups.Tuple.tuple("traces", null));
    assertThat(config.linkPatterns().get(0).text())
        .isEqualTo("Information about Jaeger release #{jaeger.version}");
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
        "{\"linkPatterns\": [{\"type\": \"span\", \"key\": \"k\", \"url\": \"/x\"}]} | linkPatterns[0].type: one of tags, process, logs, traces, not 'span'",
        "{\"linkPatterns\": [{\"type\": \"tags\", \"url\": \"/x\"}]} | linkPatterns[0].key: missing",
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
}
