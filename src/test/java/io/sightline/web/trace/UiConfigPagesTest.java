package io.sightline.web.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.web.UiConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code QUERY_UI_CONFIG} on the pages: its menu in the top navigation, its tag link patterns in
 * span details; escaped, substituted values percent-encoded.
 */
@WebMvcTest(controllers = TracePageController.class)
@Import({TracePageControllerTest.Store.class, UiConfigPagesTest.Menu.class})
class UiConfigPagesTest extends ShopTracePageTest {

  @TestConfiguration
  static class Menu {
    @Bean
    UiConfig uiConfig() {
      return UiConfig.parse(
          """
          {"menu": [
            {"label": "<b>Runbook</b>", "url": "https://wiki/run?a=1&b=\\"x\\""},
            {"label": "About", "items": [{"label": "Docs", "url": "/docs"}]}
          ],
          "linkPatterns": [
            {"type": "tags", "key": "note", "url": "https://logs/q?v=#{note}&t=#{trace.traceID}",
             "text": "Logs for #{note}"},
            {"type": "tags", "key": "payload", "url": "/x/#{no.such.tag}"},
            {"type": "logs", "key": "hits", "url": "/hits?n=#{hits | add 1}&span=#{spanID}",
             "text": "#{hits} hits"},
            {"type": "events", "key": "event", "value": ["looked up", "other"],
             "url": "/ev/#{event}?m=#{http.method}", "text": "Event log"},
            {"type": "logs", "key": "event", "url": "/ev2/#{trace.traceID | pad_start 34 x}",
             "text": "Trace log"},
            {"type": "logs", "key": "event", "value": "no match", "url": "/never"},
            {"type": "logs", "key": "event", "url": "/child/#{db.system}"},
            {"type": "process", "key": "hostname", "url": "/host/#{http.method}"},
            {"type": "traces",
             "url": "https://kibana/app?trace=#{traceID}&from=#{startTime | epoch_micros_to_date_iso}&to=#{endTime}",
             "text": "Logs of #{traceName} <b>"},
            {"type": "traces", "url": "/dur/#{duration}"}
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

  @Test
  void tagLinkPatternsLinkBesideTheirTagsWithEncodedValues() throws Exception {
    String details = page("/span/0000000000000002?fragment=true");
    assertThat(details)
        .contains(
            "<a class=\"kv-link\" href=\"https://logs/q?v=%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E"
                + "&amp;t="
                + ID
                + "\" target=\"_blank\" rel=\"noopener noreferrer\">"
                + "Logs for &lt;img src=x onerror=alert(1)&gt;</a>")
        .doesNotContain("<img src=x")
        .doesNotContain("/x/"); // a placeholder the span cannot fill: no link
    // the note's link, the log's "hits" link, and the event's two links (a menu)
    assertThat(details.split("class=\"kv-link\"")).hasSize(5);
  }

  @Test
  void logLinkPatternsLinkLogFieldsWithSpanAncestorAndTraceValues() throws Exception {
    String details = page("/span/0000000000000002?fragment=true");
    assertThat(details)
        // the field's own list, then the span's own values (spanID), formatted (add)
        .contains("href=\"/hits?n=4&amp;span=0000000000000002\"")
        .contains(">3 hits</a>")
        // value matching, a tag of the parent span (http.method), several links: a menu
        .contains("<summary>2 links</summary>")
        .contains("href=\"/ev/looked%20up?m=GET\"")
        .contains("href=\"/ev2/xx" + ID + "\"")
        .doesNotContain("/never") // the value does not match
        .doesNotContain("/child/") // a child's tag is not an ancestor's
        .doesNotContain("/host/"); // process tags look no further than the process
  }

  @Test
  void theEventsViewLinksItsFieldsAsTheSpanDetailsDo() throws Exception {
    String events = page("?view=events");
    assertThat(events)
        .contains("href=\"/hits?n=4&amp;span=0000000000000002\"")
        .contains("href=\"/ev/looked%20up?m=GET\"")
        .contains("<summary>2 links</summary>");
  }

  @Test
  void traceLinkPatternsAreInTheHeaderOfEveryView() throws Exception {
    // TestTraces.T0, 1,700,000,000 s after the epoch: 2023-11-14T22:13:20Z; the trace lasts 1 s
    String href =
        "href=\"https://kibana/app?trace="
            + ID
            + "&amp;from=2023-11-14T22%3A13%3A20.000Z&amp;to="
            + (TestTraces.T0 + 1_000_000)
            + "\"";
    for (String view : TracePageController.VIEWS) {
      String html = page("?view=" + view);
      assertThat(html)
          .as(view)
          .contains("<a class=\"trace-ext-link\" " + href)
          .contains(">Logs of frontend: GET /checkout &lt;b&gt;</a>")
          .contains("<a class=\"trace-ext-link\" href=\"/dur/1000000\"")
          .doesNotContain("/checkout <b>");
    }
  }
}
