package io.sightline.web.compare;

import static io.sightline.web.trace.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.web.search.PageTestConfig;
import io.sightline.web.search.PageTestStore;
import io.sightline.web.trace.TestTraces;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@WebMvcTest(controllers = CompareController.class)
@Import(PageTestConfig.class)
class CompareControllerTest {

  static final String EVIL = "<script>alert(1)</script>";
  static final TraceId A = TraceId.parse("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  static final TraceId B = TraceId.parse("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
  static final TraceId C = TraceId.parse("cccccccccccccccc");

  @Autowired MockMvcTester mvc;
  @Autowired PageTestStore store;

  static Trace checkout(TraceId id, int reads, String op) {
    TestTraces.SpanBuilder[] spans = new TestTraces.SpanBuilder[2 + reads];
    spans[0] = span("1").traceId(id).service("frontend").op("GET /checkout").at(0, 1_000);
    spans[1] = span("2").traceId(id).service("cart").op(op).childOf("1").at(10, 500);
    for (int i = 0; i < reads; i++) {
      spans[2 + i] =
          span("r" + i).traceId(id).service("db").op("SELECT").childOf("2").at(20 + i, 5);
    }
    return TestTraces.trace(spans);
  }

  @BeforeEach
  void fill() {
    store.reset();
    store.writeSpans(checkout(A, 2, "load").spans());
    store.writeSpans(checkout(B, 3, EVIL).spans());
    store.writeSpans(checkout(C, 1, "load").spans());
  }

  String page(String uri) throws Exception {
    return mvc.get().uri(URI.create(uri)).exchange().getResponse().getContentAsString();
  }

  @Test
  void showsBothSummariesAndTheStructuralDiff() throws Exception {
    MvcTestResult result = mvc.get().uri(URI.create("/trace/" + A + "..." + B)).exchange();
    assertThat(result).hasStatusOk();
    String html = result.getResponse().getContentAsString();
    assertThat(html)
        .contains("<title>Compare aaaaaaa … bbbbbbb — Sightline</title>")
        .contains("value=\"" + A + "\"")
        .contains("value=\"" + B + "\"")
        .contains(
            "href=\"/trace/"
                + A
                + "?start="
                + TestTraces.T0
                + "&amp;end="
                + (TestTraces.T0 + 1_000))
        .contains("href=\"/trace/" + B + "?start=" + TestTraces.T0)
        // A: frontend → cart load → db ×2; B: frontend → cart <evil> → db ×3
        .contains("2 only in B") // cart:<evil> and its db path
        .contains("2 only in A")
        .contains("0 with other counts")
        .contains("1 the same")
        .contains("class=\"diff-row is-removed")
        .contains("class=\"diff-row is-added")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain(EVIL)
        .doesNotContain("style=");
  }

  @Test
  void latencyDiffColoursAndSortsByRegression() throws Exception {
    // A: 2 db reads, C: 1 (5 µs each): the db path took 10 µs in A, 5 µs in C (-50%).
    String html = page("/trace/" + A + "..." + C);
    assertThat(html)
        .contains("data-duration-a-us=\"10\" data-duration-b-us=\"5\" data-change-us=\"-5\"")
        .contains("class=\"num latency lat-better-2\">-5µs (-50%)</td>")
        .contains("data-duration-a-us=\"1000\" data-duration-b-us=\"1000\" data-change-us=\"0\"")
        .contains("Largest regression first")
        .contains("?sort=regression");
    String sorted = page("/trace/" + A + "..." + C + "?sort=regression");
    assertThat(sorted).contains("Tree order").contains("aria-sort=\"descending\"");
    assertThat(sorted.indexOf("data-change-us=\"-5\""))
        .isGreaterThan(sorted.lastIndexOf("data-change-us=\"0\""));

    // D: 3 reads, 15 µs: slower than A; sorted, the regression leads, before the unchanged root.
    TraceId d = TraceId.parse("dddddddddddddddd");
    store.writeSpans(checkout(d, 3, "load").spans());
    String slower = page("/trace/" + A + "..." + d);
    assertThat(slower).contains("class=\"num latency lat-worse-2\">+5µs (+50%)</td>");
    assertThat(slower.indexOf("data-change-us=\"5\""))
        .isGreaterThan(slower.indexOf("data-change-us=\"0\""));
    String worstFirst = page("/trace/" + A + "..." + d + "?sort=regression");
    assertThat(worstFirst.indexOf("data-change-us=\"5\""))
        .isLessThan(worstFirst.indexOf("data-change-us=\"0\""));
  }

  @Test
  void changesOnlyHidesUnchangedSubtrees() throws Exception {
    String html = page("/trace/" + A + "..." + C + "?changed=1");
    // A and C differ only in the number of db reads (2 → 1)
    assertThat(html).contains("is-less").contains("-1 (-50%)").contains("Show all paths");
    assertThat(html.split("class=\"diff-row").length - 1).isEqualTo(3);
  }

  @Test
  void cohortsListTheSelectionWithSlotLinks() throws Exception {
    String html =
        page("/trace/" + A + "..." + B + "?cohort=" + A + "&cohort=" + B + "&cohort=" + C);
    assertThat(html)
        .contains("Selected traces")
        .contains(
            "href=\"/trace/"
                + C
                + "..."
                + B
                + "?cohort="
                + A
                + "&amp;cohort="
                + B
                + "&amp;cohort="
                + C
                + "\"")
        .contains("href=\"/trace/" + A + "..." + C + "?cohort=");
  }

  @Test
  void theFormAndTheSearchSelectionRedirectToJaegersUrl() {
    MvcTestResult typed =
        mvc.get().uri("/compare?a=" + A + "&b=" + B.toString().toUpperCase()).exchange();
    assertThat(typed.getResponse().getRedirectedUrl())
        .isEqualTo("/trace/" + A + "..." + B.toString().toUpperCase());
    MvcTestResult selection =
        mvc.get().uri("/compare?cohort=" + A + "&cohort=" + B + "&cohort=" + C).exchange();
    assertThat(selection.getResponse().getRedirectedUrl())
        .isEqualTo("/trace/" + A + "..." + B + "?cohort=" + A + "&cohort=" + B + "&cohort=" + C);
    // upper-case (or short) IDs move to the canonical ones
    MvcTestResult upper =
        mvc.get().uri("/trace/" + A.toString().toUpperCase() + "..." + B + "?x=1").exchange();
    assertThat(upper.getResponse().getRedirectedUrl())
        .isEqualTo("/trace/" + A + "..." + B + "?x=1");
  }

  @Test
  void missingAndInvalidIdsAreSaidPlainly() throws Exception {
    MvcTestResult invalid = mvc.get().uri("/trace/nothex..." + B).exchange();
    assertThat(invalid).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(invalid.getResponse().getContentAsString())
        // not hex, but base64 of 4 bytes: Jaeger v2.20's answer for such an ID
        .contains("invalid length for TraceID")
        .contains("value=\"nothex\"");
    String missing = page("/trace/" + A + "...0000000000000def");
    assertThat(missing)
        .contains("Trace 0000000000000def was not found")
        .doesNotContain("diff-table");
    String empty = page("/trace/...");
    assertThat(empty).contains("Enter a trace ID above");
  }

  @Test
  void theTracePageMappingLeavesComparisonsAlone() {
    // the trace page's pattern excludes "...": this controller alone answers
    assertThat(mvc.get().uri("/trace/" + A + "..." + B).exchange()).hasStatusOk();
  }
}
