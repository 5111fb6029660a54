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
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * {@code QUERY_UI_CONFIG}'s {@code search.maxLookback} on the search page: the lookback choices
 * stop there (Jaeger UI's, up to 4 weeks; the configured one with its label), and a search over a
 * longer window — a lookback from an old link or a custom range — is refused on the lookback field.
 */
@WebMvcTest(controllers = SearchController.class)
@Import({PageTestConfig.class, SearchUiMaxLookbackTest.Config.class})
class SearchUiMaxLookbackTest {

  @TestConfiguration
  static class Config {
    @Bean
    UiConfig uiConfig() {
      return UiConfig.parse(
          "{\"search\":{\"maxLookback\":{\"label\":\"6 Days\",\"value\":\"6d\"}}}");
    }
  }

  @Autowired MockMvcTester mvc;

  private MvcTestResult get(String uri) {
    return mvc.get().uri(URI.create(uri)).exchange();
  }

  private static String body(MvcTestResult result) throws Exception {
    return result.getResponse().getContentAsString();
  }

  @Test
  void theChoicesStopAtTheMaxLookbackWhichIsOfferedWithItsLabel() throws Exception {
    String form = body(get("/search"));
    assertThat(form)
        .contains("<option value=\"2d\">Last 2 days</option>")
        .contains("<option value=\"3d\">Last 3 days</option>")
        .contains("<option value=\"5d\">Last 5 days</option>")
        .contains("<option value=\"6d\">Last 6 Days</option>")
        .doesNotContain("value=\"7d\"")
        .doesNotContain("value=\"2w\"");
    assertThat(form.indexOf("value=\"5d\"")).isLessThan(form.indexOf("value=\"6d\""));
    assertThat(form.indexOf("value=\"6d\"")).isLessThan(form.indexOf("value=\"custom\""));
  }

  @Test
  void aLongerSearchIsRefusedOnTheLookbackFieldNamingTheSetting() throws Exception {
    long end = PageTestConfig.NOW.toEpochMilli() * 1000;
    long day = 86_400_000_000L;
    MvcTestResult refused =
        get("/search?service=frontend&lookback=custom&start=" + (end - 7 * day) + "&end=" + end);
    assertThat(refused).hasStatus(400);
    assertThat(body(refused))
        .contains(
            "This search covers 7 days, more than the longest lookback allowed here, 6 Days"
                + " (search.maxLookback of QUERY_UI_CONFIG)")
        .contains("aria-invalid=\"true\"");
    // an old link's lookback=2w: the canonical URL it redirects to is refused the same way
    MvcTestResult old = get("/search?service=frontend&lookback=2w");
    assertThat(old).hasStatus3xxRedirection();
    String canonical = old.getResponse().getRedirectedUrl();
    assertThat(get(canonical)).hasStatus(400);
    assertThat(body(get(canonical))).contains("This search covers 14 days");
    MvcTestResult within =
        get("/search?service=frontend&lookback=custom&start=" + (end - 6 * day) + "&end=" + end);
    assertThat(within).hasStatusOk();
    assertThat(body(within)).doesNotContain("search.maxLookback");
  }
}
