package io.sightline.web.compare;

import static io.sightline.web.trace.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.web.trace.TestTraces;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceDiffTest {

  static final TraceId B = TraceId.parse("bbbb");

  /** frontend GET / → cart (via client/server pair) → db ×reads; frontend render (leaf). */
  static Trace checkout(TraceId id, int reads, boolean render) {
    List<TestTraces.SpanBuilder> spans = new ArrayList<>();
    spans.add(
        span("1")
            .traceId(id)
            .service("frontend")
            .op("GET /")
            .at(0, 100)
            .tag("span.kind", "server"));
    spans.add(
        span("2")
            .traceId(id)
            .service("frontend")
            .op("HTTP GET cart")
            .childOf("1")
            .at(1, 50)
            .tag("span.kind", "client"));
    spans.add(
        span("3")
            .traceId(id)
            .service("cart")
            .op("GET /cart")
            .childOf("2")
            .at(2, 40)
            .tag("span.kind", "server"));
    for (int i = 0; i < reads; i++) {
      spans.add(
          span("r" + i)
              .traceId(id)
              .service("db")
              .op("SELECT")
              .childOf("3")
              .at(3 + i, 1)
              .tag("span.kind", "client"));
    }
    if (render) {
      spans.add(span("4").traceId(id).service("frontend").op("render").childOf("1").at(60, 10));
    }
    return TestTraces.trace(spans.toArray(new TestTraces.SpanBuilder[0]));
  }

  static List<String> rows(TraceDiff.Result r) {
    return r.nodes().stream()
        .map(
            n ->
                "  ".repeat(n.depth())
                    + n.service()
                    + ":"
                    + n.operation()
                    + " "
                    + n.a()
                    + "/"
                    + n.b()
                    + " "
                    + n.change().css())
        .toList();
  }

  @Test
  void sameStructureIsIdentical() {
    TraceDiff.Result r =
        TraceDiff.diff(checkout(TestTraces.TRACE_ID, 2, true), checkout(B, 2, true));
    assertThat(r.identical()).isTrue();
    // the client span to cart is skipped: cart's server span hangs under frontend directly
    assertThat(rows(r))
        .containsExactly(
            "frontend:GET / 1/1 same",
            "  cart:GET /cart 1/1 same",
            "    db:SELECT 2/2 same",
            "  frontend:render 1/1 same");
    assertThat(r.same()).isEqualTo(4);
  }

  @Test
  void countsChangesAddedAndRemovedPaths() {
    TraceDiff.Result r =
        TraceDiff.diff(checkout(TestTraces.TRACE_ID, 2, true), checkout(B, 5, false));
    assertThat(rows(r))
        .containsExactly(
            "frontend:GET / 1/1 same",
            "  cart:GET /cart 1/1 same",
            "    db:SELECT 2/5 more",
            "  frontend:render 1/0 removed");
    assertThat(r.changed()).isEqualTo(1);
    assertThat(r.removed()).isEqualTo(1);
    assertThat(r.added()).isZero();
    TraceDiff.Node select = r.nodes().get(2);
    assertThat(select.delta()).isEqualTo("+3");
    assertThat(select.percent()).isEqualTo("+150%");
    assertThat(r.nodes().get(3).percent()).isEmpty();
    assertThat(r.nodes().get(3).delta()).isEqualTo("-1");
    // the root's subtree changed, so it stays in a "changes only" view
    assertThat(r.nodes().get(0).changedBelow()).isTrue();

    TraceDiff.Result back =
        TraceDiff.diff(checkout(B, 5, false), checkout(TestTraces.TRACE_ID, 2, true));
    assertThat(rows(back)).contains("    db:SELECT 5/2 less", "  frontend:render 0/1 added");
  }

  @Test
  void leavesAndInnerNodesWithTheSamePathAreApart() {
    // A: db SELECT is a leaf; B: the same span has a child, so it is another node (as Jaeger UI)
    Trace a =
        TestTraces.trace(
            span("1").service("s").op("root").at(0, 10),
            span("2").service("db").op("q").childOf("1").at(1, 1));
    Trace b =
        TestTraces.trace(
            span("1").traceId(B).service("s").op("root").at(0, 10),
            span("2").traceId(B).service("db").op("q").childOf("1").at(1, 1),
            span("3").traceId(B).service("db").op("io").childOf("2").at(1, 1));
    assertThat(rows(TraceDiff.diff(a, b)))
        .containsExactly(
            "s:root 1/1 same", "  db:q 1/0 removed", "  db:q 0/1 added", "    db:io 0/1 added");
  }

  @Test
  void missingTracesCycleAndOrphansAreHandled() {
    Trace cyclic =
        TestTraces.trace(
            span("a").service("s").op("x").childOf("b").at(0, 1),
            span("b").service("s").op("y").childOf("a").at(1, 1),
            span("c").service("s").op("orphan").childOf("gone").at(2, 1));
    TraceDiff.Result r = TraceDiff.diff(cyclic, null);
    assertThat(r.nodes()).extracting(TraceDiff.Node::a).containsOnly(1);
    assertThat(r.nodes()).extracting(TraceDiff.Node::change).containsOnly(Change.REMOVED);
    assertThat(r.nodes()).hasSize(3);
  }

  @Test
  void deepChainsNeitherOverflowNorBlowUp() {
    List<Span> spans = new ArrayList<>();
    int depth = 50_000;
    for (int i = 0; i < depth; i++) {
      TestTraces.SpanBuilder s = span(Integer.toHexString(i + 1)).service("s").op("op").at(i, 1);
      if (i > 0) {
        s.childOf(Integer.toHexString(i));
      }
      spans.add(s.build());
    }
    Trace deep = Trace.of(spans);
    TraceDiff.Result r = TraceDiff.diff(deep, deep);
    assertThat(r.nodes()).hasSize(depth);
    assertThat(r.identical()).isTrue();
    assertThat(r.nodes().get(depth - 1).depth()).isEqualTo(depth - 1);
  }

  @Test
  void changeOfCounts() {
    assertThat(Change.of(1, 1)).isEqualTo(Change.SAME);
    assertThat(Change.of(0, 2)).isEqualTo(Change.ADDED);
    assertThat(Change.of(2, 0)).isEqualTo(Change.REMOVED);
    assertThat(Change.of(1, 2)).isEqualTo(Change.MORE);
    assertThat(Change.of(2, 1)).isEqualTo(Change.LESS);
  }

  @Test
  void latencyDiffOfMatchedPathsSortedByLargestRegression() {
    TraceId a = TraceId.parse("aaaa");
    Trace traceA =
        TestTraces.trace(
            span("1").traceId(a).service("api").op("GET").at(0, 100),
            span("2").traceId(a).service("db").op("q").childOf("1").at(10, 40),
            span("3").traceId(a).service("cache").op("get").childOf("1").at(50, 10));
    Trace traceB =
        TestTraces.trace(
            span("1").traceId(B).service("api").op("GET").at(0, 95),
            span("2").traceId(B).service("db").op("q").childOf("1").at(10, 15),
            span("3").traceId(B).service("cache").op("get").childOf("1").at(30, 30),
            span("4").traceId(B).service("log").op("write").childOf("1").at(90, 2));
    List<TraceDiff.Node> nodes = TraceDiff.diff(traceA, traceB).nodes();
    assertThat(nodes)
        .extracting(
            TraceDiff.Node::service,
            TraceDiff.Node::durationA,
            TraceDiff.Node::durationB,
            TraceDiff.Node::latencyDelta,
            TraceDiff.Node::latencyPercent,
            TraceDiff.Node::latencyClass)
        .containsExactly(
            tuple("api", 100L, 95L, "-5µs", "-5%", ""),
            tuple("db", 40L, 15L, "-25µs", "-62%", "lat-better-2"), // -62.5 rounds up
            tuple("cache", 10L, 30L, "+20µs", "+200%", "lat-worse-2"),
            tuple("log", 0L, 2L, "", "", "")); // only in B: no time to compare
    assertThat(TraceDiff.byRegression(nodes))
        .extracting(TraceDiff.Node::service)
        .containsExactly("cache", "api", "db", "log");
  }
}
