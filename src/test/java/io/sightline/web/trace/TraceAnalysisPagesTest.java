package io.sightline.web.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The trace page's statistics, spans and events views as plain HTML (what a browser without
 * JavaScript gets). The shop trace: 1 frontend [0, 1 s], 2 cart [10, 210 ms] under 1, 3 db [30, 130
 * ms] under 2 (an error): self times 800 ms, 100 ms, 100 ms.
 */
@WebMvcTest(controllers = TracePageController.class)
@Import(TracePageControllerTest.Store.class)
class TraceAnalysisPagesTest extends ShopTracePageTest {

  @Test
  void statisticsRowsCarryTheirFigures() throws Exception {
    String html = page("?view=statistics");
    assertThat(html)
        .contains(
            "data-service=\"frontend\" data-count=\"1\" data-total-us=\"1000000\""
                + " data-self-us=\"800000\" data-errors=\"0\"")
        .contains(
            "data-service=\"frontend\" data-operation=\"GET /checkout\" data-count=\"1\""
                + " data-total-us=\"1000000\" data-self-us=\"800000\" data-errors=\"0\"")
        .contains("data-service=\"db\" data-count=\"1\" data-total-us=\"100000\"")
        .contains("data-self-us=\"100000\" data-errors=\"1\"")
        .contains("80.0%")
        .contains("aria-current=\"page\" data-view=\"statistics\"")
        // Span text is escaped here too.
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .doesNotContain(TracePageControllerTest.EVIL)
        .doesNotContain("style=");
    // Sorted by self time, descending: frontend (800 ms) first.
    assertThat(html.indexOf("data-service=\"frontend\""))
        .isLessThan(html.indexOf("data-service=\"cart\""));
    String ascending = page("?view=statistics&sort=self&dir=asc");
    assertThat(ascending.indexOf("data-service=\"frontend\""))
        .isGreaterThan(ascending.indexOf("data-service=\"cart\""));
  }

  @Test
  void statisticsGroupByATag() throws Exception {
    String html = page("?view=statistics&groupBy=tag.db.system");
    assertThat(html)
        .contains("data-service=\"db\" data-value=\"postgresql\" data-count=\"1\"")
        .contains("data-service=\"frontend\" data-value=\"(without value)\"")
        .doesNotContain("data-operation=")
        .contains("value=\"tag.db.system\" selected"); // the key picker shows the choice
  }

  @Test
  void spansTableSortsAndFilters() throws Exception {
    String html = page("?view=spans&sort=self&dir=desc");
    assertThat(html).contains("1–3 of 3 spans");
    int root = html.indexOf("data-span-id=\"0000000000000001\"");
    int db = html.indexOf("data-span-id=\"0000000000000003\"");
    assertThat(root).isPositive().isLessThan(db);
    assertThat(html)
        .contains(
            "data-span-id=\"0000000000000003\" data-start-us=\"30000\""
                + " data-duration-us=\"100000\" data-self-us=\"100000\"")
        .contains("href=\"/trace/" + ID + "/span/0000000000000003\"");
    String filtered = page("?view=spans&uiFind=postgresql");
    assertThat(filtered)
        .contains("1–1 of 1 spans")
        .contains("data-span-id=\"0000000000000003\"")
        .doesNotContain("data-span-id=\"0000000000000001\"");
    // The switcher keeps the find text.
    assertThat(filtered).contains("/trace/" + ID + "?view=events&amp;uiFind=postgresql");
  }

  @Test
  void spansTableFiltersByServiceAndOperationWithoutJavaScript() throws Exception {
    String html = page("?view=spans&service=db");
    assertThat(html)
        .contains("1–1 of 1 spans")
        .contains("data-span-id=\"0000000000000003\"")
        .doesNotContain("data-span-id=\"0000000000000001\"")
        .contains("<option value=\"db\" selected=\"selected\">db</option>")
        // The sort links keep the filter; the note says how the table is paged without script.
        .contains("service=db")
        .contains("100 spans a page");
    String byOperation = page("?view=spans&operation=GET /checkout");
    assertThat(byOperation)
        .contains("1–1 of 1 spans")
        .contains("data-span-id=\"0000000000000001\"");
    assertThat(page("?view=spans&service=db&operation=GET /checkout")).contains("of 0 spans");
  }

  @Test
  void spansJsonCarriesSelfTimeAndStatusPerRow() throws Exception {
    MvcTestResult result = mvc.get().uri("/trace/" + ID + "/spans.json").exchange();
    assertThat(result).hasStatusOk();
    // Rows in depth-first order: frontend, cart, db (the failed one).
    assertThat(result)
        .bodyText()
        .contains("\"self\":[800000,100000,100000]")
        .contains("\"statuses\":[\"\",\"ERROR\"]")
        .contains("\"status\":[0,0,1]")
        .contains("\"pathRows\":null");
    MvcTestResult path = mvc.get().uri("/trace/" + ID + "/spans.json?path=2").exchange();
    assertThat(path).bodyText().contains("\"pathRows\":[2]");
    MvcTestResult bad = mvc.get().uri("/trace/" + ID + "/spans.json?path=x").exchange();
    assertThat(bad).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(bad).bodyText().contains("path").doesNotContain("Exception");
  }

  @Test
  void eventsListTheLogsWithTheirSpan() throws Exception {
    String html = page("?view=events");
    assertThat(html)
        .contains("1–1 of 1 events")
        .contains("data-span-id=\"0000000000000002\" data-offset-us=\"20000\"")
        .contains("<span class=\"k\">event</span>=<span class=\"v\">looked up</span>");
    assertThat(page("?view=events&uiFind=nothing-like-this")).contains("of 0 events");
  }

  @Test
  void badViewParametersAre400sNamingTheParameter() {
    MvcTestResult view = mvc.get().uri("/trace/" + ID + "?view=pie").exchange();
    assertThat(view).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(view).bodyText().contains("view").doesNotContain("Exception");
    MvcTestResult page = mvc.get().uri("/trace/" + ID + "?view=spans&page=x").exchange();
    assertThat(page).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(page).bodyText().contains("page");
  }
}
