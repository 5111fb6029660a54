package io.sightline.web.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.web.UiConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** {@code QUERY_UI_CONFIG}'s menu in the top navigation of a page, escaped. */
@WebMvcTest(controllers = TracePageController.class)
@Import({TracePageControllerTest.Store.class, UiMenuPageTest.Menu.class})
class UiMenuPageTest extends ShopTracePageTest {

  @TestConfiguration
  static class Menu {
    @Bean
    UiConfig uiConfig() {
      return UiConfig.parse(
          """
          {"menu": [
            {"label": "<b>Runbook</b>", "url": "https://wiki/run?a=1&b=\\"x\\""},
            {"label": "About", "items": [{"label": "Docs", "url": "/docs"}]}
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
}
