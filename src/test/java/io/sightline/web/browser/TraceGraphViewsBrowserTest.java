package io.sightline.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.demo.DemoTraceGenerator;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.web.trace.TestTraces;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The flamegraph and trace graph views in a real headless Chromium: on the 12,000-span demo trace
 * the flamegraph's figures agree with self times computed here independently, a click zooms, a
 * graph node lists its spans; on two 100,000-span traces (synthetic and the demo's re-index job)
 * both views load and react without a main-thread task of a second. Screenshots land in
 * target/screenshots/.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "management.server.port=0")
class TraceGraphViewsBrowserTest extends TraceBrowserTestBase {

  static final int SIZE = 12_000;

  /**
   * Traces of their own (other seeds and IDs than the other browser tests'): tests sharing a Spring
   * context share its store, and a trace written twice has every span twice.
   */
  static final TraceId SYNTHETIC = TraceId.parse("5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a");

  static Trace demo;
  static Trace demoLarge;

  @Override
  void writeTraces() {
    demo = new DemoTraceGenerator(17, Clock.systemUTC()).generateLargeTrace(SIZE);
    demoLarge =
        new DemoTraceGenerator(19, Clock.systemUTC()).generateLargeTrace(BrowserTraces.BIG_SIZE);
    store.writeSpans(demo.spans());
    store.writeSpans(demoLarge.spans());
    store.writeSpans(TestTraces.synthetic(BrowserTraces.BIG_SIZE, 7, SYNTHETIC).spans());
  }

  long flameNumber(String expression) {
    return ((Number) browser.js("const f = window.sightlineFlame; return " + expression))
        .longValue();
  }

  /**
   * Clicks (a real mouse event at its place on the canvas) the widest frame one level below the top
   * that has children; returns {frame, ms from the click to the next frame}.
   */
  long[] clickWidestFrame() {
    @SuppressWarnings("unchecked")
    List<Number> result =
        (List<Number>)
            browser.asyncJs(
                "const done = arguments[arguments.length - 1];"
                    + "const f = window.sightlineFlame, d = f.data;"
                    + "let best = -1;"
                    + "for (let i = 0; i < f.size; i++) if (d.depth[i] === 1 && f.end[i] > i + 1"
                    + "  && (best < 0 || d.w[i] > d.w[best])) best = i;"
                    + "const box = f.scroll.getBoundingClientRect();"
                    + "const x = box.left + (d.x[best] + d.w[best] / 2) / d.total"
                    + "  * f.scroll.clientWidth;"
                    + "const y = box.top + 20 * d.depth[best] + 10 - f.scroll.scrollTop;"
                    + "const t0 = performance.now();"
                    + "f.scroll.dispatchEvent(new MouseEvent('click',"
                    + "  {clientX: x, clientY: y, bubbles: true}));"
                    + "requestAnimationFrame(() => setTimeout(() =>"
                    + "  done([best, Math.round(performance.now() - t0)]), 0));");
    return new long[] {result.get(0).longValue(), result.get(1).longValue()};
  }

  @Test
  void flamegraphFiguresZoomAndGraphNodesOfA12kTrace() {
    Trace served = traces.getTrace(TraceLookup.of(demo.traceId()), false).orElseThrow();
    String page = "/trace/" + demo.traceId();
    open(page + "?view=flamegraph");
    // Every span is in exactly one frame; the full width is the trace's self time, all summed.
    assertThat(flameNumber("f.data.n.reduce((a, b) => a + b, 0)")).isEqualTo(SIZE);
    long selfTotal =
        TraceViewsBrowserTest.selfTimePerService(served).values().stream()
            .mapToLong(Long::longValue)
            .sum();
    assertThat(flameNumber("f.data.total")).isEqualTo(selfTotal);
    assertThat(flameNumber("f.size"))
        .isEqualTo(
            Long.parseLong(
                ((String) browser.js("return document.querySelector('h2.table-title').textContent"))
                    .replaceAll(".* of ", "")
                    .trim()));
    browser.screenshot("views-flamegraph-12k");

    long[] click = clickWidestFrame();
    assertThat(flameNumber("f.zoom")).isEqualTo(click[0]);
    assertThat(browser.driver.getCurrentUrl()).contains("node=" + click[0]);
    assertThat(text("[data-flame-info]")).contains("List its spans");
    browser.screenshot("views-flamegraph-12k-zoomed");
    // The URL opens zoomed, and the table shows that subtree.
    open(page + "?view=flamegraph&node=" + click[0]);
    assertThat(flameNumber("f.zoom")).isEqualTo(click[0]);
    assertThat(text(".flame-zoom")).startsWith("Zoomed into");

    // Find: the server marks the frames, the count shows.
    browser.driver.findElement(By.cssSelector("[data-find]")).sendKeys("cache");
    browser
        .waiting(Duration.ofSeconds(30))
        .until(d -> text("[data-match-count]").contains("match"));
    assertThat(flameNumber("f.matched.reduce((a, b) => a + b, 0)")).isPositive();
    browser.screenshot("views-flamegraph-12k-find");

    // The graph: click the node with most spans, get its spans.
    open(page + "?view=graph");
    @SuppressWarnings("unchecked")
    Map<String, Object> node =
        (Map<String, Object>)
            browser.js(
                "const nodes = [...document.querySelectorAll('[data-graph] .node')];"
                    + "return {nodes: nodes.length, node: nodes[nodes.length - 1].dataset.node};");
    assertThat((Long) node.get("nodes")).isBetween(1L, 400L);
    browser.screenshot("views-graph-12k");
    String id = (String) node.get("node");
    String count =
        (String)
            browser.js(
                "return document.querySelector('[data-graph] .node[data-node=\"' + arguments[0]"
                    + " + '\"]').closest('.node').querySelector('.node-figures').textContent",
                id);
    browser
        .driver
        .findElement(By.cssSelector("[data-graph] .node[data-node='" + id + "'] .node-link"))
        .click();
    browser.waitReady("trace-page", Duration.ofSeconds(30));
    assertThat(browser.driver.getCurrentUrl()).contains("view=spans").contains("path=" + id);
    String spans = count.substring(0, count.indexOf('×'));
    assertThat(text(".analysis-controls .count")).endsWith(" of " + spans + " spans");
  }

  @Test
  void theFlamegraphWorksFromTheKeyboard() {
    Object observer = browser.recordLongTasks();
    List<Long> tasks = new ArrayList<>();
    try {
      open("/trace/" + demo.traceId() + "?view=flamegraph");
      org.openqa.selenium.WebElement box =
          browser.driver.findElement(By.cssSelector("[data-flame-scroll]"));
      // Focus (the graph is one tab stop): the first root is active and announced with figures.
      browser.js("arguments[0].focus()", box);
      assertThat(flameNumber("f.active")).isZero();
      String label = box.getAttribute("aria-label");
      String expected =
          (String)
              browser.js(
                  "const f = window.sightlineFlame, d = f.data;"
                      + "return d.services[d.svc[0]] + ': ' + d.strings[d.op[0]]");
      assertThat(label)
          .startsWith("Flamegraph: " + expected + ", duration ")
          .contains(", self time ");
      assertThat(box.getAttribute("aria-roledescription")).isEqualTo("flamegraph");

      // Down: the first child; right and left: its siblings; up: back to the root.
      box.sendKeys(org.openqa.selenium.Keys.ARROW_DOWN);
      assertThat(flameNumber("f.active")).isEqualTo(1);
      box.sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT);
      long sibling = flameNumber("f.end[1] < f.end[0] ? f.end[1] : 1");
      assertThat(flameNumber("f.active")).isEqualTo(sibling);
      assertThat(flameNumber("f.parent[f.active]")).isZero();
      box.sendKeys(org.openqa.selenium.Keys.ARROW_LEFT);
      assertThat(flameNumber("f.active")).isEqualTo(1);
      assertThat(text("[data-flame-info]")).contains("self");

      // Enter zooms into the active frame; down then Backspace zooms out one level; Esc: all.
      box.sendKeys(org.openqa.selenium.Keys.ENTER);
      assertThat(flameNumber("f.zoom")).isEqualTo(1);
      assertThat(browser.driver.getCurrentUrl()).contains("node=1");
      // Down (to frame 2, when frame 1 has children) and Enter; Backspace: back to its parent.
      long deeper = flameNumber("f.end[1] > 2 ? 2 : 1");
      box.sendKeys(org.openqa.selenium.Keys.ARROW_DOWN, org.openqa.selenium.Keys.ENTER);
      assertThat(flameNumber("f.zoom")).isEqualTo(deeper);
      browser.screenshot("views-flamegraph-12k-keyboard");
      box.sendKeys(org.openqa.selenium.Keys.BACK_SPACE);
      assertThat(flameNumber("f.zoom")).isEqualTo(flameNumber("f.parent[" + deeper + "]"));
      box.sendKeys(org.openqa.selenium.Keys.ESCAPE);
      assertThat(flameNumber("f.zoom")).isEqualTo(-1);
      // The active frame stays, and moving up from a child of a zoomed frame zooms out to show it.
      box.sendKeys(org.openqa.selenium.Keys.HOME);
      assertThat(flameNumber("f.active")).isZero();
      tasks.addAll(browser.longTasks());
    } finally {
      browser.stopRecordingLongTasks(observer);
    }
    assertThat(tasks.stream().mapToLong(Long::longValue).max().orElse(0))
        .as("no long task of a second or more")
        .isLessThan(1000);
  }

  @Test
  void aHundredThousandSpansStayResponsive() {
    Object observer = browser.recordLongTasks();
    Map<String, Object> figures = new LinkedHashMap<>();
    List<Long> tasks = new ArrayList<>();
    try {
      for (TraceId id : List.of(SYNTHETIC, demoLarge.traceId())) {
        String name = id.equals(SYNTHETIC) ? "synthetic" : "demo";
        String page = "/trace/" + id;
        figures.put(name + " flamegraph load ms", timedOpen(page + "?view=flamegraph"));
        assertThat(flameNumber("f.data.n.reduce((a, b) => a + b, 0)"))
            .isEqualTo(BrowserTraces.BIG_SIZE);
        figures.put(name + " frames", flameNumber("f.size"));
        long[] click = clickWidestFrame();
        assertThat(flameNumber("f.zoom")).isEqualTo(click[0]);
        figures.put(name + " zoom click ms", click[1]);
        long reset = resetLatency();
        assertThat(flameNumber("f.zoom")).isEqualTo(-1);
        figures.put(name + " zoom out ms", reset);
        tasks.addAll(browser.longTasks());
        browser.screenshot("views-flamegraph-100k-" + name);

        figures.put(name + " graph load ms", timedOpen(page + "?view=graph"));
        figures.put(
            name + " graph nodes",
            browser.js("return document.querySelectorAll('[data-graph] .node').length"));
        tasks.addAll(browser.longTasks());
        browser.screenshot("views-graph-100k-" + name);
      }
    } finally {
      browser.stopRecordingLongTasks(observer);
    }
    System.out.println(
        "100k-span flamegraph and graph: " + figures + "; main-thread long tasks (ms) " + tasks);
    assertThat(tasks.stream().mapToLong(Long::longValue).max().orElse(0))
        .as("no long task of a second or more")
        .isLessThan(1000);
  }

  @Test
  void darkModeAndAPhone() {
    String page = "/trace/" + demo.traceId();
    open(page + "?view=flamegraph");
    browser.driver.findElement(By.cssSelector("[data-theme-toggle]")).click();
    assertThat(browser.js("return document.documentElement.dataset.theme")).isEqualTo("dark");
    // The canvas redraws in the dark palette: the root frame's first pixels have its service's
    // dark colour.
    assertThat(
            browser.js(
                "const f = window.sightlineFlame, dpr = window.devicePixelRatio || 1;"
                    + "const p = f.canvas.getContext('2d')"
                    + "  .getImageData(Math.round(2 * dpr), Math.round(2 * dpr), 1, 1).data;"
                    + "const el = document.body.appendChild(document.createElement('i'));"
                    + "el.style.color = 'var(--svc-' + (f.data.svc[0] % 20) + ')';"
                    + "const probe = document.createElement('canvas').getContext('2d');"
                    + "probe.fillStyle = getComputedStyle(el).color;"
                    + "return [probe.fillStyle, '#' + [p[0], p[1], p[2]]"
                    + "  .map(v => v.toString(16).padStart(2, '0')).join('')];"))
        .asList()
        .satisfies(colours -> assertThat(colours.get(1)).isEqualTo(colours.get(0)));
    browser.screenshot("views-flamegraph-dark");
    open(page + "?view=graph");
    browser.screenshot("views-graph-dark");
    browser.viewport(375, 667);
    for (String view : List.of("graph", "flamegraph")) {
      open(page + "?view=" + view);
      assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
          .as("no horizontal page scrolling in " + view)
          .isEqualTo(true);
      browser.screenshot("views-" + view + "-phone");
    }
  }

  long resetLatency() {
    Object ms =
        browser.asyncJs(
            "const done = arguments[arguments.length - 1];"
                + "const t0 = performance.now();"
                + "document.body.dispatchEvent(new KeyboardEvent('keydown',"
                + " {key: 'Escape', bubbles: true}));"
                + "requestAnimationFrame(() => setTimeout(() =>"
                + " done(Math.round(performance.now() - t0)), 0));");
    return ((Number) ms).longValue();
  }
}
