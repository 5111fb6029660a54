package io.sightline.web.trace;

import static io.sightline.web.trace.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Critical-path cases. The first ones are Jaeger UI's own test cases ({@code
 * CriticalPath/testCases}, times in µs since trace start there too), so the sections must come out
 * as Jaeger lists them.
 */
class CriticalPathTest {

  /** Sections as "operation [start,end)" in row order, with times relative to the trace start. */
  private static List<String> sections(Trace trace) {
    TraceView view = TraceViewAssembler.assemble(trace);
    CriticalPath.Sections cp = view.criticalPath;
    // Report times relative to the first span's start as written in the test (offset 0 = T0).
    long shift = view.traceStart - TestTraces.T0;
    List<String> out = new ArrayList<>();
    for (int i = 0; i < cp.size(); i++) {
      out.add(
          view.operationName(cp.rows()[i])
              + " ["
              + (cp.starts()[i] + shift)
              + ","
              + (cp.ends()[i] + shift)
              + ")");
    }
    return out;
  }

  @Test
  void jaegerTest1TwoSequentialChildren() {
    // C [1,101) with D [20,40) and E [50,60).
    Trace trace =
        TestTraces.trace(
            span("e").op("E").childOf("c").at(50, 10),
            span("c").op("C").at(1, 100),
            span("d").op("D").childOf("c").at(20, 20));
    assertThat(sections(trace))
        .containsExactly("C [1,20)", "C [40,50)", "C [60,101)", "D [20,40)", "E [50,60)");
  }

  @Test
  void jaegerTest2OverlappingChildrenOnlyTheLastFinishingCounts() {
    // X [1,101) with A [10,50) and C [20,60): A ends after C starts, so A is not on the path.
    Trace trace =
        TestTraces.trace(
            span("x").op("X").at(1, 100),
            span("a").op("A").childOf("x").at(10, 40),
            span("c").op("C").childOf("x").at(20, 40));
    assertThat(sections(trace)).containsExactly("X [1,20)", "X [60,101)", "C [20,60)");
  }

  @Test
  void followsFromChildrenDoNotBlockTheirParent() {
    Trace trace =
        TestTraces.trace(
            span("a").op("A").at(1, 30),
            span("b").op("B").followsFrom("a").at(10, 10),
            span("c").op("C").childOf("b").at(11, 5));
    assertThat(sections(trace)).containsExactly("A [1,31)");
  }

  @Test
  void childrenOverflowingTheirParentAreClampedOrDropped() {
    Trace trace =
        TestTraces.trace(
            span("p").op("P").at(0, 100),
            span("late").op("Late").childOf("p").at(80, 50), // ends after P: truncated to 100
            span("early").op("Early").childOf("p").at(-10, 30), // starts before P: from 0
            span("after").op("After").childOf("p").at(150, 10)); // wholly outside: dropped
    assertThat(sections(trace)).containsExactly("P [20,80)", "Early [0,20)", "Late [80,100)");
  }

  @Test
  void descendsThroughGrandchildren() {
    Trace trace =
        TestTraces.trace(
            span("a").op("A").at(0, 100),
            span("b").op("B").childOf("a").at(10, 80),
            span("c").op("C").childOf("b").at(20, 30),
            span("d").op("D").childOf("b").at(60, 20));
    assertThat(sections(trace))
        .containsExactly(
            "A [0,10)",
            "A [90,100)",
            "B [10,20)",
            "B [50,60)",
            "B [80,90)",
            "C [20,50)",
            "D [60,80)");
  }

  @Test
  void eachRootGetsItsOwnPath() {
    Trace trace =
        TestTraces.trace(
            span("a").op("A").at(0, 10),
            span("o").op("Orphan").childOf("ff").at(20, 10),
            span("k").op("Kid").childOf("o").at(22, 4));
    assertThat(sections(trace))
        .containsExactly("A [0,10)", "Orphan [20,22)", "Orphan [26,30)", "Kid [22,26)");
  }

  @Test
  void wideFanOutIsLinearNotQuadratic() {
    // 50,000 children one after another with 1µs gaps: Jaeger's recursion rescans all children at
    // every step, O(n²); here each parent's children are sorted once.
    int n = 50_000;
    List<Span> spans = new ArrayList<>(n + 1);
    spans.add(span("1").op("root").at(0, n * 10L).build());
    for (int i = 0; i < n; i++) {
      spans.add(span(Long.toHexString(i + 2)).op("c").childOf("1").at(i * 10L, 9).build());
    }
    long t = System.nanoTime();
    TraceView view = TraceViewAssembler.assemble(Trace.of(spans));
    long ms = (System.nanoTime() - t) / 1_000_000;
    System.out.println("critical path over 50,000 sequential children: assembled in " + ms + " ms");
    // Every child is on the path, and so is every 1µs gap of the root between them.
    CriticalPath.Sections cp = view.criticalPath;
    assertThat(cp.size()).isEqualTo(2 * n);
    int rootSections = 0;
    for (int i = 0; i < cp.size(); i++) {
      if (cp.rows()[i] == 0) {
        rootSections++;
        assertThat(cp.ends()[i] - cp.starts()[i]).isEqualTo(1);
      }
    }
    assertThat(rootSections).isEqualTo(n);
  }

  @Test
  void childrenEndingExactlyWhenTheNextStartsAreSkippedAsInJaeger() {
    // Jaeger picks a child that ended strictly before the later child started.
    Trace trace =
        TestTraces.trace(
            span("p").op("P").at(0, 30),
            span("a").op("A").childOf("p").at(0, 10),
            span("b").op("B").childOf("p").at(10, 10),
            span("c").op("C").childOf("p").at(20, 10));
    assertThat(sections(trace)).containsExactly("P [10,20)", "A [0,10)", "C [20,30)");
  }
}
