package io.sightline.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The shell's "Open file" in a real headless Chromium: choosing a Jaeger UI JSON file from the
 * search page lists its traces, whose timeline and flamegraph open on the file (their script's
 * requests carry the upload); a file that is no trace file is refused beside the button.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "management.server.port=0")
class UploadBrowserTest extends TraceBrowserTestBase {

  @Override
  void writeTraces() {
    // Nothing in the store: every trace comes from the file.
  }

  @Test
  void aChosenFileListsItsTracesAndTheViewsOpenOnIt() {
    browser.driver.get(base() + "/search");
    choose("two-traces.ui.json");
    browser.waiting(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/upload/"));
    assertThat(text("[data-count]")).isEqualTo("2 traces in two-traces.ui.json");
    assertThat(text("[data-result-list]")).contains("<script>shop</script>: GET /checkout");
    browser.screenshot("upload-list");

    browser.driver.findElement(By.cssSelector(".result-name")).click();
    browser.waitReady("trace-page", Duration.ofSeconds(60));
    assertThat(browser.driver.getCurrentUrl()).contains("upload=");
    assertThat(text("[data-upload-badge]")).isEqualTo("From file two-traces.ui.json");
    // The interactive timeline drew the file's spans (its data came from timeline.json?upload=).
    browser
        .waiting(Duration.ofSeconds(30))
        .until(d -> d.findElement(By.cssSelector("#trace-page")).getText().contains("charge"));
    browser.screenshot("upload-timeline");

    browser.driver.findElement(By.cssSelector(".view-switcher [data-view=flamegraph]")).click();
    browser.waitReady("trace-page", Duration.ofSeconds(60));
    assertThat(browser.driver.getCurrentUrl()).contains("view=flamegraph").contains("upload=");
    assertThat(browser.longTasks()).allMatch(ms -> ms < 1000);
    browser.screenshot("upload-flamegraph");

    browser.driver.findElement(By.cssSelector(".view-switcher [data-view=statistics]")).click();
    browser.waitReady("trace-page", Duration.ofSeconds(60));
    assertThat(
            browser.driver.findElements(By.cssSelector("[data-service=payments][data-errors='1']")))
        .isNotEmpty();
  }

  @Test
  void aFileThatIsNoTraceFileIsRefusedBesideTheButton() {
    browser.driver.get(base() + "/search");
    choose("not-a-trace.json");
    WebElement status = browser.driver.findElement(By.cssSelector("[data-open-file-status]"));
    browser
        .waiting(Duration.ofSeconds(30))
        .until(d -> status.getText().contains("not a trace file Sightline reads"));
    assertThat(browser.driver.getCurrentUrl()).endsWith("/search");
    // The 400 itself is logged by Chromium as a failed request; nothing else may be.
    List<String> console = browser.severeConsoleMessages();
    assertThat(console).allMatch(m -> m.contains("/upload") && m.contains("400"));
  }

  private void choose(String resource) {
    WebElement input = browser.driver.findElement(By.cssSelector("[data-open-file-input]"));
    input.sendKeys(Path.of("src/test/resources/upload", resource).toAbsolutePath().toString());
  }
}
