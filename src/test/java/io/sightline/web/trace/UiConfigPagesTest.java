package io.sightline.web.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.web.UiConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code QUERY_UI_CONFIG} on the pages: its menu in the top navigation, its tag link patterns in
 * span details; escaped, substituted values percent-encoded.
 */
@WebMvcTest(controllers = TracePageController.class)
@Import({TracePageControllerTest.Store.class, UiConfigPagesTest.Menu.class})
class UiConfigPagesTest extends ShopTracePageTest {

  @TestConfiguration
  static class Menu {
    @Bean
    UiConfig uiConfig() {
      return UiConfig.parse(
          """
          {"menu": [
            {"label": "<b>Runbook</b>", "url": "https://wiki/run?a=1&b=\\"x\\""},
            {"label": "About", "items": [{"label": "Docs", "url": "/docs"}]}
          ],
          "linkPatterns": [
            {"type": "tags", "key": "note", "url": "https://logs/q?v=#{note}&t=#{trace.traceID}",
             "text": "Logs for #{note}"},
            {"type": "tags", "key": "payload", "url": "/x/#{no.such.tag}"}
          ]}
          """);
    }
  }

  @Test
  void menuLinksAndGroupsAreInTheTopNavigationEscaped() throws Exception {
    assertThat(page(""))
        .contains(
            "<a class=\"nav-extra\" href=\"https://wiki/run?a=1&amp;b=&quot;x&quot;\""
                + " rel=\"noopener noreferrer\">&lt;b&gt;Runbook&lt;/b&gt;</a>")
        .contains("<summary>About</summary>")
        .contains("<a href=\"/docs\" rel=\"noopener noreferrer\">Docs</a>")
        .doesNotContain("<b>Runbook</b>");
  }

  @Test
  void tagLinkPatternsLinkBesideTheirTagsWithEncodedValues() throws Exception {
    String details = page("/span/0000000000000002?fragment=true");
    assertThat(details)
        .contains(
            "<a class=\"kv-link\" href=\"https://logs/q?v=%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E"
                + "&amp;t="
                + ID
                + "\" target=\"_blank\" rel=\"noopener noreferrer\">"
                + "Logs for &lt;img src=x onerror=alert(1)&gt;</a>")
        .doesNotContain("<img src=x")
        .doesNotContain("/x/"); // a placeholder the span cannot fill: no link
    assertThat(details.split("class=\"kv-link\"")).hasSize(2); // one link: the note's
  }
}
