package io.sightline.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.testing.LoadedSightline;
import io.sightline.testing.search.IndexPrefix;
import io.sightline.testing.search.SearchServer;
import io.sightline.testing.search.SearchServerTest;
import io.sightline.trace.DependencyLinker;
import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A person's way through Sightline in headless Chromium, against the packaged jar reading a real
 * Elasticsearch/OpenSearch that the loader filled: search → open a trace → collapse and expand →
 * find in the trace → span details → the dependency graph. Screenshots in target/screenshots/ (one
 * set per server).
 */
@SearchServerTest
class ElasticsearchJourneyIT {

  private static final String SERVICE = "api-gateway";

  private final SearchServer server;
  private LoadedSightline sightline;
  private Browser browser;
  private String shotPrefix;

  ElasticsearchJourneyIT(SearchServer server) {
    this.server = server;
  }

  private void waitReady(String pageId) {
    browser.waitReady(pageId, Duration.ofSeconds(60));
  }

  private List<WebElement> visibleRows() {
    return browser.driver.findElements(By.cssSelector(".row:not([hidden])"));
  }

  private long visibleCount() {
    return (Long) browser.js("return window.sightlineTrace.model.visibleCount");
  }

  @Test
  void searchOpenExpandFindDetailsDependencies(IndexPrefix prefix) throws Exception {
    shotPrefix = "journey-" + server.id() + "-";
    try (LoadedSightline loaded =
            LoadedSightline.start(server, prefix, 23, 4_000, Duration.ofHours(2));
        Browser chromium = new Browser()) {
      sightline = loaded;
      browser = chromium;
      journey();
    }
  }

  private void journey() {
    long gatewayTraces =
        sightline.traces().stream()
            .filter(t -> t.spans().stream().anyMatch(s -> SERVICE.equals(service(s))))
            .count();
    assertThat(gatewayTraces).as("the data has gateway traces").isGreaterThan(20);

    // Search: the service list comes from the span storage's service index.
    browser.driver.get(sightline.baseUrl() + "/search");
    waitReady("search-page");
    Select services = new Select(browser.driver.findElement(By.id("sf-service")));
    Set<String> offered = new TreeSet<>();
    services.getOptions().forEach(o -> offered.add(o.getDomAttribute("value")));
    assertThat(offered).containsAll(servicesOf(sightline.traces()));
    services.selectByValue(SERVICE);
    new Select(browser.driver.findElement(By.id("sf-lookback"))).selectByValue("6h");
    WebElement limit = browser.driver.findElement(By.id("sf-limit"));
    limit.clear();
    limit.sendKeys("20");
    browser.driver.findElement(By.cssSelector(".find-btn")).click();
    browser.waiting(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("start="));
    waitReady("search-page");
    assertThat(browser.driver.findElement(By.cssSelector("[data-count]")).getText())
        .isEqualTo("20 traces matched");
    List<WebElement> results = browser.driver.findElements(By.cssSelector(".result"));
    assertThat(results).hasSize(20);
    assertThat(browser.driver.findElements(By.cssSelector(".dot"))).hasSize(20);
    browser.screenshot(shotPrefix + "1-search");

    // Open the result with the most spans.
    new Select(browser.driver.findElement(By.id("sort-select"))).selectByValue("mostSpans");
    WebElement first = browser.driver.findElements(By.cssSelector(".result")).get(0);
    String traceId = first.getDomAttribute("data-trace-id");
    Trace expected =
        sightline.traces().stream()
            .filter(t -> t.traceId().equals(TraceId.parse(traceId)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the page shows an unknown trace " + traceId));
    int spans = expected.spans().size();
    assertThat(Long.parseLong(first.getDomAttribute("data-spans"))).isEqualTo(spans);
    first.findElement(By.cssSelector(".result-name")).click();
    browser
        .waiting(Duration.ofSeconds(30))
        // The result's link carries the trace's time (start/end), so an old trace opens too.
        .until(d -> d.getCurrentUrl().contains("/trace/" + traceId + "?start="));
    waitReady("trace-page");
    assertThat(visibleCount()).isEqualTo(spans);
    browser.screenshot(shotPrefix + "2-trace");

    // Collapse the root, then expand everything again.
    visibleRows().get(0).findElement(By.cssSelector(".r-toggle")).click();
    assertThat(visibleRows()).hasSize(1);
    browser.driver.findElement(By.cssSelector("[data-expand-all]")).click();
    assertThat(visibleCount()).isEqualTo(spans);

    // Find: the operation of the trace's last span, as many matches as the trace holds.
    String operation = expected.spans().get(spans - 1).operationName();
    long matching =
        expected.spans().stream()
            .filter(
                s ->
                    s.operationName()
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains(operation.toLowerCase(java.util.Locale.ROOT)))
            .count();
    WebElement find = browser.driver.findElement(By.cssSelector("[data-find-input]"));
    find.sendKeys(operation);
    // Rows are rendered only where visible: the count says how many matched.
    browser
        .waiting(Duration.ofSeconds(10))
        .until(
            d ->
                d.findElement(By.cssSelector("[data-find-count]"))
                    .getText()
                    .matches("\\d+ match(es)?"));
    int counted =
        Integer.parseInt(
            browser
                .driver
                .findElement(By.cssSelector("[data-find-count]"))
                .getText()
                .split(" ")[0]);
    // Find also searches tags and process values, so the operation name is a lower bound.
    assertThat((long) counted).isGreaterThanOrEqualTo(matching);
    browser.screenshot(shotPrefix + "3-find");

    // Details of the first match, loaded from the server on click.
    browser.driver.findElement(By.cssSelector("[data-find-next]")).click();
    WebElement current = browser.driver.findElement(By.cssSelector(".row.is-current-match"));
    current.click();
    WebElement details = browser.driver.findElement(By.cssSelector("[data-details-body]"));
    browser.waiting(Duration.ofSeconds(10)).until(d -> details.getText().contains("Tags ("));
    assertThat(details.getText()).contains("Process (");
    browser.screenshot(shotPrefix + "4-details");

    // Dependencies: the loader wrote today's document; every edge's services exist.
    browser.driver.get(sightline.baseUrl() + "/dependencies");
    waitReady("deps-page");
    List<WebElement> nodes = browser.driver.findElements(By.cssSelector(".node"));
    Set<String> graphServices = new TreeSet<>();
    nodes.forEach(n -> graphServices.add(n.getDomAttribute("data-service")));
    // Services and the peers they call (kafka, the payment provider) as the daily job names them.
    Set<String> linked = new TreeSet<>();
    DependencyLinker.byDay(sightline.traces())
        .values()
        .forEach(
            links ->
                links.forEach(
                    l -> {
                      linked.add(l.parent());
                      linked.add(l.child());
                    }));
    assertThat(graphServices).contains(SERVICE).isEqualTo(linked);
    assertThat(browser.driver.findElements(By.cssSelector(".edge"))).isNotEmpty();
    browser.screenshot(shotPrefix + "5-dependencies");
    assertThat(browser.severeConsoleMessages()).as("console errors").isEmpty();
  }

  private static String service(Span span) {
    return span.process().serviceName();
  }

  private static Set<String> servicesOf(List<Trace> traces) {
    Set<String> names = new TreeSet<>();
    traces.forEach(t -> t.spans().forEach(s -> names.add(service(s))));
    return names;
  }
}
