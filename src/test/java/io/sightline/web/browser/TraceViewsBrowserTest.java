package io.sightline.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.demo.DemoTraceGenerator;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceLookup;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The trace page's analysis views (statistics, spans, events) in a real headless Chromium on a
 * generated 12,000-span trace: every view renders, the statistics agree with self times computed
 * here by another algorithm, no long task reaches 1 s, dark mode, a phone and the keyboard work.
 * Screenshots land in target/screenshots/.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "management.server.port=0")
class TraceViewsBrowserTest extends TraceBrowserTestBase {

  static final int SIZE = 12_000;
  static Trace large;

  @Override
  void writeTraces() {
    large = new DemoTraceGenerator(13, Clock.systemUTC()).generateLargeTrace(SIZE);
    store.writeSpans(large.spans());
    store.writeSpans(BrowserTraces.shop().spans());
  }

  /** The trace as the pages see it (adjusted, as GET /api/traces/{id} returns it). */
  Trace served() {
    return traces.getTrace(TraceLookup.of(large.traceId()), false).orElseThrow();
  }

  /**
   * Self time per service, computed here independently of the server's one-pass algorithm: for each
   * span, its children's intervals clipped to it, sorted, merged, subtracted.
   */
  static Map<String, Long> selfTimePerService(Trace trace) {
    Map<SpanId, Span> byId = new HashMap<>();
    Map<SpanId, List<Span>> children = new HashMap<>();
    for (Span span : trace.spans()) {
      byId.putIfAbsent(span.spanId(), span);
    }
    for (Span span : trace.spans()) {
      SpanId parent = span.parentSpanId();
      if (parent != null && byId.containsKey(parent)) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(span);
      }
    }
    Map<String, Long> self = new TreeMap<>();
    for (Span span : trace.spans()) {
      long from = span.startTime();
      long to = from + span.duration();
      List<long[]> covered = new ArrayList<>();
      for (Span child : children.getOrDefault(span.spanId(), List.of())) {
        long s = Math.max(from, child.startTime());
        long e = Math.min(to, child.startTime() + child.duration());
        if (e > s) {
          covered.add(new long[] {s, e});
        }
      }
      covered.sort((a, b) -> Long.compare(a[0], b[0]));
      long union = 0;
      long end = Long.MIN_VALUE;
      for (long[] c : covered) {
        long s = Math.max(c[0], end);
        if (c[1] > s) {
          union += c[1] - s;
          end = c[1];
        }
      }
      self.merge(span.process().serviceName(), span.duration() - union, Long::sum);
    }
    return self;
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> rowData(String selector) {
    return (List<Map<String, Object>>)
        browser.js(
            "return [...document.querySelectorAll(arguments[0])].map(r => ({...r.dataset}))",
            selector);
  }

  @Test
  void everyViewOfALargeTraceRendersQuicklyWithRightFigures() {
    Object observer = browser.recordLongTasks();
    List<Long> longTasks = new ArrayList<>();
    Map<String, Long> loadMs = new TreeMap<>();
    try {
      Trace trace = served();
      assertThat(trace.spans()).hasSize(SIZE);
      String page = "/trace/" + large.traceId();

      // Statistics: every service row against the independent computation.
      loadMs.put("statistics", timedOpen(page + "?view=statistics"));
      longTasks.addAll(browser.longTasks());
      Map<String, Long> expected = selfTimePerService(trace);
      Map<String, Long> shown = new TreeMap<>();
      long spans = 0;
      for (Map<String, Object> row : rowData("[data-stats-table] tr.group-row")) {
        shown.put((String) row.get("service"), Long.parseLong((String) row.get("selfUs")));
        spans += Long.parseLong((String) row.get("count"));
      }
      assertThat(shown).isEqualTo(expected);
      assertThat(spans).isEqualTo(SIZE);
      // Operation rows add up to their service row, and carry data-operation.
      List<Map<String, Object>> ops = rowData("[data-stats-table] tr.sub-row");
      assertThat(ops).allSatisfy(r -> assertThat(r).containsKeys("service", "operation"));
      Map<String, Long> opSelf = new TreeMap<>();
      for (Map<String, Object> r : ops) {
        opSelf.merge(
            (String) r.get("service"), Long.parseLong((String) r.get("selfUs")), Long::sum);
      }
      assertThat(opSelf).isEqualTo(expected);
      browser.screenshot("views-statistics-12k");

      // Sorting by clicking a column head (a link: the server sorts).
      browser.driver.findElement(By.cssSelector("th[data-sort='count'] a")).click();
      browser.waitReady("trace-page", Duration.ofSeconds(30));
      List<Long> counts =
          rowData("[data-stats-table] tr.group-row").stream()
              .map(r -> Long.parseLong((String) r.get("count")))
              .toList();
      assertThat(counts).isSortedAccordingTo((a, b) -> Long.compare(b, a));
      longTasks.addAll(browser.longTasks());

      // Spans: one page of rows, the longest first when sorted by duration.
      loadMs.put("spans", timedOpen(page + "?view=spans&sort=duration&dir=desc"));
      longTasks.addAll(browser.longTasks());
      long longest = trace.spans().stream().mapToLong(Span::duration).max().orElseThrow();
      List<Map<String, Object>> spanRows = rowData("[data-spans-table] tbody tr");
      assertThat(spanRows).hasSize(100);
      assertThat(Long.parseLong((String) spanRows.get(0).get("durationUs"))).isEqualTo(longest);
      assertThat(text(".analysis-controls .count")).isEqualTo("1–100 of " + SIZE + " spans");
      WebElement next = browser.driver.findElement(By.cssSelector("[data-page-next]"));
      browser.driver.get(next.getAttribute("href"));
      browser.waitReady("trace-page", Duration.ofSeconds(30));
      assertThat(text(".analysis-controls .count")).isEqualTo("101–200 of " + SIZE + " spans");
      browser.screenshot("views-spans-12k");

      // Events: all of the trace's logs, in time order.
      long logs = trace.spans().stream().mapToLong(s -> s.logs().size()).sum();
      loadMs.put("events", timedOpen(page + "?view=events"));
      longTasks.addAll(browser.longTasks());
      if (logs > 0) {
        List<Long> offsets =
            rowData("[data-events-table] tbody tr").stream()
                .map(r -> Long.parseLong((String) r.get("offsetUs")))
                .toList();
        assertThat(offsets).isNotEmpty().isSorted();
      }
      assertThat(text(".analysis-controls .count")).endsWith("of " + logs + " events");
      browser.screenshot("views-events-12k");
    } finally {
      browser.stopRecordingLongTasks(observer);
    }
    long worst = longTasks.stream().mapToLong(Long::longValue).max().orElse(0);
    System.out.println(
        "12k-span trace views: load (ms, navigation to ready) "
            + loadMs
            + "; main-thread long tasks (ms) "
            + longTasks);
    assertThat(worst).as("no long task of a second or more").isLessThan(1000);
  }

  @Test
  void switcherKeepsUiFindAndTheKeyboardWorks() {
    open("/trace/" + BrowserTraces.SHOP + "?uiFind=postgresql");
    WebElement spans =
        browser.driver.findElement(By.cssSelector(".view-switcher [data-view='spans']"));
    spans.click();
    browser.waitReady("trace-page", Duration.ofSeconds(30));
    assertThat(browser.driver.getCurrentUrl()).contains("view=spans").contains("uiFind=postgresql");
    assertThat(rowData("[data-spans-table] tbody tr")).isNotEmpty().hasSizeLessThan(15);

    // Statistics: Enter on a group's toggle collapses it; "/" is only for views with a filter.
    open("/trace/" + BrowserTraces.SHOP + "?view=statistics");
    WebElement toggle = browser.driver.findElement(By.cssSelector(".stats-group .toggle"));
    toggle.sendKeys(Keys.ENTER);
    assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
    assertThat(
            browser.js(
                "return [...document.querySelectorAll('.stats-group.collapsed .sub-row')]"
                    + ".every(r => r.offsetParent === null)"))
        .isEqualTo(true);
    toggle.sendKeys(Keys.SPACE);
    assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");

    open("/trace/" + BrowserTraces.SHOP + "?view=events");
    new Actions(browser.driver).sendKeys("/").perform();
    assertThat(browser.js("return document.activeElement.id")).isEqualTo("event-filter");
    new Actions(browser.driver).sendKeys("charge", Keys.ENTER).perform();
    browser.waitReady("trace-page", Duration.ofSeconds(30));
    assertThat(browser.driver.getCurrentUrl()).contains("uiFind=charge");
  }

  @Test
  void darkModeAndAPhone() {
    open("/trace/" + BrowserTraces.SHOP + "?view=statistics");
    browser.driver.findElement(By.cssSelector("[data-theme-toggle]")).click();
    assertThat(browser.js("return document.documentElement.dataset.theme")).isEqualTo("dark");
    assertThat(browser.js("return getComputedStyle(document.body).backgroundColor"))
        .isEqualTo("rgb(20, 24, 31)");
    browser.screenshot("views-statistics-dark");
    browser.viewport(375, 667);
    for (String view : List.of("statistics", "spans", "events")) {
      open("/trace/" + BrowserTraces.SHOP + "?view=" + view);
      assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
          .as("no horizontal page scrolling in " + view)
          .isEqualTo(true);
      browser.screenshot("views-" + view + "-phone");
    }
  }
}
