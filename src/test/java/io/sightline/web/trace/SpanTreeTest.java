package io.sightline.web.trace;

import static io.sightline.web.trace.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanTreeTest {

  /** The span IDs in row order, each prefixed by its depth in dots: ".b" is at depth 1. */
  private static List<String> layout(Trace trace) {
    SpanTree tree = SpanTree.build(trace.spans());
    List<String> rows = new ArrayList<>();
    for (int r = 0; r < tree.size(); r++) {
      Span s = trace.spans().get(tree.spanIndex(r));
      rows.add(".".repeat(tree.depth(r)) + s.operationName());
    }
    return rows;
  }

  @Test
  void ordersChildrenByStartTimeDepthFirst() {
    Trace trace =
        TestTraces.trace(
            span("b").childOf("a").at(50, 10),
            span("a").at(0, 100),
            span("c").childOf("a").at(10, 10),
            span("d").childOf("c").at(12, 2),
            span("e").childOf("b").at(51, 2));
    assertThat(layout(trace)).containsExactly("a", ".c", "..d", ".b", "..e");

    SpanTree tree = SpanTree.build(trace.spans());
    assertThat(tree.subtreeEnd(0)).isEqualTo(5);
    assertThat(tree.subtreeEnd(1)).isEqualTo(3); // c, d
    assertThat(tree.subtreeEnd(2)).isEqualTo(3); // d is a leaf
    assertThat(tree.parentRow(2)).isEqualTo(1);
    assertThat(tree.parentRow(0)).isEqualTo(-1);
    assertThat(tree.hasChildren(1)).isTrue();
    assertThat(tree.hasChildren(2)).isFalse();
    assertThat(tree.maxDepth()).isEqualTo(2);
    assertThat(tree.rowOfSpan(0)).isEqualTo(3); // "b" is first in the list, fourth row
  }

  @Test
  void equalStartTimesKeepListOrder() {
    Trace trace =
        TestTraces.trace(
            span("a").at(0, 100),
            span("c").childOf("a").at(10, 10),
            span("b").childOf("a").at(10, 10));
    assertThat(layout(trace)).containsExactly("a", ".c", ".b");
  }

  @Test
  void orphansAndSeveralRootsAreRootsInStartOrder() {
    Trace trace =
        TestTraces.trace(
            span("b").childOf("ff").at(5, 10), // parent missing
            span("a").at(0, 100),
            span("c").at(2, 1), // a second root
            span("d").childOf("b").at(6, 1));
    assertThat(layout(trace)).containsExactly("a", "c", "b", ".d");
    SpanTree tree = SpanTree.build(trace.spans());
    assertThat(tree.flags(2) & SpanTree.ORPHAN).isNotZero();
    assertThat(tree.flags(1) & SpanTree.ORPHAN).isZero(); // c has no reference at all
    assertThat(tree.flags(3) & SpanTree.ORPHAN).isZero();
  }

  @Test
  void prefersChildOfOverAnEarlierFollowsFromAndIgnoresOtherTraces() {
    TraceId other = TraceId.parse("1234");
    Trace trace =
        TestTraces.trace(
            span("a").at(0, 100),
            span("b").at(1, 50),
            span("c")
                .ref(SpanReference.childOf(other, SpanId.parse("b"))) // another trace: a link
                .followsFrom("b")
                .childOf("a")
                .at(2, 1),
            span("d").followsFrom("b").at(3, 1));
    assertThat(layout(trace)).containsExactly("a", ".c", "b", ".d");
    SpanTree tree = SpanTree.build(trace.spans());
    assertThat(tree.flags(1) & SpanTree.FOLLOWS_FROM).isZero();
    assertThat(tree.flags(3) & SpanTree.FOLLOWS_FROM).isNotZero();
  }

  @Test
  void referenceCyclesAreCutNotFollowedForever() {
    Trace trace =
        TestTraces.trace(
            span("a").childOf("c").at(0, 10),
            span("b").childOf("a").at(1, 10),
            span("c").childOf("b").at(2, 10),
            span("d").childOf("b").at(3, 1), // hangs off the cycle
            span("e").at(50, 1)); // an ordinary root
    List<String> rows = layout(trace);
    assertThat(rows).hasSize(5).startsWith("e");
    // The cycle is cut at its earliest-starting span reached first, which becomes a root.
    assertThat(rows).containsExactly("e", "a", ".b", "..c", "..d");
    SpanTree tree = SpanTree.build(trace.spans());
    assertThat(tree.flags(1) & SpanTree.CYCLE_CUT).isNotZero();
    assertThat(tree.subtreeEnd(1)).isEqualTo(5);
  }

  @Test
  void selfReferenceIsARoot() {
    Trace trace = TestTraces.trace(span("a").childOf("a").at(0, 10), span("b").childOf("a"));
    assertThat(layout(trace)).containsExactly("a", ".b");
    assertThat(SpanTree.build(trace.spans()).flags(0) & SpanTree.CYCLE_CUT).isNotZero();
  }

  @Test
  void duplicateIdsEachGetARowAndChildrenAttachToTheFirst() {
    Trace trace =
        TestTraces.trace(
            span("a").op("first").at(0, 100),
            span("a").op("second").at(5, 10),
            span("b").childOf("a").at(10, 1));
    assertThat(layout(trace)).containsExactly("first", ".b", "second");
    SpanTree tree = SpanTree.build(trace.spans());
    assertThat(tree.flags(2) & SpanTree.DUPLICATE_ID).isNotZero();
    assertThat(tree.flags(0) & SpanTree.DUPLICATE_ID).isZero();
  }

  @Test
  void aChainDeeperThanAnyStackIsLaidOut() {
    int depth = 200_000;
    List<Span> spans = new ArrayList<>(depth);
    for (int i = 0; i < depth; i++) {
      var b = span(Long.toHexString(i + 1)).at(i, depth - i);
      if (i > 0) {
        b.childOf(Long.toHexString(i));
      }
      spans.add(b.build());
    }
    SpanTree tree = SpanTree.build(spans);
    assertThat(tree.maxDepth()).isEqualTo(depth - 1);
    assertThat(tree.subtreeEnd(0)).isEqualTo(depth);
    assertThat(tree.depth(depth - 1)).isEqualTo(depth - 1);
  }

  @Test
  void emptyTraceHasNoRows() {
    assertThat(SpanTree.build(List.of()).size()).isZero();
  }
}
