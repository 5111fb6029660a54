package io.sightline.web.search;

import static io.sightline.web.trace.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.StorageException;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.web.trace.TestTraces;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@WebMvcTest(controllers = SearchController.class)
@Import(PageTestConfig.class)
class SearchControllerTest {

  static final String EVIL = "<script>alert('x')</script>";
  static final TraceId SHOP = TestTraces.TRACE_ID;
  static final TraceId EVIL_TRACE = TraceId.parse("e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0");
  static final TraceId PARTIAL = TraceId.parse("0a0a0a0a0a0a0a0a");
  static final long NOW_US = SearchParams.micros(PageTestConfig.NOW);

  /** The shop trace's page, with its time (as written in HTML). */
  static final String SHOP_LINK =
      "/trace/" + SHOP + "?start=" + TestTraces.T0 + "&amp;end=" + (TestTraces.T0 + 900_000);

  static final String WINDOW = "&start=" + (TestTraces.T0 - 60_000_000) + "&end=" + NOW_US;

  @Autowired MockMvcTester mvc;
  @Autowired PageTestStore store;

  static Trace shop() {
    return TestTraces.trace(
        span("1")
            .service("frontend")
            .op("GET /checkout")
            .at(0, 900_000)
            .tag("http.status_code", "200"),
        span("2").service("cart").op("load cart").childOf("1").at(10_000, 100_000),
        span("3")
            .service("payments")
            .op("charge")
            .childOf("1")
            .at(200_000, 400_000)
            .error()
            .tag("note", EVIL));
  }

  static Trace evil() {
    return TestTraces.trace(
        span("1").traceId(EVIL_TRACE).service(EVIL).op(EVIL).at(60_000_000, 2_000),
        span("2").traceId(EVIL_TRACE).service("db").op("q").childOf("1").at(60_000_100, 100));
  }

  static Trace partial() {
    return TestTraces.trace(
        span("9")
            .traceId(PARTIAL)
            .service("worker")
            .op("consume")
            .childOf("lost")
            .at(120_000_000, 5_000));
  }

  @BeforeEach
  void fill() {
    List<io.sightline.trace.Span> spans = new ArrayList<>();
    spans.addAll(shop().spans());
    spans.addAll(evil().spans());
    spans.addAll(partial().spans());
    store.reset();
    store.writeSpans(spans);
  }

  /** A GET of this exact URI (already encoded: no template expansion, no second encoding). */
  MockMvcTester.MockMvcRequestBuilder get(String uri) {
    return mvc.get().uri(java.net.URI.create(uri));
  }

  String page(MvcTestResult result) throws Exception {
    return result.getResponse().getContentAsString();
  }

  @Test
  void theBareFormListsEveryServiceAndAllServices() throws Exception {
    MvcTestResult result = get("/search").exchange();
    assertThat(result).hasStatusOk();
    String html = page(result);
    assertThat(html)
        .contains("<option value=\"\" selected=\"selected\">All services</option>")
        .contains("<option value=\"cart\">cart</option>")
        .contains("(6)") // services
        .contains("data-empty=\"start\"")
        .contains("<option value=\"1h\" selected=\"selected\">Last hour</option>")
        .contains("<option value=\"2d\">Last 2 days</option>")
        .doesNotContain("<option value=\"3d\"")
        .contains("Find Traces")
        .contains("one span</strong> meets every condition")
        .contains("name=\"limit\"")
        .contains("max=\"1500\"")
        .doesNotContain("data-result-list");
  }

  @Test
  void aFormSubmissionRedirectsToTheCanonicalJaegerUrl() {
    MvcTestResult result =
        get("/search?service=frontend&operation=&tags=http.status_code%3D200&lookback=2h&limit=")
            .exchange();
    assertThat(result).hasStatus(HttpStatus.FOUND);
    assertThat(result.getResponse().getRedirectedUrl())
        .isEqualTo(
            "/search?service=frontend"
                + "&tags=%7B%22http.status_code%22%3A%22200%22%7D"
                + "&lookback=2h&start="
                + (NOW_US - 7_200_000_000L)
                + "&end="
                + NOW_US
                + "&limit=20");
  }

  @Test
  void embedParametersSurviveTheRedirect() {
    MvcTestResult result = get("/search?service=cart&uiEmbed=v0&uiTheme=dark").exchange();
    assertThat(result.getResponse().getRedirectedUrl())
        .endsWith("&limit=20&uiEmbed=v0&uiTheme=dark");
  }

  @Test
  void resultsAreSummariesWithListPlotAndTools() throws Exception {
    MvcTestResult result = get("/search?lookback=1h&limit=20" + WINDOW).exchange();
    assertThat(result).hasStatusOk();
    assertThat(result.getResponse().getHeader("Server-Timing")).contains("storage;dur=");
    String html = page(result);
    assertThat(html)
        .contains("3 traces matched")
        .contains("<span class=\"root-svc\">frontend</span>")
        .contains("<span class=\"root-op\">GET /checkout</span>")
        .contains("<span class=\"short-id mono\">4bf92f3</span>")
        // Links carry the trace's time, so traces older than the store's lookback open too.
        .contains("href=\"" + SHOP_LINK + "\"")
        .contains("3 spans")
        .contains("1 error")
        .contains("900ms")
        // services as pills, by name, with counts
        .containsSubsequence(
            "svc-name\">cart<", "(1)", "svc-name\">frontend<", "svc-name\">payments<")
        // the orphan makes its trace incomplete
        .contains(">Incomplete</span>")
        // the scatter plot links every trace; errors are red
        .contains("class=\"dot is-error\"")
        .contains("data-trace-id=\"" + PARTIAL + "\"")
        // compare selection, sort, download
        .containsPattern("class=\"compare-check\"\\s+value=\"" + SHOP + "\"")
        .contains("action=\"/compare\"")
        .contains("<option value=\"longest\">Longest first</option>")
        .contains("href=\"/search/download?lookback=1h&amp;limit=20&amp;start=")
        .doesNotContain("limit-notice");
    // storage order (newest first) by default
    assertThat(order(html))
        .containsExactly(PARTIAL.toString(), EVIL_TRACE.toString(), SHOP.toString());
  }

  @Test
  void theSortParameterOrdersTheRows() throws Exception {
    String html = page(get("/search?lookback=1h&sort=longest" + WINDOW).exchange());
    assertThat(order(html))
        .containsExactly(SHOP.toString(), PARTIAL.toString(), EVIL_TRACE.toString());
    assertThat(html)
        .contains("<option value=\"longest\" selected=\"selected\">Longest first</option>");
    html = page(get("/search?lookback=1h&sort=mostErrors" + WINDOW).exchange());
    assertThat(order(html).get(0)).isEqualTo(SHOP.toString());
  }

  @Test
  void spanDataIsEscapedEverywhere() throws Exception {
    String html =
        page(
            get("/search?lookback=1h&tags=" + "%7B%22note%22%3A%22%3Cscript%3E%22%7D" + WINDOW)
                .exchange());
    html += page(get("/search?lookback=1h" + WINDOW).exchange());
    html += page(get("/search").exchange());
    assertThat(html)
        .doesNotContain("<script>alert")
        .doesNotContain("<script>\"")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    // every <script> element is one of ours, with a src
    Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(html);
    while (scripts.find()) {
      assertThat(scripts.group(1)).contains("src=");
    }
    assertThat(html).doesNotContain("style=").doesNotContain(" onclick").doesNotContain("onerror=");
  }

  @Test
  void aTagValueIsShownBackAsLogfmtAndEscaped() throws Exception {
    String html =
        page(
            get("/search?lookback=1h&tags=%7B%22db.statement%22%3A%22select%20%3Cb%3E%22%7D"
                    + WINDOW)
                .exchange());
    assertThat(html).contains("value=\"db.statement=&quot;select &lt;b&gt;&quot;\"");
  }

  @Test
  void validationErrorsAreShownBesideTheirFieldInJaegersWords() throws Exception {
    MvcTestResult result =
        get("/search?service=cart&minDuration=abc&lookback=1h" + WINDOW).exchange();
    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    String html = page(result);
    assertThat(html)
        .contains(
            "unable to parse param &#39;minDuration&#39;: time: invalid duration &quot;abc&quot;")
        .contains("id=\"sf-min\"")
        .contains("aria-invalid=\"true\"")
        .doesNotContain("Exception")
        .doesNotContain("at io.sightline");
    // the form keeps what was typed
    assertThat(html).contains("value=\"abc\"");

    html = page(get("/search?service=cart&tags=a%3D%22open").exchange());
    assertThat(html).contains("cannot read the tags: the quote at position 3 is never closed");
    html = page(get("/search?service=cart&minDuration=2s&maxDuration=1s" + WINDOW).exchange());
    assertThat(html).contains("&#39;maxDuration&#39; should be greater than &#39;minDuration&#39;");
    html = page(get("/search?limit=99999" + WINDOW).exchange());
    assertThat(html).contains("&#39;limit&#39; must not be greater than 1500");
  }

  @Test
  void traceIdListsShowTheMissingOnesAsNotFound() throws Exception {
    MvcTestResult result =
        get("/search?traceID="
                + SHOP
                + "&traceID=00000000000000000000000000000bad&traceID="
                + EVIL_TRACE)
            .exchange();
    assertThat(result).hasStatusOk();
    String html = page(result);
    assertThat(html)
        .contains("2 of 3 traces found")
        .contains("1 trace not found")
        .contains("<span class=\"mono\">0000000000000bad</span> — not found");
    assertThat(order(html)).containsExactlyInAnyOrder(SHOP.toString(), EVIL_TRACE.toString());
  }

  @Test
  void anInvalidTraceIdIsAnError() throws Exception {
    MvcTestResult result = get("/search?traceID=xyz").exchange();
    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(page(result)).contains("cannot parse traceID param");
  }

  @Test
  void noResultsSuggestsAWiderSearch() throws Exception {
    String html = page(get("/search?service=nobody&lookback=1h" + WINDOW).exchange());
    assertThat(html)
        .contains("0 traces matched")
        .contains("data-empty=\"no-results\"")
        .contains("Try a longer lookback")
        .contains("nobody (not seen recently)");
  }

  @Test
  void anEmptyStoreExplainsWhyThereAreNoServices() throws Exception {
    store.reset();
    String html = page(get("/search").exchange());
    assertThat(html).contains("No services yet").contains("ES_MAX_SPAN_AGE").contains("(0)");
  }

  @Test
  void aReachedLimitOffersMore() throws Exception {
    String html = page(get("/search?lookback=1h&limit=2" + WINDOW).exchange());
    assertThat(html)
        .contains("2 traces matched")
        .contains("The limit of 2 was reached:")
        .contains("Search again with limit 100")
        .contains("limit=100");
  }

  @Test
  void operationsForTheForm() {
    store.writeSpans(
        List.of(
            span("5")
                .traceId(TraceId.parse("5555"))
                .service("cart")
                .op("save cart")
                .at(1, 1)
                .build()));
    assertThat(get("/search/operations?service=cart").exchange())
        .hasStatusOk()
        .bodyJson()
        .isLenientlyEqualTo("{\"service\":\"cart\",\"operations\":[\"load cart\",\"save cart\"]}");
    assertThat(get("/search/operations").exchange())
        .bodyJson()
        .isLenientlyEqualTo("{\"operations\":[]}");
  }

  @Test
  void theFormShowsTheChosenServicesOperations() throws Exception {
    String html = page(get("/search?service=cart&lookback=1h" + WINDOW).exchange());
    assertThat(html).contains("<option value=\"load cart\"></option>").contains("(1)");
  }

  @Test
  void downloadStreamsJaegersJson() throws Exception {
    MvcTestResult result = get("/search/download?service=frontend&lookback=1h" + WINDOW).exchange();
    assertThat(result).hasStatusOk().hasContentTypeCompatibleWith("application/json");
    assertThat(result.getResponse().getHeader("Content-Disposition"))
        .startsWith("attachment; filename=\"traces-");
    assertThat(result)
        .bodyJson()
        .isLenientlyEqualTo(
            "{\"data\":[{\"traceID\":\""
                + SHOP
                + "\",\"processes\":{\"p1\":{\"serviceName\":\"frontend\"}}}]}");
    assertThat(page(result)).startsWith("{\"data\":[{").doesNotContain("\"total\"");
    // traceID lists too
    assertThat(get("/search/download?traceID=" + PARTIAL).exchange())
        .bodyJson()
        .extractingPath("$.data[0].traceID")
        .isEqualTo(PARTIAL.toString());
  }

  @Test
  void aStorageFailureIsAReadablePage() throws Exception {
    store.failWith(new StorageException(StorageException.Kind.UNAVAILABLE, "connection refused"));
    MvcTestResult result = get("/search?lookback=1h" + WINDOW).exchange();
    assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(page(result)).contains("connection refused").doesNotContain("at io.sightline");
  }

  @Test
  void linksHonourTheBasePath() throws Exception {
    String html =
        page(get("/jaeger/search?lookback=1h&limit=2" + WINDOW).contextPath("/jaeger").exchange());
    Matcher links = Pattern.compile("(?:href|src|action)=\"([^\"]*)\"").matcher(html);
    int count = 0;
    while (links.find()) {
      String link = links.group(1);
      if (link.startsWith("http") || link.startsWith("#")) {
        continue;
      }
      assertThat(link).as("link").startsWith("/jaeger/");
      count++;
    }
    assertThat(count).isGreaterThan(10);
    assertThat(html).contains("<meta name=\"sightline-base\" content=\"/jaeger/\">");
    MvcTestResult redirect = get("/jaeger/search?service=cart").contextPath("/jaeger").exchange();
    assertThat(redirect.getResponse().getRedirectedUrl()).startsWith("/jaeger/search?service=cart");
  }

  @Test
  void embedModeHidesTheFormAndComparison() throws Exception {
    String html = page(get("/search?lookback=1h&uiEmbed=v0" + WINDOW).exchange());
    assertThat(html)
        .doesNotContain("data-search-form")
        .doesNotContain("class=\"compare-check\"")
        .contains("href=\"" + SHOP_LINK + "&amp;uiEmbed=v0\"");
    html = page(get("/search?lookback=1h&uiSearchHideGraph=1" + WINDOW).exchange());
    assertThat(html).doesNotContain("data-scatter");
  }

  /** Trace IDs of the result rows, in page order. */
  static List<String> order(String html) {
    List<String> ids = new ArrayList<>();
    Matcher m =
        Pattern.compile("<li class=\"result[^\"]*\"\\s+data-trace-id=\"([0-9a-f]+)\"")
            .matcher(html);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }
}
