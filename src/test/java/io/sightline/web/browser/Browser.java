package io.sightline.web.browser;

import io.sightline.testing.Chromium;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the page tests, found by {@link Chromium} (Debian's {@code chromium} and
 * {@code chromedriver} on the {@code PATH} unless configured); without one the test is skipped.
 * Screenshots go to {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;

  Browser() {
    this(true);
  }

  /** A browser; with {@code javascript = false}, one that runs no script at all. */
  Browser(boolean javascript) {
    Chromium chromium = Chromium.assumeInstalled();
    ChromeDriverService service = chromium.service();
    ChromeOptions options = chromium.headless("--hide-scrollbars");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    if (!javascript) {
      options.setExperimentalOption(
          "prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
    }
    this.driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
  }

  WebDriverWait waiting(Duration timeout) {
    return new WebDriverWait(driver, timeout);
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  Object asyncJs(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
  }

  /** Sets the viewport (the CSS pixel size of the page area) exactly. */
  void viewport(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 500));
  }

  void resetViewport() {
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    driver.manage().window().setSize(new Dimension(1280, 800));
  }

  /**
   * Records the main thread's long tasks (over 50 ms) of every page loaded from now on, from its
   * first script, into {@code window.__longTasks}; returns the id for {@link
   * #stopRecordingLongTasks}.
   */
  Object recordLongTasks() {
    return driver
        .executeCdpCommand(
            "Page.addScriptToEvaluateOnNewDocument", Map.of("source", Chromium.LONG_TASKS_SCRIPT))
        .get("identifier");
  }

  void stopRecordingLongTasks(Object id) {
    driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", id));
  }

  /** The current page's long tasks so far, ms. */
  @SuppressWarnings("unchecked")
  List<Long> longTasks() {
    return (List<Long>) js("return window.__longTasks || []");
  }

  /** Waits until the page's root element ({@code id}) says its script is ready. */
  void waitReady(String pageId, Duration timeout) {
    waiting(timeout)
        .until(
            d ->
                "true"
                    .equals(
                        js(
                            "return document.getElementById(arguments[0])?.dataset.ready || null",
                            pageId)));
  }

  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File file = driver.getScreenshotAs(OutputType.FILE);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.copy(file.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new IllegalStateException("cannot save screenshot " + name, e);
    }
  }

  /**
   * Console messages at SEVERE (script errors, CSP violations, failed requests) since last call.
   */
  List<String> severeConsoleMessages() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
