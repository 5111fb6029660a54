package io.sightline.web.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.web.UiConfig;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * {@code QUERY_UI_CONFIG}'s {@code search.maxLimit} bounds the search page below the server's own
 * maximum (1,500 in {@link PageTestConfig}): the form offers no more, and a larger limit is refused
 * on the field, as the server's maximum is.
 */
@WebMvcTest(controllers = SearchController.class)
@Import({PageTestConfig.class, SearchUiMaxLimitTest.Config.class})
class SearchUiMaxLimitTest {

  @TestConfiguration
  static class Config {
    @Bean
    UiConfig uiConfig() {
      return UiConfig.parse("{\"search\":{\"maxLimit\":50}}");
    }
  }

  @Autowired MockMvcTester mvc;

  private String page(String uri) throws Exception {
    return mvc.get().uri(URI.create(uri)).exchange().getResponse().getContentAsString();
  }

  @Test
  void theFormAndTheSearchStayWithinTheUiConfigsMaxLimit() throws Exception {
    assertThat(page("/search")).contains("max=\"50\"").doesNotContain("max=\"1500\"");
    assertThat(page("/search?service=frontend&limit=51" + SearchControllerTest.WINDOW))
        .contains("&#39;limit&#39; must not be greater than 50");
    assertThat(page("/search?service=frontend&limit=50" + SearchControllerTest.WINDOW))
        .doesNotContain("must not be greater than");
  }
}
