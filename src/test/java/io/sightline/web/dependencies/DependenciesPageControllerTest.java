package io.sightline.web.dependencies;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.DependencyLink;
import io.sightline.trace.TraceId;
import io.sightline.web.search.PageTestConfig;
import io.sightline.web.search.PageTestStore;
import io.sightline.web.trace.TestTraces;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@WebMvcTest(controllers = DependenciesPageController.class)
@Import(PageTestConfig.class)
class DependenciesPageControllerTest {

  static final String EVIL = "<script>alert(1)</script>";

  /** The UTC midnight before "now" in these tests: where the daily job stamps its document. */
  static final Instant MIDNIGHT =
      PageTestConfig.NOW
          .atZone(ZoneOffset.UTC)
          .toLocalDate()
          .atStartOfDay(ZoneOffset.UTC)
          .toInstant();

  @Autowired MockMvcTester mvc;
  @Autowired PageTestStore store;

  @BeforeEach
  void fill() {
    store.reset();
    store.writeDependencies(
        MIDNIGHT,
        List.of(
            new DependencyLink("web", "api", 10),
            new DependencyLink("api", "orders", 4),
            new DependencyLink("api", EVIL, 6),
            new DependencyLink("orders", "db", 3),
            new DependencyLink("batch", "orders", 1),
            new DependencyLink("api", "api", 2)));
    // an older day: only in longer windows
    store.writeDependencies(
        MIDNIGHT.minus(Duration.ofDays(10)), List.of(new DependencyLink("legacy", "db", 99)));
  }

  String page(String uri) throws Exception {
    return mvc.get().uri(URI.create(uri)).exchange().getResponse().getContentAsString();
  }

  @Test
  void drawsTheGraphOfTheLastSevenDays() throws Exception {
    MvcTestResult result = mvc.get().uri("/dependencies").exchange();
    assertThat(result).hasStatusOk();
    String html = result.getResponse().getContentAsString();
    assertThat(html)
        .contains("<option value=\"7d\" selected=\"selected\">Last 7 days</option>")
        .contains("6 services, 5 caller → callee pairs")
        .contains("data-service=\"web\"")
        .contains("data-from=\"web\" data-to=\"api\"")
        .contains(">10</text>") // the call count on the edge
        .contains("href=\"/search?service=orders\"") // view traces
        .contains("href=\"/dependencies?focus=orders\"") // set focus
        .contains("calls itself: 2")
        .contains("viewBox=\"0 0 ")
        .doesNotContain("legacy")
        .doesNotContain(EVIL)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("style=");
    assertThat(page("/dependencies?lookback=14d")).contains("legacy");
  }

  @Test
  void focusKeepsTheServicesWithinTheDepth() throws Exception {
    String html = page("/dependencies?focus=orders&depth=1");
    assertThat(html)
        .contains("<option value=\"orders\" selected=\"selected\">orders</option>")
        .contains("around <strong>orders</strong>")
        .contains("data-service=\"api\"")
        .contains("data-service=\"batch\"")
        .contains("data-service=\"db\"")
        .doesNotContain("data-service=\"web\"")
        .containsPattern("class=\"node svc-\\d+ is-focus\"\\s+data-service=\"orders\"");
    assertThat(page("/dependencies?focus=orders&depth=2")).contains("data-service=\"web\"");
    assertThat(page("/dependencies?focus=nobody")).contains("No dependencies of nobody");
  }

  @Test
  void searchHighlightsAndCountsMatches() throws Exception {
    String html = page("/dependencies?q=ORD");
    assertThat(html)
        .contains("1 service matches")
        .contains("has-query")
        .containsPattern("class=\"node svc-\\d+ is-match\"\\s+data-service=\"orders\"");
  }

  @Test
  void theTableIsSortableWithoutScript() throws Exception {
    String html = page("/dependencies?view=table");
    assertThat(html)
        .contains("aria-sort=\"descending\"")
        .containsSubsequence(
            ">web<", ">api<", ">10<", ">api<", ">&lt;script&gt;alert(1)&lt;/script&gt;<", ">6<")
        .contains("Calls within a service:")
        .contains("api (2)");
    String byCaller = page("/dependencies?view=table&sort=parent&dir=asc");
    assertThat(byCaller).containsSubsequence(">api<", ">batch<", ">orders<", ">web<");
    // the header links flip the direction of the active column
    assertThat(byCaller).contains("sort=parent&amp;dir=desc");
  }

  @Test
  void anEmptyStoreExplainsTheSparkJobAndMidnight() throws Exception {
    store.reset();
    String html = page("/dependencies");
    assertThat(html)
        .contains("No dependencies in this time range")
        .contains("spark-dependencies")
        .contains("00:00 UTC")
        .doesNotContain("This range contains no 00:00 UTC");
    // one hour after "now"'s midnight+? choose a window without midnight
    assertThat(page("/dependencies?lookback=1h")).contains("This range contains no 00:00 UTC");
  }

  @Test
  void aCustomRangeRedirectsToFixedTimesAndBadInputIsShown() throws Exception {
    MvcTestResult custom =
        mvc.get()
            .uri("/dependencies?lookback=custom&from=2023-11-01T00:00&to=2023-11-15T00:00&tz=60")
            .exchange();
    assertThat(custom).hasStatus(HttpStatus.FOUND);
    assertThat(custom.getResponse().getRedirectedUrl())
        .isEqualTo("/dependencies?lookback=custom&start=1698793200000000&end=1700002800000000");
    MvcTestResult bad = mvc.get().uri("/dependencies?lookback=custom&from=soon").exchange();
    assertThat(bad).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(bad.getResponse().getContentAsString()).contains("&#39;soon&#39; is not a date");
    assertThat(mvc.get().uri("/dependencies?lookback=99y").exchange())
        .hasStatus(HttpStatus.BAD_REQUEST);
  }

  // ------------------------------------------------------------ the live graph (source=search)

  /**
   * Traces 30 and 20 minutes before "now": checkout → cart → EVIL (a span's service) and cart →
   * postgres (a peer.service leaf), the newer one tagged error=true; and one of an unrelated
   * service.
   */
  void writeTraces() {
    for (int i = 0; i < 2; i++) {
      TraceId id = TraceId.parse("00000000000000000000000000000ab" + i);
      long offset = i * 10 * 60_000_000L;
      store.writeSpans(
          TestTraces.trace(
                  TestTraces.span("1")
                      .traceId(id)
                      .service("checkout")
                      .op("POST /buy")
                      .at(offset, 900),
                  TestTraces.span("2")
                      .traceId(id)
                      .service("cart")
                      .childOf("1")
                      .at(offset + 10, 500)
                      .tag("error", i == 1 ? "true" : "false"),
                  TestTraces.span("3").traceId(id).service(EVIL).childOf("2").at(offset + 20, 100),
                  TestTraces.span("4")
                      .traceId(id)
                      .service("cart")
                      .childOf("2")
                      .at(offset + 30, 100)
                      .tag("peer.service", "postgres"))
              .spans());
    }
    store.writeSpans(
        TestTraces.trace(
                TestTraces.span("1").traceId(TraceId.parse("0ff")).service("batch").at(0, 100),
                TestTraces.span("2")
                    .traceId(TraceId.parse("0ff"))
                    .service("orders")
                    .childOf("1")
                    .at(10, 50))
            .spans());
  }

  @Test
  void theLiveGraphIsBuiltFromTheTracesASearchFindsAndSaysHowMany() throws Exception {
    writeTraces();
    MvcTestResult result =
        mvc.get().uri("/dependencies?source=search&service=checkout&view=table").exchange();
    assertThat(result).hasStatusOk();
    String html = result.getResponse().getContentAsString();
    assertThat(html)
        // the form: the switch set to the search, its fields filled
        .contains("name=\"source\" value=\"search\" checked=\"checked\"")
        .contains("id=\"dp-service\" name=\"service\"")
        .contains("value=\"checkout\"")
        .contains("<option value=\"1h\" selected=\"selected\">Last hour</option>")
        // the stated sample
        .contains("data-traces=\"2\" data-limit=\"100\"")
        .contains("<strong>2 traces</strong> matching")
        .contains("<code>service=checkout</code>; at most")
        .doesNotContain("more traces may match")
        // links of those two traces, not the stored ones nor the unrelated trace
        .containsSubsequence(">cart<", ">&lt;script&gt;alert(1)&lt;/script&gt;<", ">2<")
        .containsSubsequence(">cart<", ">postgres<", ">2<")
        .containsSubsequence(">checkout<", ">cart<", ">2<")
        .contains("4 services, 3 caller → callee pairs")
        .doesNotContain(">web<")
        .doesNotContain(">orders<")
        .doesNotContain(EVIL)
        .doesNotContain("No dependencies in this time range");
    // links on the page keep the search (the URL can be shared)
    assertThat(html).contains("source=search&amp;service=checkout");
  }

  @Test
  void theSampleSizeBoundsTheTracesAndTheTagsNarrowThem() throws Exception {
    writeTraces();
    String one = page("/dependencies?source=search&service=checkout&limit=1&view=table");
    assertThat(one)
        .contains("<strong>1 trace</strong> matching")
        .contains("data-limit=\"1\"")
        .contains("more traces may match")
        .containsSubsequence(">checkout<", ">cart<", ">1<");

    String tagged = page("/dependencies?source=search&service=cart&tags=error%3Dtrue&view=table");
    assertThat(tagged)
        .contains("<strong>1 trace</strong> matching")
        .contains("<code>service=cart error=true</code>")
        .containsSubsequence(">checkout<", ">cart<", ">1<");

    // an evil tag value is shown escaped, in the field and in the statement
    String evil =
        page("/dependencies?source=search&service=checkout&tags=x%3D%22" + "%3Cscript%3E" + "%22");
    assertThat(evil).doesNotContain("<script>").contains("&lt;script&gt;");
    assertThat(evil).contains("No traces match this search in this time range");

    // beyond the page's maximum: the maximum, stated
    assertThat(page("/dependencies?source=search&service=checkout&limit=999999"))
        .contains("data-limit=\"" + LiveSearch.MAX_SAMPLE + "\"");
  }

  @Test
  void aSearchWithoutServiceOrWithBadTagsIsABadRequest() throws Exception {
    writeTraces();
    MvcTestResult noService = mvc.get().uri("/dependencies?source=search").exchange();
    assertThat(noService).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(noService.getResponse().getContentAsString())
        .contains("parameter &#39;service&#39; is required")
        .doesNotContain("data-sample");
    MvcTestResult badTags =
        mvc.get()
            .uri(URI.create("/dependencies?source=search&service=cart&tags=%22open"))
            .exchange();
    assertThat(badTags).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(badTags.getResponse().getContentAsString()).contains("is never closed");
    assertThat(mvc.get().uri("/dependencies?source=elsewhere").exchange())
        .hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(mvc.get().uri("/dependencies?source=search&service=cart&limit=many").exchange())
        .hasStatus(HttpStatus.BAD_REQUEST);
  }

  @Test
  void theStoredModeIgnoresAndDropsTheSearchFields() throws Exception {
    writeTraces();
    String html = page("/dependencies?source=stored&service=checkout&limit=100");
    assertThat(html)
        .contains("name=\"source\" value=\"stored\" checked=\"checked\"")
        .contains("6 services, 5 caller → callee pairs")
        .doesNotContain("data-sample")
        .contains("href=\"/dependencies?view=table\"");
  }
}
