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
 * timed until the next frame after its handler ran. Usable = painted + that input latency.
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
    @SuppressWarnings("unchecked")
    Map<String, Object> m =
        (Map<String, Object>)
            ((JavascriptExecutor) driver)
                .executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                        + "function whenReady() {"
                        + "  if (window.sightlineTrace && window.sightlineTrace.ready) { measure(); }"
                        + "  else { requestAnimationFrame(whenReady); }"
                        + "}"
                        + "function measure() {"
                        + "  const t0 = performance.now();"
                        + "  document.body.dispatchEvent(new KeyboardEvent('keydown',"
                        + "      {key: 's', bubbles: true}));"
                        + "  requestAnimationFrame(() => setTimeout(() => {"
                        + "    const input = performance.now() - t0;"
                        + "    const nav = performance.getEntriesByType('navigation')[0];"
                        + "    const fcp = performance.getEntriesByName('first-contentful-paint')[0];"
                        + "    const json = performance.getEntriesByType('resource')"
                        + "        .filter(e => e.name.includes('timeline.json'));"
                        + "    done({htmlFirstByte: Math.round(nav.responseStart),"
                        + "      fcp: fcp ? Math.round(fcp.startTime) : -1,"
                        + "      jsonEnd: json.length ? Math.round(json[0].responseEnd) : -1,"
                        + "      jsonBytes: json.length ? json[0].decodedBodySize : -1,"
                        + "      painted: Math.round(window.sightlineTrace.timings.painted),"
                        + "      input: Math.round(input),"
                        + "      spans: window.sightlineTrace.spans});"
                        + "  }, 0));"
                        + "}"
                        + "whenReady();");
    return new Load(
        number(m.get("htmlFirstByte")),
        number(m.get("fcp")),
        number(m.get("jsonEnd")),
        number(m.get("jsonBytes")),
        number(m.get("painted")),
        number(m.get("input")),
        number(m.get("spans")));
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
