package io.sightline.web.dependencies;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.web.LayeredLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayeredLayoutTest {

  static final double H = 32;

  static List<int[]> edges(int... pairs) {
    List<int[]> list = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      list.add(new int[] {pairs[i], pairs[i + 1]});
    }
    return list;
  }

  static double[] widths(int n, double w) {
    double[] widths = new double[n];
    Arrays.fill(widths, w);
    return widths;
  }

  @Test
  void aChainGoesLeftToRight() {
    LayeredLayout.Result r = LayeredLayout.layout(widths(3, 100), H, edges(0, 1, 1, 2));
    assertThat(r.layer()).containsExactly(0, 1, 2);
    assertThat(r.x()[0]).isLessThan(r.x()[1]);
    assertThat(r.x()[1]).isLessThan(r.x()[2]);
    // a straight chain stays straight
    assertThat(r.y()[0]).isEqualTo(r.y()[1]).isEqualTo(r.y()[2]);
    assertThat(r.crossings()).isZero();
    // the edge leaves the caller's right side and reaches the callee's left side
    List<LayeredLayout.Point> e = r.edgePoints().get(0);
    assertThat(e.get(0).x()).isEqualTo(r.x()[0] + 100);
    assertThat(e.get(e.size() - 1).x()).isEqualTo(r.x()[1]);
    assertNoOverlaps(r, widths(3, 100));
  }

  @Test
  void longEdgesBendThroughEveryColumnBetween() {
    // 0 → 1 → 2 → 3 and 0 → 3: the long edge gets a waypoint pair in columns 1 and 2
    LayeredLayout.Result r = LayeredLayout.layout(widths(4, 80), H, edges(0, 1, 1, 2, 2, 3, 0, 3));
    assertThat(r.edgePoints().get(3)).hasSize(2 + 2 * 2);
    assertNoOverlaps(r, widths(4, 80));
  }

  @Test
  void sourcesArePulledNextToTheirNearestCallee() {
    // 0 → 1 → 2 → 3 and 4 → 3: 4 sits just before 3, not in the first column
    LayeredLayout.Result r = LayeredLayout.layout(widths(5, 80), H, edges(0, 1, 1, 2, 2, 3, 4, 3));
    assertThat(r.layer()[4]).isEqualTo(2);
  }

  @Test
  void cyclesAreBrokenAndStillDrawnInTheirDirection() {
    // 0 → 1 → 2 → 0 and 1 ⇄ 3
    List<int[]> edges = edges(0, 1, 1, 2, 2, 0, 1, 3, 3, 1);
    LayeredLayout.Result r = LayeredLayout.layout(widths(4, 60), H, edges);
    int reversed = 0;
    for (int i = 0; i < edges.size(); i++) {
      List<LayeredLayout.Point> points = r.edgePoints().get(i);
      int from = edges.get(i)[0];
      int to = edges.get(i)[1];
      if (r.reversed()[i]) {
        reversed++;
        // drawn from the caller's left side back to the callee's right side
        assertThat(r.layer()[from]).isGreaterThan(r.layer()[to]);
        assertThat(points.get(0).x()).isEqualTo(r.x()[from]);
        assertThat(points.get(points.size() - 1).x()).isEqualTo(r.x()[to] + 60);
      } else {
        assertThat(r.layer()[from]).isLessThan(r.layer()[to]);
      }
    }
    assertThat(reversed).isEqualTo(2);
    assertNoOverlaps(r, widths(4, 60));
  }

  @Test
  void crossingsAreRemovedWhereTheyCanBe() {
    // two parallel calls whose natural (index) order crosses: 0 → 3, 1 → 2
    LayeredLayout.Result r = LayeredLayout.layout(widths(4, 50), H, edges(0, 3, 1, 2));
    assertThat(r.crossings()).isZero();
    assertThat(r.y()[0] < r.y()[1]).isEqualTo(r.y()[3] < r.y()[2]);
  }

  @Test
  void theSameGraphGivesTheSamePicture() {
    Graph g = randomGraph(60, 150, 3);
    LayeredLayout.Result a = LayeredLayout.layout(g.widths, H, g.edges);
    LayeredLayout.Result b = LayeredLayout.layout(g.widths.clone(), H, new ArrayList<>(g.edges));
    assertThat(a.x()).containsExactly(b.x());
    assertThat(a.y()).containsExactly(b.y());
    assertThat(a.edgePoints()).isEqualTo(b.edgePoints());
    assertThat(a.crossings()).isEqualTo(b.crossings());
  }

  @Test
  void aHundredServicesWithCyclesAreLaidOutWithoutOverlaps() {
    Graph g = randomGraph(100, 300, 11);
    LayeredLayout.Result r = LayeredLayout.layout(g.widths, H, g.edges);
    assertNoOverlaps(r, g.widths);
    assertThat(r.edgePoints()).hasSize(g.edges.size());
    for (int i = 0; i < g.edges.size(); i++) {
      List<LayeredLayout.Point> p = r.edgePoints().get(i);
      assertThat(p.size()).isGreaterThanOrEqualTo(2);
      for (LayeredLayout.Point point : p) {
        assertThat(point.x()).isBetween(0.0, r.width());
        assertThat(point.y()).isBetween(0.0, r.height());
      }
    }
    // crossing reduction does its job: far fewer than in the starting (index) order
    LayeredLayout.Result unsorted = LayeredLayout.layout(g.widths, H, g.edges, 0);
    assertThat(r.crossings()).isLessThan(unsorted.crossings() / 2);
  }

  @Test
  void aRealisticHundredServiceArchitecture() {
    ServiceGraph graph = ServiceGraphs.tiered(100, 5);
    GraphView view = GraphView.of(graph, "", "", s -> "#", s -> "#");
    long started = System.nanoTime();
    GraphView.of(graph, "", "", s -> "#", s -> "#");
    long micros = (System.nanoTime() - started) / 1_000;
    System.out.printf(
        "layout of %d services, %d links (warm): %.1f ms, %d crossings, %s x %s%n",
        graph.services().size(),
        graph.links().size(),
        micros / 1000.0,
        view.crossings(),
        view.width(),
        view.height());
    assertThat(view.nodes()).hasSize(100);
    // wide rather than tall, and small enough to read at a fitting zoom on a 1280px screen
    assertThat(Double.parseDouble(view.width())).isLessThan(4_000);
    assertThat(micros).isLessThan(1_000_000);
  }

  @Test
  void countsCrossingsExactly() {
    // layer 0: a, b; layer 1: c, d; a → d and b → c cross once; a → c, b → d do not
    List<List<Integer>> order = List.of(List.of(0, 1), List.of(2, 3));
    int[] pos = {0, 1, 0, 1};
    int[][] crossing = {{3}, {2}, {}, {}};
    int[][] parallel = {{2}, {3}, {}, {}};
    int[][] all = {{2, 3}, {2, 3}, {}, {}};
    assertThat(LayeredLayout.crossings(order, pos, crossing)).isEqualTo(1);
    assertThat(LayeredLayout.crossings(order, pos, parallel)).isZero();
    assertThat(LayeredLayout.crossings(order, pos, all)).isEqualTo(1);
  }

  @Test
  void anEmptyGraphAndLonelyNodes() {
    LayeredLayout.Result empty = LayeredLayout.layout(new double[0], H, List.of());
    assertThat(empty.x()).isEmpty();
    LayeredLayout.Result lonely = LayeredLayout.layout(widths(3, 40), H, List.of());
    assertNoOverlaps(lonely, widths(3, 40));
  }

  /** No two boxes overlap (with their gaps); every box lies inside the drawing. */
  static void assertNoOverlaps(LayeredLayout.Result r, double[] widths) {
    int n = widths.length;
    for (int i = 0; i < n; i++) {
      assertThat(r.x()[i]).isGreaterThanOrEqualTo(0);
      assertThat(r.x()[i] + widths[i]).isLessThanOrEqualTo(r.width());
      assertThat(r.y()[i] - H / 2).isGreaterThanOrEqualTo(0);
      assertThat(r.y()[i] + H / 2).isLessThanOrEqualTo(r.height());
      for (int j = i + 1; j < n; j++) {
        boolean apartX = r.x()[i] + widths[i] <= r.x()[j] || r.x()[j] + widths[j] <= r.x()[i];
        boolean apartY = Math.abs(r.y()[i] - r.y()[j]) >= H + LayeredLayout.GAP_Y - 1e-6;
        assertThat(apartX || apartY).as("nodes %d and %d overlap", i, j).isTrue();
      }
    }
  }

  record Graph(double[] widths, List<int[]> edges) {}

  /** A random service graph: mostly downstream calls, some back (cycles), no duplicates. */
  static Graph randomGraph(int n, int m, long seed) {
    Random random = new Random(seed);
    double[] widths = new double[n];
    for (int i = 0; i < n; i++) {
      widths[i] = 90 + random.nextInt(180);
    }
    List<int[]> edges = new ArrayList<>();
    java.util.Set<Long> seen = new java.util.HashSet<>();
    while (edges.size() < m) {
      int a = random.nextInt(n);
      int b = random.nextInt(n);
      if (a == b) {
        continue;
      }
      if (random.nextInt(10) > 0 && a > b) { // 90% "downstream"
        int t = a;
        a = b;
        b = t;
      }
      if (seen.add((long) a * n + b)) {
        edges.add(new int[] {a, b});
      }
    }
    return new Graph(widths, edges);
  }
}
