package io.sightline.bench;

import io.sightline.testing.Chromium;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The trace page in headless Chromium (found and configured by {@link Chromium} as for the page
 * tests): how long until the timeline is usable.
 *
 * <p>Measured as the browser tests of the trace page do: the page publishes {@code
 * window.sightlineTrace.timings.painted} (ms since navigation start) once the interactive
 * timeline's first rows are painted; then a key press ({@code s}: scroll one row) is dispatched and
 * timed until the next frame after its handler ran. Usable = painted + that input latency. The
 * other views ({@link #loadView}) are measured the same way, each with an interaction of its own.
 */
final class BrowserProbe implements AutoCloseable {

  /** One page load's milestones (ms since navigation start, except the input latency). */
  record Load(
      long htmlFirstByte,
      long firstContentfulPaint,
      long jsonEnd,
      long jsonBytes,
      long painted,
      long inputLatency,
      long spans) {
    long usable() {
      return painted + inputLatency;
    }
  }

  private final ChromeDriver driver;
  private final double startSeconds;

  /** chromedriver: stopped with its children by {@link Reaper} if this JVM dies. */
  private final List<ProcessHandle> processes;

  BrowserProbe() {
    long started = System.nanoTime();
    Chromium chromium = Chromium.require();
    ChromeDriverService service = chromium.service();
    ChromeOptions options = chromium.headless();
    // chromedriver is started (and watched) before it starts Chromium, so that a benchmark killed
    // meanwhile leaves neither behind: the reaper stops chromedriver's children with it.
    try {
      service.start();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("chromedriver did not start", e);
    }
    processes =
        ProcessHandle.current()
            .children()
            .filter(p -> p.info().command().orElse("").endsWith("chromedriver"))
            .toList();
    Reaper.watch(processes);
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(3));
    driver.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(3));
    // Every page records its main thread's long tasks (over 50 ms) from its first script on.
    driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument", Map.of("source", Chromium.LONG_TASKS_SCRIPT));
    startSeconds = Bench.since(started);
  }

  /** Seconds chromedriver and Chromium took to start. */
  double startSeconds() {
    return startSeconds;
  }

  /** Loads the page (after a blank page, so every load is a fresh navigation) and measures. */
  Load load(URI page) {
    driver.get("about:blank");
    driver.get(page.toString());
    Map<String, Object> m =
        measure(
            "window.sightlineTrace && window.sightlineTrace.ready",
            "document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 's', bubbles: true}))",
            "(() => {"
                + "const nav = performance.getEntriesByType('navigation')[0];"
                + "const fcp = performance.getEntriesByName('first-contentful-paint')[0];"
                + "const json = performance.getEntriesByType('resource')"
                + "    .filter(e => e.name.includes('timeline.json'));"
                + "return {htmlFirstByte: Math.round(nav.responseStart),"
                + "  fcp: fcp ? Math.round(fcp.startTime) : -1,"
                + "  jsonEnd: json.length ? Math.round(json[0].responseEnd) : -1,"
                + "  jsonBytes: json.length ? json[0].decodedBodySize : -1,"
                + "  painted: Math.round(window.sightlineTrace.timings.painted),"
                + "  input: Math.round(input),"
                + "  spans: window.sightlineTrace.spans};})()",
            0);
    return new Load(
        number(m.get("htmlFirstByte")),
        number(m.get("fcp")),
        number(m.get("jsonEnd")),
        number(m.get("jsonBytes")),
        number(m.get("painted")),
        number(m.get("input")),
        number(m.get("spans")));
  }

  /**
   * One load of an analysis view (ms since navigation start): when its script said it is ready
   * ({@code #trace-page[data-ready]}), the latency of one interaction dispatched then (until the
   * next frame after its handler ran), the longest main-thread task of the load and interaction
   * (Long Tasks API), and what the view shows.
   */
  record ViewLoad(long ready, long interaction, long longestTask, long shown) {
    long usable() {
      return ready + interaction;
    }
  }

  /** The interaction measured per view, and what "shown" counts (a JavaScript expression). */
  static final Map<String, String[]> VIEW_PROBES =
      Map.of(
          "statistics",
          new String[] {
            "document.querySelector('[data-collapse-all]').click()",
            "[...document.querySelectorAll('tr.group-row')]"
                + ".reduce((a, r) => a + Number(r.dataset.count), 0)"
          },
          "graph",
          new String[] {
            "document.querySelector('[data-zoom=\"in\"]').click()",
            "document.querySelectorAll('[data-graph] .node').length"
          },
          "flamegraph",
          new String[] {
            "const box = document.querySelector('[data-flame-scroll]'); box.focus();"
                + "for (const key of ['ArrowDown', 'Enter']) box.dispatchEvent("
                + "new KeyboardEvent('keydown', {key, bubbles: true}))",
            "window.sightlineFlame.data.n.reduce((a, b) => a + b, 0)"
          },
          "spans",
          new String[] {
            "document.querySelector('th[data-sort=\"duration\"] a').click()",
            "window.sightlineSpans.shown"
          },
          "events",
          new String[] {
            "document.body.dispatchEvent(new KeyboardEvent('keydown', {key: '/', bubbles: true}))",
            "document.querySelectorAll('[data-events-table] tbody tr').length"
          });

  /** What each view's interaction is, for the report. */
  static final Map<String, String> VIEW_INTERACTIONS =
      Map.of(
          "statistics", "collapse all groups",
          "graph", "zoom in (button)",
          "flamegraph", "keyboard: ↓ then Enter (zoom)",
          "spans", "sort all rows by duration",
          "events", "\"/\" to the filter");

  /** Loads an analysis view ({@code ?view=}) and measures it; see {@link ViewLoad}. */
  ViewLoad loadView(URI page, String view) {
    String[] probe = VIEW_PROBES.get(view);
    driver.get("about:blank");
    driver.get(page + "?view=" + view);
    // The interaction's own long tasks are reported: results are read 100 ms after it.
    Map<String, Object> m =
        measure(
            "document.getElementById('trace-page')?.dataset.ready === 'true'",
            probe[0],
            "{ready: Math.round(ready), input: Math.round(input),"
                + " longest: Math.max(0, ...(window.__longTasks || [])), shown: ("
                + probe[1]
                + ")}",
            100);
    return new ViewLoad(
        number(m.get("ready")),
        number(m.get("input")),
        number(m.get("longest")),
        number(m.get("shown")));
  }

  /**
   * Waits (frame by frame) until {@code readyTest} holds, runs {@code action} (its start is {@code
   * ready}, ms since navigation start), waits for the next frame after its handlers ran (that
   * latency is {@code input}), then after {@code settleMillis} more returns {@code result} (a
   * JavaScript expression that may use {@code ready} and {@code input}).
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> measure(
      String readyTest, String action, String result, int settleMillis) {
    return (Map<String, Object>)
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "function whenReady() {"
                    + "  if ("
                    + readyTest
                    + ") { measure(); } else { requestAnimationFrame(whenReady); }"
                    + "}"
                    + "function measure() {"
                    + "  const ready = performance.now();"
                    + "  (() => {"
                    + action
                    + "})();"
                    + "  requestAnimationFrame(() => setTimeout(() => {"
                    + "    const input = performance.now() - ready;"
                    + "    setTimeout(() => done("
                    + result
                    + "), "
                    + settleMillis
                    + ");"
                    + "  }, 0));"
                    + "}"
                    + "whenReady();");
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : -1;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      processes.stream()
          .flatMap(p -> Stream.concat(p.descendants(), Stream.of(p)))
          .forEach(ProcessHandle::destroyForcibly);
      Reaper.release(processes);
    }
  }
}
