package io.sightline.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@WebMvcTest(controllers = ShellController.class)
@Import(ShellControllerTest.Settings.class)
class ShellControllerTest {

  @TestConfiguration
  @EnableConfigurationProperties(WebUiProperties.class)
  static class Settings {}

  @Autowired MockMvcTester mvc;

  @Test
  void homeOpensTheSearchPage() {
    assertThat(mvc.get().uri("/").exchange()).hasRedirectedUrl("/search");
  }

  @Test
  void lookupOfOneIdOpensTheTrace() {
    assertThat(mvc.get().uri("/lookup?traceID={id}", " ABC ").exchange())
        .hasRedirectedUrl("/trace/0000000000000abc");
  }

  @Test
  void lookupOfSeveralIdsListsThemOnTheSearchPage() {
    assertThat(mvc.get().uri("/lookup?traceID={ids}", "a1, b2 a1").exchange())
        .hasRedirectedUrl("/search?traceID=00000000000000a1&traceID=00000000000000b2");
  }

  @Test
  void lookupOfSomethingElseIsA400PageSayingWhy() {
    MvcTestResult result = mvc.get().uri("/lookup?traceID={t}", "<b>hello</b>").exchange();
    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(result)
        .bodyText()
        .contains("Bad request")
        .contains("&lt;b&gt;hello&lt;/b&gt;")
        .doesNotContain("<b>hello");
    assertThat(mvc.get().uri("/lookup").exchange()).hasStatus(HttpStatus.BAD_REQUEST);
  }

  @Test
  void redirectsWorkUnderAContextPath() {
    assertThat(mvc.get().uri("/jaeger/lookup?traceID=abc").contextPath("/jaeger").exchange())
        .hasRedirectedUrl("/jaeger/trace/0000000000000abc");
  }

  @Test
  void theJsonApiKeepsJaegersHeaders() {
    MvcTestResult result = mvc.get().uri("/api/services").exchange();
    assertThat(result)
        .doesNotContainHeader("Content-Security-Policy")
        .doesNotContainHeader("X-Content-Type-Options")
        .doesNotContainHeader("Referrer-Policy");
  }

  @Test
  void swaggerUiIsLeftOutOfTheContentSecurityPolicy() {
    MvcTestResult result = mvc.get().uri("/swagger-ui/index.html").exchange();
    assertThat(result).doesNotContainHeader("Content-Security-Policy");
    assertThat(result).hasHeader("X-Content-Type-Options", "nosniff");
  }
}
