package io.sightline.web.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.SpanWriter;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The trace page under a base path (QUERY_BASE_PATH=/jaeger, which becomes the context path):
 * assets, the timeline data, find and details all load from under it.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"sightline.query.base-path=/jaeger", "management.server.port=0"})
class BasePathBrowserTest {

  static Browser browser;

  @LocalServerPort int port;
  @Autowired SpanWriter store;

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

  @Test
  void everythingLoadsFromUnderTheBasePath() {
    store.writeSpans(BrowserTraces.shop().spans());
    String base = "http://localhost:" + port + "/jaeger";
    browser.driver.get(base + "/trace/" + BrowserTraces.SHOP + "?uiFind=kafka");
    browser
        .waiting(Duration.ofSeconds(30))
        .until(
            d ->
                "true"
                    .equals(
                        browser.js(
                            "return document.getElementById('trace-page')?.dataset.ready || null")));
    browser
        .waiting(Duration.ofSeconds(10))
        .until(d -> d.findElement(By.cssSelector("[data-find-count]")).getText().equals("1 of 2"));
    WebElement row = browser.driver.findElement(By.cssSelector(".row.is-current-match"));
    row.click();
    browser
        .waiting(Duration.ofSeconds(10))
        .until(
            d ->
                d.findElement(By.cssSelector("[data-details-body]"))
                    .getText()
                    .contains("messaging.system"));
    assertThat(
            browser.js(
                "return getComputedStyle(document.querySelector('.topnav'))" + ".backgroundColor"))
        .isNotEqualTo("rgba(0, 0, 0, 0)"); // the stylesheet loaded
    assertThat(browser.driver.findElement(By.cssSelector(".brand")).getAttribute("href"))
        .isEqualTo(base + "/search");
    // The header's JSON link reaches the API under the base path too.
    Object status =
        browser.asyncJs(
            "const done = arguments[arguments.length - 1];"
                + "fetch(document.querySelector('.trace-links a').href)"
                + ".then(r => r.json().then(j => done(r.status + ' ' + j.data[0].traceID)));");
    assertThat(status).isEqualTo("200 " + BrowserTraces.SHOP);
    assertThat(browser.severeConsoleMessages()).isEmpty();
    browser.screenshot("trace-base-path");
  }
}
