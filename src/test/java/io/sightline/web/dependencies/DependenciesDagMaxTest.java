package io.sightline.web.dependencies;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.DependencyLink;
import io.sightline.web.UiConfig;
import io.sightline.web.search.PageTestConfig;
import io.sightline.web.search.PageTestStore;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * {@code QUERY_UI_CONFIG}'s {@code dependencies.dagMaxNumServices}: above it (compared, as Jaeger
 * UI does, with the number of links) the page does not offer the graph: it shows the table and says
 * why; the part around a focal service, within it, is drawn.
 */
@WebMvcTest(controllers = DependenciesPageController.class)
@Import({PageTestConfig.class, DependenciesDagMaxTest.Config.class})
class DependenciesDagMaxTest {

  @TestConfiguration
  static class Config {
    @Bean
    UiConfig uiConfig() {
      return UiConfig.parse("{\"dependencies\":{\"dagMaxNumServices\":4}}");
    }
  }

  @Autowired MockMvcTester mvc;
  @Autowired PageTestStore store;

  @BeforeEach
  void fill() {
    store.reset();
    store.writeDependencies(
        DependenciesPageControllerTest.MIDNIGHT,
        List.of(
            new DependencyLink("web", "api", 10),
            new DependencyLink("api", "orders", 4),
            new DependencyLink("api", "users", 6),
            new DependencyLink("orders", "db", 3),
            new DependencyLink("batch", "orders", 1)));
  }

  String page(String uri) throws Exception {
    return mvc.get().uri(URI.create(uri)).exchange().getResponse().getContentAsString();
  }

  @Test
  void moreLinksThanTheMaximumAreATableAndThePageSaysWhy() throws Exception {
    String html = page("/dependencies");
    assertThat(html)
        .contains(
            "These services have 5 links, more than 4 (dependencies.dagMaxNumServices in"
                + " QUERY_UI_CONFIG): too many to draw as a graph")
        .contains("class=\"deps-table\"")
        .contains("data-graph-disabled")
        .doesNotContain("data-graph-area");
    // asking for the graph changes nothing
    assertThat(page("/dependencies?view=graph")).contains("data-graph-disabled");
  }

  @Test
  void thePartAroundAFocalServiceWithinTheMaximumIsDrawn() throws Exception {
    String html = page("/dependencies?focus=db&depth=1");
    assertThat(html)
        .contains("data-graph-area")
        .doesNotContain("data-graph-refused")
        .doesNotContain("data-graph-disabled");
  }
}
