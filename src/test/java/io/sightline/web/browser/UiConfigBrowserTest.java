package io.sightline.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyWriter;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.web.dependencies.ServiceGraphs;
import io.sightline.web.trace.TestTraces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code QUERY_UI_CONFIG} in a real headless Chromium: trace links ({@code linkPatterns} of type
 * {@code traces}) in the header of every trace view, and the dependencies page without its graph
 * above {@code dependencies.dagMaxNumServices} links (the table, and why), with the graph back for
 * the part around a focal service. Screenshots land in target/screenshots/.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "management.server.port=0")
class UiConfigBrowserTest extends TraceBrowserTestBase {

  static final TraceId ID = TraceId.parse("7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c7c");

  /** A day of its own for the dependency links. */
  static final Instant DAY = Instant.parse("2020-02-01T00:00:00Z");

  static final int DAG_MAX = 40;

  static Trace trace;
  static List<DependencyLink> links;

  @Autowired DependencyWriter dependencies;

  @DynamicPropertySource
  static void uiConfig(DynamicPropertyRegistry registry) throws IOException {
    Path file = Files.createTempFile("ui-config", ".json");
    file.toFile().deleteOnExit();
    Files.writeString(
        file,
        """
        {"dependencies": {"dagMaxNumServices": %d},
         "linkPatterns": [
           {"type": "traces", "url": "https://kibana.example/app/discover?q=trace_id:#{traceID}&from=#{startTime | epoch_micros_to_date_iso}",
            "text": "Logs in Kibana"},
           {"type": "traces", "url": "https://grafana.example/explore?trace=#{traceID}&name=#{traceName}",
            "text": "#{traceName} in Grafana"}
         ]}
        """
            .formatted(DAG_MAX));
    registry.add("sightline.ui.config", file::toString);
  }

  @Override
  void writeTraces() {
    trace = TestTraces.synthetic(60, 11, ID);
    store.writeSpans(trace.spans());
    links = ServiceGraphs.tieredLinks(40, 3);
    dependencies.writeDependencies(DAY, links);
  }

  @Test
  void traceLinksAreInTheHeaderOfEveryView() {
    for (String view : List.of("timeline", "statistics", "events")) {
      open("/trace/" + ID + (view.equals("timeline") ? "" : "?view=" + view));
      List<WebElement> found = browser.driver.findElements(By.cssSelector(".trace-ext-link"));
      assertThat(found).as(view).hasSize(2);
      WebElement kibana = found.get(0);
      assertThat(kibana.isDisplayed()).as(view).isTrue();
      assertThat(kibana.getText()).contains("Logs in Kibana");
      assertThat(kibana.getAttribute("href"))
          .startsWith("https://kibana.example/app/discover?q=trace_id:" + ID + "&from=")
          .matches(".*from=\\d{4}-\\d\\d-\\d\\dT\\d\\d%3A\\d\\d%3A\\d\\d\\.\\d{3}Z$");
      assertThat(kibana.getAttribute("target")).isEqualTo("_blank");
      assertThat(kibana.getAttribute("rel")).contains("noopener");
      String name = browser.driver.findElement(By.cssSelector(".trace-name")).getText();
      assertThat(found.get(1).getText())
          .isEqualTo(name.replaceAll("\\s*:\\s*", ": ") + " in Grafana");
      if (view.equals("timeline")) {
        browser.screenshot("ui-config-trace-links");
      }
    }
  }

  @Test
  void tooManyLinksForTheGraphShowTheTableAndSayWhy() {
    long start = (DAY.toEpochMilli() - Duration.ofHours(12).toMillis()) * 1000;
    long end = (DAY.toEpochMilli() + Duration.ofHours(12).toMillis()) * 1000;
    String window = "lookback=custom&start=" + start + "&end=" + end;
    // the page counts caller → callee pairs (duplicates summed, self-calls apart)
    long pairs =
        links.stream()
            .filter(l -> !l.parent().equals(l.child()))
            .map(l -> l.parent() + " -> " + l.child())
            .distinct()
            .count();
    assertThat(pairs).isGreaterThan(DAG_MAX);
    browser.driver.get(base() + "/dependencies?" + window);
    browser.waitReady("deps-page", Duration.ofSeconds(30));
    WebElement why = browser.driver.findElement(By.cssSelector("[data-graph-refused]"));
    assertThat(why.isDisplayed()).isTrue();
    assertThat(why.getText())
        .contains(pairs + " links, more than " + DAG_MAX)
        .contains("dependencies.dagMaxNumServices");
    assertThat(browser.driver.findElements(By.cssSelector(".deps-table tbody tr"))).isNotEmpty();
    assertThat(browser.driver.findElements(By.cssSelector("[data-graph]"))).isEmpty();
    WebElement graphSwitch = browser.driver.findElement(By.cssSelector("[data-graph-disabled]"));
    assertThat(graphSwitch.getTagName()).isEqualTo("span"); // not a link
    assertThat(graphSwitch.getAttribute("title")).contains("dagMaxNumServices");
    browser.screenshot("ui-config-dependencies-table");

    // the part around one service is small enough to draw
    String focus = links.get(links.size() - 1).child();
    browser.driver.get(base() + "/dependencies?" + window + "&focus=" + focus + "&depth=1");
    browser.waitReady("deps-page", Duration.ofSeconds(30));
    assertThat(browser.driver.findElements(By.cssSelector("[data-graph-refused]"))).isEmpty();
    assertThat(browser.driver.findElements(By.cssSelector(".node"))).isNotEmpty();
    browser.screenshot("ui-config-dependencies-focus");
  }
}
