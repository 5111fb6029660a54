package io.sightline.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.DependencyWriter;
import io.sightline.web.dependencies.ServiceGraphs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The search, compare and dependencies pages in a real headless Chromium against a running server
 * over the embedded store with its demo data (13 services, 300 traces of the last 6 hours, their
 * dependencies). Screenshots land in target/screenshots/; every test fails on console errors
 * (script errors, CSP violations, failed requests).
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    // its own context (and store): the trace page's tests add 100,000-span traces to theirs
    properties = {"management.server.port=0", "sightline.demo.seed=42"})
class SearchPagesBrowserTest {

  /** Where the 100-service dependency graph is stored: a day of its own. */
  static final Instant BIG_GRAPH_DAY = Instant.parse("2020-01-01T00:00:00Z");

  static Browser browser;
  static boolean written;

  @LocalServerPort int port;
  @Autowired DependencyWriter dependencies;

  @BeforeAll
  static void startBrowser() {
    browser = new Browser();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void cleanSlate() {
    if (!written) {
      dependencies.writeDependencies(BIG_GRAPH_DAY, ServiceGraphs.tieredLinks(100, 5));
      written = true;
    }
    browser.resetViewport();
    browser.driver.get(base() + "/favicon.svg");
    browser.js("window.localStorage.clear()");
    browser.severeConsoleMessages();
  }

  @AfterEach
  void noConsoleErrors() {
    assertThat(browser.severeConsoleMessages()).as("console errors").isEmpty();
  }

  String base() {
    return "http://localhost:" + port;
  }

  void open(String path, String pageId) {
    browser.driver.get(base() + path);
    waitReady(pageId);
  }

  void waitReady(String pageId) {
    browser.waitReady(pageId, Duration.ofSeconds(30));
  }

  List<WebElement> results() {
    return browser.driver.findElements(By.cssSelector(".result"));
  }

  List<Long> data(String attribute) {
    List<Long> values = new ArrayList<>();
    for (WebElement row : results()) {
      values.add(Long.parseLong(row.getDomAttribute("data-" + attribute)));
    }
    return values;
  }

  /** Searches api-gateway over the last 6 hours through the form, as a person would. */
  void searchGateway() {
    open("/search", "search-page");
    new Select(browser.driver.findElement(By.id("sf-service"))).selectByValue("api-gateway");
    new Select(browser.driver.findElement(By.id("sf-lookback"))).selectByValue("6h");
    WebElement limit = browser.driver.findElement(By.id("sf-limit"));
    limit.clear();
    limit.sendKeys("40");
    browser.driver.findElement(By.cssSelector(".find-btn")).click();
    browser.waiting(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("start="));
    waitReady("search-page");
  }

  @Test
  void searchSortAndOpenATraceFromTheScatterPlot() {
    searchGateway();
    String url = browser.driver.getCurrentUrl();
    assertThat(url).contains("service=api-gateway").contains("lookback=6h").contains("limit=40");
    assertThat(browser.driver.findElement(By.cssSelector("[data-count]")).getText())
        .isEqualTo("40 traces matched");
    assertThat(results()).hasSize(40);
    assertThat(browser.driver.findElements(By.cssSelector(".dot"))).hasSize(40);
    assertThat(browser.driver.findElement(By.cssSelector("[data-limit-notice]")).getText())
        .contains("The limit of 40 was reached");
    // newest first
    List<Long> starts = data("start");
    assertThat(starts).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    // times are rendered in the browser: relative ones too
    assertThat(results().get(0).findElement(By.cssSelector(".when-ago")).getText()).endsWith("ago");
    browser.screenshot("search-results");

    // instant client-side sort, recorded in the URL
    new Select(browser.driver.findElement(By.id("sort-select"))).selectByValue("longest");
    assertThat(data("duration")).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(browser.driver.getCurrentUrl()).contains("sort=longest");
    new Select(browser.driver.findElement(By.id("sort-select"))).selectByValue("mostSpans");
    assertThat(data("spans")).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    // a reload renders the same order on the server
    browser.driver.navigate().refresh();
    waitReady("search-page");
    assertThat(data("spans")).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    browser.screenshot("search-sorted");

    // hovering a bubble shows its tooltip and marks its row
    // a bubble that no other covers at its centre
    WebElement dot =
        (WebElement)
            browser.js(
                "for (const c of document.querySelectorAll('.dot circle')) {"
                    + " const r = c.getBoundingClientRect();"
                    + " const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
                    + " if (top === c) return c.closest('.dot'); }"
                    + " return null;");
    assertThat(dot).isNotNull();
    String traceId = dot.getDomAttribute("data-trace-id");
    new Actions(browser.driver).moveToElement(dot.findElement(By.tagName("circle"))).perform();
    WebElement tip = browser.driver.findElement(By.cssSelector("[data-scatter-tip]"));
    browser.waiting(Duration.ofSeconds(5)).until(d -> tip.isDisplayed());
    WebElement row =
        browser.driver.findElement(By.cssSelector(".result[data-trace-id='" + traceId + "']"));
    String name = row.findElement(By.cssSelector(".result-name")).getText();
    // the row's name ends with the short ID; the tooltip starts with the name
    assertThat(tip.getText())
        .startsWith(name.substring(0, name.lastIndexOf(' ')))
        .contains(" spans");
    assertThat(row.getDomAttribute("class")).contains("is-hot");
    browser.screenshot("search-scatter-hover");
    // and a click opens the trace
    dot.findElement(By.tagName("circle")).click();
    browser
        .waiting(Duration.ofSeconds(30))
        .until(d -> d.getCurrentUrl().contains("/trace/" + traceId + "?start="));
    waitReady("trace-page");
  }

  @Test
  void theOperationListFollowsTheService() {
    open("/search", "search-page");
    new Select(browser.driver.findElement(By.id("sf-service"))).selectByValue("cart-service");
    browser
        .waiting(Duration.ofSeconds(10))
        .until(d -> !d.findElements(By.cssSelector("#sf-operations option")).isEmpty());
    List<String> operations = new ArrayList<>();
    for (WebElement option : browser.driver.findElements(By.cssSelector("#sf-operations option"))) {
      operations.add(option.getDomAttribute("value"));
    }
    assertThat(operations).isSorted().isNotEmpty();
    assertThat(browser.driver.findElement(By.cssSelector("[data-op-count]")).getText())
        .isEqualTo("(" + operations.size() + ")");
    // a typed operation of the new service runs a search for it
    WebElement operation = browser.driver.findElement(By.id("sf-operation"));
    operation.sendKeys(operations.get(0));
    new Select(browser.driver.findElement(By.id("sf-lookback"))).selectByValue("6h");
    operation.sendKeys(Keys.ENTER);
    waitReady("search-page");
    browser.waiting(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("operation="));
    assertThat(results()).isNotEmpty();
  }

  @Test
  void tagsAreLogfmtAndErrorsShowBesideTheField() {
    open("/search", "search-page");
    new Select(browser.driver.findElement(By.id("sf-lookback"))).selectByValue("6h");
    browser.driver.findElement(By.id("sf-tags")).sendKeys("error=true");
    browser.driver.findElement(By.cssSelector(".find-btn")).click();
    browser.waiting(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("start="));
    waitReady("search-page");
    assertThat(browser.driver.getCurrentUrl()).contains("tags=%7B%22error%22%3A%22true%22%7D");
    assertThat(results()).isNotEmpty();
    // every trace found has a span with error=true
    assertThat(data("errors")).allMatch(n -> n > 0);
    assertThat(browser.driver.findElement(By.id("sf-tags")).getDomProperty("value"))
        .isEqualTo("error=true");

    WebElement min = browser.driver.findElement(By.id("sf-min"));
    min.sendKeys("fast");
    min.sendKeys(Keys.ENTER);
    waitReady("search-page");
    // the page says 400 (Chromium logs that); nothing else went wrong
    assertThat(browser.severeConsoleMessages())
        .singleElement()
        .asString()
        .contains("minDuration=fast")
        .contains("status of 400");
    WebElement error = browser.driver.findElement(By.cssSelector(".search-form .field-error"));
    assertThat(error.getText())
        .isEqualTo("unable to parse param 'minDuration': time: invalid duration \"fast\"");
    assertThat(browser.driver.findElement(By.id("sf-min")).getDomAttribute("aria-invalid"))
        .isEqualTo("true");
    browser.screenshot("search-validation");
  }

  @Test
  void selectTwoAndCompare() {
    searchGateway();
    WebElement submit = browser.driver.findElement(By.cssSelector("[data-compare-submit]"));
    assertThat(submit.isEnabled()).isFalse();
    // two traces of the same kind (root service and operation): a diff with shared paths
    @SuppressWarnings("unchecked")
    List<Long> pair =
        (List<Long>)
            browser.js(
                "const names = [...document.querySelectorAll('.result')].map(r =>"
                    + " r.querySelector('.root-svc')?.textContent + r.querySelector('.root-op')?.textContent);"
                    + " for (let i = 0; i < names.length; i++)"
                    + "   for (let j = i + 1; j < names.length; j++)"
                    + "     if (names[i] === names[j]) return [i, j];"
                    + " return null;");
    assertThat(pair).isNotNull();
    List<WebElement> checks = browser.driver.findElements(By.cssSelector(".compare-check"));
    WebElement first = checks.get(pair.get(0).intValue());
    WebElement second = checks.get(pair.get(1).intValue());
    String a = first.getDomAttribute("value");
    String b = second.getDomAttribute("value");
    // the pair's shared root service: certainly in both traces, whatever the demo data holds
    String rootService =
        (String)
            browser.js(
                "return document.querySelectorAll('.result')[arguments[0]]"
                    + ".querySelector('.root-svc').textContent.replace(':', '').trim()",
                pair.get(0).intValue());
    first.click();
    assertThat(browser.driver.findElement(By.cssSelector("[data-compare-status]")).getText())
        .contains("select one more");
    second.click();
    assertThat(submit.isEnabled()).isTrue();
    browser.screenshot("search-compare-selection");
    submit.click();
    browser.waiting(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("..."));
    waitReady("compare-page");
    assertThat(browser.driver.getCurrentUrl()).contains("/trace/" + a + "..." + b);
    assertThat(browser.driver.findElements(By.cssSelector(".slot-name a"))).hasSize(2);
    assertThat(browser.driver.findElements(By.cssSelector(".diff-row.is-same"))).isNotEmpty();
    browser.screenshot("compare");

    // find in the diff
    WebElement find = browser.driver.findElement(By.cssSelector("[data-diff-find]"));
    find.sendKeys(rootService);
    String count = browser.driver.findElement(By.cssSelector("[data-diff-count]")).getText();
    assertThat(count).matches("[1-9]\\d* match(es)?");
    assertThat(browser.driver.findElements(By.cssSelector(".diff-row.is-match"))).isNotEmpty();

    // another ID typed into slot B
    WebElement slotB = browser.driver.findElement(By.id("slot-B"));
    slotB.clear();
    slotB.sendKeys(a, Keys.ENTER);
    waitReady("compare-page");
    assertThat(browser.driver.getCurrentUrl()).contains("/trace/" + a + "..." + a);
    assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText())
        .contains("same structure");
  }

  @Test
  void aTraceIdListShowsTheMissingOnes() {
    searchGateway();
    String found = results().get(0).getDomAttribute("data-trace-id");
    browser.driver.findElement(By.id("lookup-input")).sendKeys(found + " 1234abcd", Keys.ENTER);
    browser.waiting(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("traceID="));
    waitReady("search-page");
    assertThat(results()).hasSize(1);
    assertThat(browser.driver.findElement(By.cssSelector("[data-not-found]")).getText())
        .contains("1 trace not found")
        .contains("000000001234abcd — not found");
  }

  @Test
  void dependencyGraphSearchFocusAndZoom() {
    open("/dependencies", "deps-page");
    List<WebElement> nodes = browser.driver.findElements(By.cssSelector(".node"));
    assertThat(nodes).hasSizeGreaterThanOrEqualTo(13);
    assertThat(browser.driver.findElements(By.cssSelector(".edge"))).isNotEmpty();
    assertNoOverlappingNodes();
    browser.screenshot("dependencies");

    // search highlights, with a count
    WebElement find = browser.driver.findElement(By.cssSelector("[data-find]"));
    find.sendKeys("service");
    WebElement count = browser.driver.findElement(By.cssSelector("[data-match-count]"));
    assertThat(count.getText()).matches("\\d+ services match");
    int matches = Integer.parseInt(count.getText().split(" ")[0]);
    assertThat(browser.driver.findElements(By.cssSelector(".node.is-match"))).hasSize(matches);
    assertThat(browser.driver.getCurrentUrl()).contains("q=service");
    browser.screenshot("dependencies-find");

    // zoom changes the viewBox; fit restores it
    String before =
        browser.driver.findElement(By.cssSelector("[data-graph]")).getDomAttribute("viewBox");
    browser.driver.findElement(By.cssSelector("[data-zoom='in']")).click();
    String zoomed =
        browser.driver.findElement(By.cssSelector("[data-graph]")).getDomAttribute("viewBox");
    assertThat(zoomed).isNotEqualTo(before);
    browser.driver.findElement(By.cssSelector("[data-zoom='fit']")).click();

    // clicking a service focuses the graph on it
    WebElement checkout =
        browser.driver.findElement(
            By.cssSelector(".node[data-service='checkout-service'] .node-link"));
    checkout.click();
    browser
        .waiting(Duration.ofSeconds(30))
        .until(d -> d.getCurrentUrl().contains("focus=checkout-service"));
    waitReady("deps-page");
    List<WebElement> focused = browser.driver.findElements(By.cssSelector(".node"));
    assertThat(focused.size()).isLessThanOrEqualTo(nodes.size());
    assertThat(
            browser
                .driver
                .findElement(By.cssSelector(".node.is-focus"))
                .getDomAttribute("data-service"))
        .isEqualTo("checkout-service");
    browser.screenshot("dependencies-focus");
    // depth 1: only direct callers and callees
    WebElement depth = browser.driver.findElement(By.id("dp-depth"));
    depth.clear();
    depth.sendKeys("1", Keys.ENTER);
    waitReady("deps-page");
    assertThat(browser.driver.findElements(By.cssSelector(".node")).size())
        .isLessThanOrEqualTo(focused.size());

    // "view traces" goes to the search page for the service
    browser.driver.findElement(By.cssSelector(".node.is-focus .node-traces")).click();
    browser
        .waiting(Duration.ofSeconds(30))
        .until(d -> d.getCurrentUrl().contains("/search?service=checkout-service"));
    waitReady("search-page");
  }

  @Test
  void dependencyTableSortsWithoutScript() {
    open("/dependencies?view=table", "deps-page");
    List<Long> calls = new ArrayList<>();
    for (WebElement cell : browser.driver.findElements(By.cssSelector(".deps-table td.num"))) {
      calls.add(Long.parseLong(cell.getText()));
    }
    assertThat(calls).isNotEmpty().isSortedAccordingTo((a, b) -> Long.compare(b, a));
    browser.driver.findElement(By.linkText("Caller")).click();
    waitReady("deps-page");
    List<String> callers = new ArrayList<>();
    for (WebElement row : browser.driver.findElements(By.cssSelector(".deps-table tbody tr"))) {
      callers.add(row.findElements(By.tagName("td")).get(0).getText());
    }
    assertThat(callers).isSorted();
    browser.screenshot("dependencies-table");
  }

  @Test
  void aHundredServicesStayReadable() {
    long start = micros(BIG_GRAPH_DAY.minus(Duration.ofHours(12)));
    long end = micros(BIG_GRAPH_DAY.plus(Duration.ofHours(12)));
    long started = System.nanoTime();
    open("/dependencies?lookback=custom&start=" + start + "&end=" + end, "deps-page");
    System.out.printf(
        "dependencies page, 100 services: ready after %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
    assertThat(browser.driver.findElements(By.cssSelector(".node"))).hasSize(100);
    assertNoOverlappingNodes();
    // the initial view keeps names readable: at least 70% size
    double scale =
        ((Number)
                browser.js(
                    "const s = document.querySelector('[data-graph]');"
                        + " return s.getScreenCTM().a;"))
            .doubleValue();
    assertThat(scale).isGreaterThanOrEqualTo(0.69);
    browser.screenshot("dependencies-100");
    browser.driver.findElement(By.cssSelector("[data-zoom='fit']")).click();
    browser.screenshot("dependencies-100-fit");
    WebElement find = browser.driver.findElement(By.cssSelector("[data-find]"));
    find.sendKeys("payments", Keys.ENTER);
    assertThat(browser.driver.findElement(By.cssSelector("[data-match-count]")).getText())
        .matches("\\d+ services match");
    browser.screenshot("dependencies-100-find");
  }

  @Test
  void anEmptyRangeExplainsTheSparkJob() {
    open("/dependencies?lookback=1h", "deps-page");
    // the demo's documents are stamped at midnight UTC: an hour without one has none (unless the
    // test runs just after midnight)
    if (!browser.driver.findElements(By.cssSelector("[data-empty='dependencies']")).isEmpty()) {
      assertThat(
              browser.driver.findElement(By.cssSelector("[data-empty='dependencies']")).getText())
          .contains("spark-dependencies")
          .contains("00:00 UTC");
      browser.screenshot("dependencies-empty");
    }
  }

  @Test
  void phoneSizedScreens() {
    browser.viewport(375, 667);
    searchGateway();
    assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
        .as("no horizontal scrolling")
        .isEqualTo(true);
    // the form folds away above the results
    assertThat(browser.driver.findElement(By.id("search-form")).isDisplayed()).isFalse();
    browser.screenshot("search-phone");
    browser.driver.findElement(By.cssSelector("[data-panel-toggle]")).click();
    assertThat(browser.driver.findElement(By.id("search-form")).isDisplayed()).isTrue();
    browser.screenshot("search-phone-form");

    open("/dependencies", "deps-page");
    assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
        .isEqualTo(true);
    browser.screenshot("dependencies-phone");

    List<WebElement> ids = new ArrayList<>();
    open("/search?service=api-gateway&lookback=6h", "search-page");
    ids.addAll(browser.driver.findElements(By.cssSelector(".compare-check")));
    String a = ids.get(0).getDomAttribute("value");
    String b = ids.get(1).getDomAttribute("value");
    open("/trace/" + a + "..." + b, "compare-page");
    assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
        .isEqualTo(true);
    browser.screenshot("compare-phone");
  }

  @Test
  void darkMode() {
    searchGateway();
    browser.driver.findElement(By.cssSelector("[data-theme-toggle]")).click();
    assertThat(browser.js("return getComputedStyle(document.body).backgroundColor"))
        .isEqualTo("rgb(20, 24, 31)");
    browser.screenshot("search-dark");
    List<WebElement> checks = browser.driver.findElements(By.cssSelector(".compare-check"));
    String a = checks.get(0).getDomAttribute("value");
    String b = checks.get(2).getDomAttribute("value");
    open("/dependencies", "deps-page");
    assertThat(browser.js("return document.documentElement.dataset.theme")).isEqualTo("dark");
    browser.screenshot("dependencies-dark");
    open("/trace/" + a + "..." + b, "compare-page");
    browser.screenshot("compare-dark");
  }

  @Test
  void localAndUtcTimes() {
    searchGateway();
    WebElement time = results().get(0).findElement(By.cssSelector(".when-time"));
    browser.driver.executeCdpCommand(
        "Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Kolkata"));
    try {
      browser.driver.navigate().refresh();
      waitReady("search-page");
      time = results().get(0).findElement(By.cssSelector(".when-time"));
      String local = time.getText();
      assertThat(local).doesNotEndWith("UTC");
      browser.driver.findElement(By.cssSelector("[data-tz-toggle]")).click();
      String utc = results().get(0).findElement(By.cssSelector(".when-time")).getText();
      assertThat(utc).endsWith(" UTC").isNotEqualTo(local);
      // the custom range says which zone it is in
      new Select(browser.driver.findElement(By.id("sf-lookback"))).selectByValue("custom");
      assertThat(browser.driver.findElement(By.cssSelector("[data-zone-label]")).getText())
          .isEqualTo("(UTC)");
      browser.driver.findElement(By.cssSelector("[data-tz-toggle]")).click();
      assertThat(browser.driver.findElement(By.cssSelector("[data-zone-label]")).getText())
          .isEqualTo("(local time, UTC+05:30)");
      browser.screenshot("search-custom-range");
    } finally {
      browser.driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ""));
    }
  }

  @Test
  void withoutJavaScriptTheFormStillSearches() {
    try (Browser plain = new Browser(false)) {
      plain.driver.get(base() + "/search");
      new Select(plain.driver.findElement(By.id("sf-service"))).selectByValue("cart-service");
      new Select(plain.driver.findElement(By.id("sf-lookback"))).selectByValue("6h");
      plain.driver.findElement(By.cssSelector(".find-btn")).click();
      plain.waiting(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("start="));
      assertThat(plain.driver.getCurrentUrl()).contains("service=cart-service");
      assertThat(plain.driver.findElements(By.cssSelector(".result"))).isNotEmpty();
      // the operations of the chosen service came with the page
      assertThat(plain.driver.findElements(By.cssSelector("#sf-operations option"))).isNotEmpty();
      plain.screenshot("search-no-javascript");
      // the custom range fields show for "Custom time range" by CSS alone
      new Select(plain.driver.findElement(By.id("sf-lookback"))).selectByValue("custom");
      assertThat(plain.driver.findElement(By.id("sf-from")).isDisplayed()).isTrue();
      // comparing: select two and submit the plain form
      List<WebElement> checks = plain.driver.findElements(By.cssSelector(".compare-check"));
      checks.get(0).click();
      checks.get(1).click();
      plain.driver.findElement(By.cssSelector("[data-compare-submit]")).click();
      plain.waiting(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("..."));
      assertThat(plain.driver.findElements(By.cssSelector(".diff-row"))).isNotEmpty();
    }
  }

  /** No two service boxes of the graph intersect (in the SVG's own coordinates). */
  void assertNoOverlappingNodes() {
    Object overlaps =
        browser.js(
            "const boxes = [...document.querySelectorAll('.node-box')].map(r => r.getBBox());"
                + " let n = 0;"
                + " for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {"
                + "   const a = boxes[i], b = boxes[j];"
                + "   if (a.x < b.x + b.width && b.x < a.x + a.width"
                + "       && a.y < b.y + b.height && b.y < a.y + a.height) n++; }"
                + " return n;");
    assertThat(((Number) overlaps).intValue()).as("overlapping service boxes").isZero();
  }

  static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
