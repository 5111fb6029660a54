package io.sightline.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The Chromium and chromedriver executables the page tests and the benchmark drive, always given to
 * Selenium explicitly so that it never looks for (or downloads) a driver.
 *
 * <p>Each is found, first match wins, from the system property ({@code sightline.chromium}, {@code
 * sightline.chromedriver}), the environment variable ({@code CHROME_BIN}, {@code CHROMEDRIVER}), or
 * the {@code PATH} ({@code chromium}, {@code chromium-browser}, {@code google-chrome}; {@code
 * chromedriver}). A property or variable naming no executable file is an error, not a reason to
 * look further.
 *
 * @param binary the browser
 * @param driver its driver
 */
public record Chromium(Path binary, Path driver) {
  /**
   * A script for {@code Page.addScriptToEvaluateOnNewDocument}: records the page's main-thread long
   * tasks (over 50 ms), from its first script on, into {@code window.__longTasks} (ms, rounded).
   */
  public static final String LONG_TASKS_SCRIPT =
      "window.__longTasks = [];"
          + "new PerformanceObserver(l => l.getEntries().forEach("
          + "e => window.__longTasks.push(Math.round(e.duration))))"
          + ".observe({type: 'longtask', buffered: true});";

  static final String MISSING =
      "no Chromium found: install Debian's chromium and chromium-driver or set"
          + " -Dsightline.chromium=… and -Dsightline.chromedriver=… (or CHROME_BIN and"
          + " CHROMEDRIVER)";

  /** The arguments every headless session gets. */
  private static final List<String> HEADLESS =
      List.of(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-dev-shm-usage",
          "--window-size=1280,800");

  /** Chromium as this JVM's properties, the environment and the {@code PATH} name it. */
  public static Optional<Chromium> find() {
    return find(System::getProperty, System::getenv);
  }

  static Optional<Chromium> find(
      Function<String, String> properties, Function<String, String> environment) {
    Optional<Path> binary =
        locate(
            properties.apply("sightline.chromium"),
            environment.apply("CHROME_BIN"),
            environment.apply("PATH"),
            "chromium",
            "chromium-browser",
            "google-chrome");
    Optional<Path> driver =
        locate(
            properties.apply("sightline.chromedriver"),
            environment.apply("CHROMEDRIVER"),
            environment.apply("PATH"),
            "chromedriver");
    return binary.isPresent() && driver.isPresent()
        ? Optional.of(new Chromium(binary.get(), driver.get()))
        : Optional.empty();
  }

  /** Chromium, or a failed JUnit assumption (the test is skipped) saying how to install it. */
  public static Chromium assumeInstalled() {
    Optional<Chromium> found = find();
    Assumptions.assumeTrue(found.isPresent(), MISSING);
    return found.orElseThrow();
  }

  /** Chromium, or an exception saying how to install it (for code outside JUnit). */
  public static Chromium require() {
    return find().orElseThrow(() -> new IllegalStateException(MISSING));
  }

  /** A driver service on any free port (not started). */
  public ChromeDriverService service() {
    return new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(driver.toString()))
        .usingAnyFreePort()
        .build();
  }

  /**
   * Headless options at 1280×800 without sandbox, GPU or background networking, plus {@code extra}.
   */
  public ChromeOptions headless(String... extra) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binary.toString());
    options.addArguments(HEADLESS);
    options.addArguments(extra);
    return options;
  }

  private static Optional<Path> locate(
      String property, String variable, String path, String... names) {
    for (String configured : new String[] {property, variable}) {
      if (configured != null && !configured.isBlank()) {
        Path file = Path.of(configured);
        if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
          throw new IllegalStateException("not an executable file: " + configured);
        }
        return Optional.of(file);
      }
    }
    if (path == null) {
      return Optional.empty();
    }
    for (String name : names) {
      for (String dir : path.split(File.pathSeparator)) {
        if (dir.isEmpty()) {
          continue;
        }
        Path file = Path.of(dir, name);
        if (Files.isRegularFile(file) && Files.isExecutable(file)) {
          return Optional.of(file);
        }
      }
    }
    return Optional.empty();
  }
}
