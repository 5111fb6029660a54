package io.sightline.web.trace;

import static io.sightline.web.trace.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.KeyValue;
import io.sightline.trace.StorageException;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceService;
import io.sightline.trace.adjust.Adjusters;
import io.sightline.web.WebUiProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@WebMvcTest(controllers = TracePageController.class)
@Import(TracePageControllerTest.Store.class)
class TracePageControllerTest {

  static final String ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String EVIL = "<script>alert('x')</script>";

  @TestConfiguration
  @EnableConfigurationProperties(WebUiProperties.class)
  static class Store {
    @Bean
    TestSpanReader testSpanReader() {
      return new TestSpanReader();
    }

    /** The real use cases (with Jaeger's adjusters) over the test store. */
    @Bean
    TraceService traceService(TestSpanReader reader) {
      return new TraceService(
          reader, query -> List.of(), null, Adjusters.standard(Duration.ZERO), Duration.ZERO);
    }
  }

  @Autowired MockMvcTester mvc;
  @Autowired TestSpanReader store;

  static Trace shop() {
    return TestTraces.trace(
        span("1")
            .service("frontend")
            .op("GET /checkout")
            .at(0, 1_000_000)
            .tag("span.kind", "server")
            .tag("http.method", "GET")
            .tag(KeyValue.int64("http.status_code", 200)),
        span("2")
            .service("cart")
            .op(EVIL)
            .childOf("1")
            .at(10_000, 200_000)
            .tag("note", "<img src=x onerror=alert(1)>")
            .tag("payload", "{\"items\":[1,2],\"user\":{\"id\":7}}")
            .log(20_000, KeyValue.string("event", "looked up"), KeyValue.int64("hits", 3)),
        span("3")
            .service("db")
            .op("SELECT")
            .childOf("2")
            .at(30_000, 100_000)
            .error()
            .tag("db.system", "postgresql"));
  }

  @BeforeEach
  void fill() {
    store.clear();
    store.put(shop());
  }

  @Test
  void tracePageRendersHeaderAndPlainRows() {
    MvcTestResult result = mvc.get().uri("/trace/{id}", ID).exchange();
    assertThat(result).hasStatusOk().hasContentTypeCompatibleWith("text/html");
    assertThat(result)
        .bodyText()
        .contains("GET /checkout (frontend) · 4bf92f3 — Sightline") // tab title
        .contains("class=\"root-service\">frontend</span>")
        .contains("<dt>Total Spans</dt><dd>3</dd>")
        .contains("<dt>Depth</dt><dd>3</dd>")
        .contains("1 error")
        .contains("/api/traces/" + ID + "?prettyPrint=true")
        .contains("/api/traces/" + ID + "?raw=true&amp;prettyPrint=true")
        .contains("href=\"/trace/" + ID + "/span/0000000000000003\"")
        .contains("needs JavaScript")
        .contains("<rect y=\"6\" height=\"12\" x=\"0.000%\" width=\"100.000%\">")
        .contains("src=\"/js/trace/page.js\"")
        .doesNotContain("style=");
  }

  @Test
  void everyPageCarriesTheSecurityHeaders() throws Exception {
    MvcTestResult result = mvc.get().uri("/trace/{id}", ID).exchange();
    assertThat(result)
        .hasHeader("X-Content-Type-Options", "nosniff")
        .hasHeader("Referrer-Policy", "same-origin")
        .containsHeader("Server-Timing");
    String csp = result.getResponse().getHeader("Content-Security-Policy");
    assertThat(csp)
        .contains("script-src 'self'")
        .contains("style-src 'self'")
        .contains("object-src 'none'")
        .contains("frame-ancestors 'self'")
        .doesNotContain("unsafe-inline")
        .doesNotContain("unsafe-eval");
    // Pages have no inline script at all: every <script> has a src.
    String[] scripts = result.getResponse().getContentAsString().split("<script");
    assertThat(scripts).hasSizeGreaterThan(1);
    for (int i = 1; i < scripts.length; i++) {
      assertThat(scripts[i].substring(0, scripts[i].indexOf('>'))).contains("src=");
    }
  }

  @Test
  void spanDataIsEscapedEverywhere() throws Exception {
    String page = mvc.get().uri("/trace/{id}", ID).exchange().getResponse().getContentAsString();
    assertThat(page)
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .doesNotContain(EVIL);

    String details =
        mvc.get()
            .uri("/trace/{id}/span/{span}?fragment=true", ID, "2")
            .exchange()
            .getResponse()
            .getContentAsString();
    assertThat(details)
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain(EVIL)
        .doesNotContain("<img");

    // JSON for scripts carries the text as data; scripts put it in with textContent.
    MvcTestResult json = mvc.get().uri("/trace/{id}/timeline.json", ID).exchange();
    assertThat(json).hasStatusOk().hasContentTypeCompatibleWith("application/json");
    assertThat(json).hasHeader("X-Content-Type-Options", "nosniff");
  }

  @Test
  void timelineJsonIsColumnar() {
    MvcTestResult result = mvc.get().uri("/trace/{id}/timeline.json", ID).exchange();
    assertThat(result).hasStatusOk();
    assertThat(result).bodyJson().extractingPath("$.traceId").isEqualTo(ID);
    assertThat(result)
        .bodyJson()
        .extractingPath("$.ids")
        .isEqualTo("000000000000000100000000000000020000000000000003");
    assertThat(result).bodyJson().extractingPath("$.depth").asArray().containsExactly(0, 1, 2);
    assertThat(result)
        .bodyJson()
        .extractingPath("$.services")
        .asArray()
        .containsExactly("frontend", "cart", "db");
    assertThat(result)
        .bodyJson()
        .extractingPath("$.start")
        .asArray()
        .containsExactly(0, 10000, 30000);
    assertThat(result).bodyJson().extractingPath("$.logN").asArray().containsExactly(0, 1, 0);
    assertThat(result).bodyJson().extractingPath("$.logs").asArray().containsExactly(20000);
    assertThat(result)
        .bodyJson()
        .extractingPath("$.pillSets[0]")
        .asArray()
        .containsExactly(java.util.List.of("GET", "method"), java.util.List.of("200", "status"));
    assertThat(result)
        .bodyJson()
        .extractingPath("$.flags[2]")
        .asNumber()
        .satisfies(flags -> assertThat(flags.intValue() & RowFlags.ERROR).isNotZero());
  }

  @Test
  void findAnswersMatchingRows() {
    assertThat(mvc.get().uri("/trace/{id}/find?q={q}", ID, "postgresql looked").exchange())
        .hasStatusOk()
        .bodyJson()
        .extractingPath("$.rows")
        .asArray()
        .containsExactly(1, 2);
    assertThat(mvc.get().uri("/trace/{id}/find?q=", ID).exchange())
        .bodyJson()
        .extractingPath("$.rows")
        .asArray()
        .isEmpty();
    assertThat(mvc.get().uri("/trace/{id}/find?q={q}", ID, "x".repeat(1001)).exchange())
        .hasStatus(HttpStatus.BAD_REQUEST)
        .bodyJson()
        .extractingPath("$.message")
        .asString()
        .contains("longer than 1000");
  }

  @Test
  void spanDetailsAsFragmentAndAsPage() throws Exception {
    MvcTestResult fragment =
        mvc.get().uri("/trace/{id}/span/{span}?fragment=true", ID, "2").exchange();
    assertThat(fragment).hasStatusOk();
    assertThat(fragment)
        .bodyText()
        .startsWith("<section class=\"span-details")
        .doesNotContain("<html")
        .contains("Tags (2)") // note, payload (sorted)
        .contains("&quot;items&quot; : [ 1, 2 ]") // JSON value pretty-printed
        .contains("Logs (1)")
        .contains("+20ms") // log: since the trace start
        .contains("(+10ms into the span)")
        .contains("data-us=\"1700000000020000\"") // and absolute
        .contains("CHILD_OF")
        .contains("data-focus-span=\"0000000000000001\"")
        .contains("uiFind=0000000000000002"); // deep link
    String body = fragment.getResponse().getContentAsString();
    assertThat(body.indexOf(">note<")).isLessThan(body.indexOf(">payload<"));

    MvcTestResult page = mvc.get().uri("/trace/{id}/span/{span}", ID, "2").exchange();
    assertThat(page).hasStatusOk();
    assertThat(page)
        .bodyText()
        .contains("<html")
        .contains("class=\"topnav\"")
        .contains("span-details");
  }

  @Test
  void unknownTraceIsA404PageNamingTheId() {
    MvcTestResult result = mvc.get().uri("/trace/{id}", "00000000000000ff").exchange();
    assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasContentTypeCompatibleWith("text/html");
    assertThat(result)
        .bodyText()
        .contains("00000000000000ff")
        .contains("<title>404 Not found — Sightline</title>")
        .contains("<h1>Not found</h1>")
        .doesNotContain("There is no page at this address"); // Boot's fallback text, not ours
    assertThat(mvc.get().uri("/trace/{id}/span/{s}", ID, "99").exchange())
        .hasStatus(HttpStatus.NOT_FOUND)
        .bodyText()
        .contains("has no span 0000000000000099");
  }

  @Test
  void badIdsAre400PagesWithTheMessage() {
    assertThat(mvc.get().uri("/trace/{id}", "not-a-trace!").exchange())
        .hasStatus(HttpStatus.BAD_REQUEST)
        .bodyText()
        .contains("strconv.ParseUint: parsing &quot;not-a-trace!&quot;: invalid syntax");
    assertThat(mvc.get().uri("/trace/{id}", "1".repeat(33)).exchange())
        .hasStatus(HttpStatus.BAD_REQUEST)
        .bodyText()
        .contains("TraceID cannot be longer than 32 hex characters");
    assertThat(mvc.get().uri("/trace/{id}/span/{s}", ID, "xyz").exchange())
        .hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(mvc.get().uri("/trace/{id}/timeline.json", "zz").exchange())
        .hasStatus(HttpStatus.BAD_REQUEST)
        .bodyJson()
        .extractingPath("$.status")
        .asNumber()
        .isEqualTo(400);
  }

  /** With an archive: {@code TraceArchiveButtonTest}. */
  @Test
  void withoutAnArchiveThereIsNoArchiveButtonAndTheRouteSaysWhy() {
    assertThat(mvc.get().uri("/trace/{id}?view=statistics", ID).exchange())
        .hasStatusOk()
        .bodyText()
        .doesNotContain("archive-form")
        .doesNotContain(">Archive</button>");
    MvcTestResult posted = mvc.post().uri("/trace/{id}/archive", ID).exchange();
    assertThat(posted).hasStatus(HttpStatus.NOT_FOUND);
    assertThat(posted)
        .bodyText()
        .contains("No archive storage is configured")
        .doesNotContain("Exception");
    // A forged flag says nothing either.
    assertThat(mvc.get().uri("/trace/{id}?archived=3", ID).exchange())
        .hasStatusOk()
        .bodyText()
        .doesNotContain("archived: 3");
  }

  @Test
  void storageDownIsA503PageWithoutStackTrace() {
    store.failWith(
        new StorageException(StorageException.Kind.UNAVAILABLE, "connection refused: es:9200"));
    assertStorageUnavailablePage(
        mvc.get().uri("/trace/{id}", ID).exchange(), "connection refused: es:9200");
  }

  /** The 503 page: the storage's public message, no stack trace. */
  static void assertStorageUnavailablePage(MvcTestResult result, String message) {
    assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(result)
        .bodyText()
        .contains("Trace storage unavailable")
        .contains(message)
        .doesNotContain("at io.sightline")
        .doesNotContain("Exception");
  }

  /** The same storage error gets the same status as on the API (FailureClassifier): 500. */
  @Test
  void aFailedStorageIsA500PageLikeTheApis() {
    store.failWith(
        new StorageException(StorageException.Kind.FAILED, "maxClauseCount is set to 1024"));
    MvcTestResult result = mvc.get().uri("/trace/{id}", ID).exchange();
    assertThat(result).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(result).bodyText().contains("maxClauseCount is set to 1024");
  }

  /** Server URLs, index and user names stay in the log; the page shows an ID to find them. */
  @Test
  void privateDetailsOfAStorageErrorStayInTheLog() {
    store.failWith(
        new StorageException(
            StorageException.Kind.UNAVAILABLE,
            "search jaeger-span-2026-12-07 failed talking to http://elastic@es:9200: reset",
            "the connection to the trace storage failed",
            null));
    MvcTestResult result = mvc.get().uri("/trace/{id}", ID).exchange();
    assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(result)
        .bodyText()
        .containsPattern("the connection to the trace storage failed \\(error ID [0-9a-f]{8}\\)")
        .doesNotContain("es:9200")
        .doesNotContain("jaeger-span")
        .doesNotContain("elastic");
  }

  @Test
  void nonCanonicalIdsRedirectKeepingTheQuery() {
    assertThat(mvc.get().uri("/trace/{id}?uiFind=abc", ID.toUpperCase()).exchange())
        .hasStatus3xxRedirection()
        .hasRedirectedUrl("/trace/" + ID + "?uiFind=abc");
    // base64 of the 16 bytes, URL-safe and unpadded
    String base64 =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(TraceId.parse(ID).toBytes());
    assertThat(mvc.get().uri("/trace/{id}", base64).exchange()).hasRedirectedUrl("/trace/" + ID);
  }

  @Test
  void embedModeHidesTheNavigationAndMayBeFramed() {
    MvcTestResult result =
        mvc.get().uri("/trace/{id}?uiEmbed=v0&uiTimelineHideMinimap=1&uiTheme=dark", ID).exchange();
    assertThat(result).hasStatusOk();
    assertThat(result)
        .bodyText()
        .doesNotContain("class=\"topnav\"")
        .contains("data-theme=\"dark\"")
        .contains("no-minimap")
        .contains("Open in Sightline");
    assertThat(result.getResponse().getHeader("Content-Security-Policy"))
        .endsWith("frame-ancestors *");
  }

  @Test
  void linksAndAssetsFollowTheContextPath() {
    MvcTestResult result =
        mvc.get().uri("/jaeger/trace/{id}", ID).contextPath("/jaeger").exchange();
    assertThat(result).hasStatusOk();
    assertThat(result)
        .bodyText()
        .contains("<meta name=\"sightline-base\" content=\"/jaeger/\">")
        .contains("href=\"/jaeger/css/trace.css\"")
        .contains("src=\"/jaeger/js/core/shell.js\"")
        .contains("href=\"/jaeger/trace/" + ID + "/span/0000000000000002\"")
        .contains("action=\"/jaeger/lookup\"")
        .doesNotContain("href=\"/css")
        .doesNotContain("href=\"/trace/");
  }
}
