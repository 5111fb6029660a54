package io.sightline.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The search, compare and dependencies pages under a base path (QUERY_BASE_PATH=/jaeger): the
 * form's redirect, the operations the script loads, the compare navigation it builds, the
 * dependency graph's links.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"sightline.query.base-path=/jaeger", "management.server.port=0"})
class SearchPagesBasePathBrowserTest {

  static Browser browser;

  @LocalServerPort int port;

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

  void waitReady(String pageId) {
    browser.waitReady(pageId, Duration.ofSeconds(30));
  }

  @Test
  void everythingStaysUnderTheBasePath() {
    String base = "http://localhost:" + port + "/jaeger";
    browser.driver.get(base + "/");
    waitReady("search-page");
    assertThat(browser.driver.getCurrentUrl()).isEqualTo(base + "/search");
    new Select(browser.driver.findElement(By.id("sf-service"))).selectByValue("cart-service");
    browser
        .waiting(Duration.ofSeconds(10))
        .until(d -> !d.findElements(By.cssSelector("#sf-operations option")).isEmpty());
    new Select(browser.driver.findElement(By.id("sf-lookback"))).selectByValue("6h");
    browser.driver.findElement(By.cssSelector(".find-btn")).click();
    browser.waiting(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("start="));
    waitReady("search-page");
    assertThat(browser.driver.getCurrentUrl()).startsWith(base + "/search?service=cart-service");
    assertThat(browser.driver.findElement(By.cssSelector(".result-name")).getDomProperty("href"))
        .startsWith(base + "/trace/");
    assertThat(browser.driver.findElement(By.cssSelector(".download")).getDomProperty("href"))
        .startsWith(base + "/search/download?");

    List<WebElement> checks = browser.driver.findElements(By.cssSelector(".compare-check"));
    checks.get(0).click();
    checks.get(1).click();
    browser.driver.findElement(By.cssSelector("[data-compare-submit]")).click();
    browser.waiting(Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("..."));
    waitReady("compare-page");
    assertThat(browser.driver.getCurrentUrl()).startsWith(base + "/trace/");
    assertThat(browser.driver.findElements(By.cssSelector(".diff-row"))).isNotEmpty();

    browser.driver.get(base + "/dependencies");
    waitReady("deps-page");
    assertThat(browser.driver.findElements(By.cssSelector(".node"))).isNotEmpty();
    assertThat(browser.driver.findElement(By.cssSelector(".node-traces")).getDomAttribute("href"))
        .startsWith("/jaeger/search?service=");
    assertThat(browser.severeConsoleMessages()).isEmpty();
    browser.screenshot("search-base-path");
  }
}
