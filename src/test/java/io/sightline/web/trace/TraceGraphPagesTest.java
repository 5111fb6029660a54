package io.sightline.web.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The flamegraph and trace graph views, their data and their table form (what a browser without
 * JavaScript gets). The shop trace is a chain of three paths: frontend [0, 1 s] → cart [10, 210 ms]
 * → db [30, 130 ms] (failed); self times 800, 100 and 100 ms, flamegraph widths 1 s, 200 and 100
 * ms.
 */
@WebMvcTest(controllers = TracePageController.class)
@Import(TracePageControllerTest.Store.class)
class TraceGraphPagesTest extends ShopTracePageTest {

  @Test
  void flamegraphShipsItsFramesAsColumns() throws Exception {
    page("?view=flamegraph");
    MvcTestResult json = mvc.get().uri("/trace/" + ID + "/flame.json").exchange();
    assertThat(json).hasStatusOk();
    assertThat(json)
        .bodyText()
        .contains("\"total\":1000000")
        .contains("\"depth\":[0,1,2]")
        .contains("\"x\":[0,0,0]")
        .contains("\"w\":[1000000,200000,100000]")
        .contains("\"self\":[800000,100000,100000]")
        .contains("\"n\":[1,1,1]")
        .contains("\"err\":[0,0,1]")
        .contains("\"services\":[\"frontend\",\"cart\",\"db\"]");
  }

  @Test
  void flamegraphWithoutJavaScriptIsAnIndentedTable() throws Exception {
    String html = page("?view=flamegraph");
    assertThat(html)
        .contains("aria-current=\"page\" data-view=\"flamegraph\"")
        .contains("/js/trace/flame.js")
        .contains("data-flame hidden")
        .contains(
            "data-node=\"0\" data-depth=\"0\" data-service=\"frontend\""
                + " data-operation=\"GET /checkout\" data-count=\"1\" data-errors=\"0\""
                + " data-total-us=\"1000000\" data-self-us=\"800000\" data-weight-us=\"1000000\"")
        .contains("data-node=\"2\" data-depth=\"2\" data-service=\"db\"")
        .contains("data-self-us=\"100000\" data-weight-us=\"100000\"")
        .contains("<span class=\"indent\">    </span>") // depth 2
        .contains("<td class=\"num\">20%</td>") // cart: 200 ms of 1 s
        .contains("Paths 1–3 of 3")
        // Span text is escaped.
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .doesNotContain(TracePageControllerTest.EVIL)
        .doesNotContain("style=");
  }

  @Test
  void flamegraphZoomsIntoASubtreeWithoutJavaScript() throws Exception {
    String html = page("?view=flamegraph&node=1");
    assertThat(html)
        .contains("Zoomed into")
        .contains("data-zoom=\"1\"")
        .contains("Paths 1–2 of 2")
        .contains("data-node=\"1\"")
        .contains("data-node=\"2\"")
        .doesNotContain("data-node=\"0\"")
        .contains("<td class=\"num\">50%</td>"); // db: 100 ms of cart's 200 ms
    assertThat(mvc.get().uri("/trace/" + ID + "?view=flamegraph&node=x").exchange())
        .hasStatus(HttpStatus.BAD_REQUEST)
        .bodyText()
        .contains("not a number (0 or more): x");
  }

  @Test
  void findMarksPathsOnTheServerAndInTheTable() throws Exception {
    MvcTestResult json = mvc.get().uri("/trace/" + ID + "/find?q=postgresql&by=path").exchange();
    assertThat(json).hasStatusOk().bodyText().contains("\"rows\":[2]");
    assertThat(mvc.get().uri("/trace/" + ID + "/find?q=x&by=span").exchange())
        .hasStatus(HttpStatus.BAD_REQUEST);
    String html = page("?view=flamegraph&uiFind=postgresql");
    assertThat(html)
        .contains("1 path matches")
        .contains("data-weight-us=\"100000\" class=\"is-match is-error\">")
        .doesNotContain("data-weight-us=\"1000000\" class=\"is-match");
  }

  @Test
  void graphDrawsOneNodePerPathColouredBySelfTime() throws Exception {
    String html = page("?view=graph");
    assertThat(html)
        .contains("aria-current=\"page\" data-view=\"graph\"")
        .contains("/js/trace/graph.js")
        // frontend has the most self time (800 ms): the hottest step; cart and db 100 ms.
        .containsPattern("class=\"node svc-0 heat-4\"\\s+data-node=\"0\" data-service=\"frontend\"")
        .containsPattern("class=\"node svc-1 heat-0\"\\s+data-node=\"1\" data-service=\"cart\"")
        .containsPattern(
            "class=\"node svc-2 heat-0 has-errors\"\\s+data-node=\"2\" data-service=\"db\"")
        .contains("1× · self 800ms (80%)")
        .contains("1× · self 100ms (10%) · 1 err")
        // Click a node: its spans.
        .contains("href=\"/trace/" + ID + "?view=spans&amp;path=2\"")
        .contains("<text class=\"edge-label\"")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .doesNotContain(TracePageControllerTest.EVIL)
        .doesNotContain("style=");
    assertThat(html.split("class=\"edge\"", -1)).hasSize(3); // two edges
    assertThat(html).doesNotContain("heaviest of");
  }

  @Test
  void spansOfOnePath() throws Exception {
    String html = page("?view=spans&path=2");
    assertThat(html)
        .contains("1–1 of 1 spans")
        .contains("data-span-id=\"0000000000000003\"")
        .doesNotContain("data-span-id=\"0000000000000001\"")
        .contains("Spans on the path ending in <strong>db: SELECT</strong>")
        .contains("name=\"path\" value=\"2\"");
    assertThat(page("?view=spans&path=2&uiFind=frontend")).contains("0–0 of 0 spans");
    assertThat(page("?view=spans&path=99")).contains("0–0 of 0 spans");
  }
}
