package io.sightline.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.SpanWriter;
import io.sightline.trace.TraceService;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the trace views' browser tests share: one headless Chromium per test class, the app on a
 * random port over the embedded store, the class's traces written once, a clean page before each
 * test and no console errors after it. Subclasses are {@code SpringBootTest(webEnvironment =
 * RANDOM_PORT)}.
 */
abstract class TraceBrowserTestBase {

  static Browser browser;
  private static boolean written;

  @LocalServerPort int port;
  @Autowired SpanWriter store;
  @Autowired TraceService traces;

  /** Writes the class's traces to {@link #store} (once per class). */
  abstract void writeTraces();

  @BeforeAll
  static void startBrowser() {
    browser = new Browser();
    written = false;
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
      writeTraces();
      store.flush();
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

  /** Opens a trace page and waits for its script. */
  void open(String path) {
    browser.driver.get(base() + path);
    browser.waitReady("trace-page", Duration.ofSeconds(90));
  }

  /** {@link #open} from a blank page, timed: ms from navigation to ready. */
  long timedOpen(String path) {
    browser.driver.get(base() + "/favicon.svg");
    long started = System.nanoTime();
    open(path);
    return (System.nanoTime() - started) / 1_000_000;
  }

  String text(String selector) {
    return browser.driver.findElement(org.openqa.selenium.By.cssSelector(selector)).getText();
  }
}
