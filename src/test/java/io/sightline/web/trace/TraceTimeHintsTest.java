package io.sightline.web.trace;

import static io.sightline.web.trace.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The trace page passes its link's time ({@code start}/{@code end}, µs) to the fetch, so a trace
 * that storage finds only with a time hint (Elasticsearch, older than {@code ES_MAX_SPAN_AGE})
 * opens, and the page's own later requests find it again.
 */
@WebMvcTest(controllers = TracePageController.class)
@Import(TracePageControllerTest.Store.class)
class TraceTimeHintsTest {

  /** An ID of its own: the page remembers where traces lie, across the tests of one context. */
  static final TraceId OLD = TraceId.parse("01d" + "0".repeat(27) + "ff");

  static final long START = TestTraces.T0;
  static final long END = TestTraces.T0 + 50_000;

  @Autowired MockMvcTester mvc;
  @Autowired TestSpanReader store;

  @BeforeEach
  void fill() {
    store.clear();
    store.put(
        TestTraces.trace(
            span("1").traceId(OLD).service("batch").op("nightly").at(0, 50_000),
            span("2").traceId(OLD).service("db").op("q").childOf("1").at(10_000, 5_000)));
    store.onlyWithTimeHints();
  }

  @Test
  void aLinkWithTheTracesTimeOpensAnOldTraceAndKeepsItsTime() throws Exception {
    // Without the hint storage does not find it: what search results used to link to.
    assertThat(mvc.get().uri("/trace/" + OLD + "?view=statistics").exchange())
        .hasStatus(HttpStatus.NOT_FOUND);

    MvcTestResult page =
        mvc.get().uri("/trace/" + OLD + "?start=" + START + "&end=" + END).exchange();
    assertThat(page).hasStatusOk();
    TraceLookup lookup = store.lookups.get(store.lookups.size() - 1);
    assertThat(lookup.start()).isEqualTo(Instant.EPOCH.plusNanos(START * 1_000));
    assertThat(lookup.end()).isEqualTo(Instant.EPOCH.plusNanos(END * 1_000));
    // The view switcher keeps the time.
    assertThat(page)
        .bodyText()
        .contains(
            "href=\"/trace/" + OLD + "?view=flamegraph&amp;start=" + START + "&amp;end=" + END);

    // Later requests without the hint (the page's scripts, details, a reload of another view)
    // fetch with the window the page remembered.
    assertThat(mvc.get().uri("/trace/" + OLD + "?view=graph").exchange()).hasStatusOk();
    TraceLookup again = store.lookups.get(store.lookups.size() - 1);
    assertThat(again.start()).isEqualTo(Instant.EPOCH.plusNanos(START * 1_000));
    assertThat(again.end()).isEqualTo(Instant.EPOCH.plusNanos(END * 1_000));
  }

  @Test
  void malformedTimesAre400sNamingTheParameter() {
    assertThat(mvc.get().uri("/trace/" + OLD + "?start=yesterday").exchange())
        .hasStatus(HttpStatus.BAD_REQUEST)
        .bodyText()
        .contains("start");
  }
}
