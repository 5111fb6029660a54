package io.sightline.web.trace.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Paths merged, with counts, self times, widths and offsets worked out by hand. */
class PathTreeTest {

  /** Builds a tree from rows given as {parent, service, operation, start, duration, error}. */
  static PathTree tree(long[]... rows) {
    int n = rows.length;
    int[] parent = new int[n];
    int[] service = new int[n];
    int[] operation = new int[n];
    long[] start = new long[n];
    long[] duration = new long[n];
    boolean[] error = new boolean[n];
    for (int r = 0; r < n; r++) {
      parent[r] = (int) rows[r][0];
      service[r] = (int) rows[r][1];
      operation[r] = (int) rows[r][2];
      start[r] = rows[r][3];
      duration[r] = rows[r][4];
      error[r] = rows[r][5] != 0;
    }
    return PathTree.build(
        parent, service, operation, duration, SelfTime.compute(parent, start, duration), error);
  }

  @Test
  void identicalPathsMergeIntoOneNode() {
    PathTree t =
        tree(
            new long[] {-1, 0, 0, 0, 100, 0}, // 0 A root [0, 100]
            new long[] {0, 1, 1, 10, 20, 0}, //  1 B get [10, 30]
            new long[] {1, 2, 2, 12, 8, 0}, //   2 C db [12, 20]
            new long[] {0, 1, 1, 40, 30, 0}, //  3 B get [40, 70]: same path as 1
            new long[] {3, 2, 2, 45, 10, 0}, //  4 C db: same path as 2
            new long[] {3, 2, 2, 56, 10, 1}, //  5 C db: same path as 2, failed
            new long[] {0, 3, 3, 80, 10, 1}); // 6 D x [80, 90], failed
    assertThat(t.size()).isEqualTo(4);
    // Pre-order: A, A>B, A>B>C, A>D.
    assertThat(t.depths()).containsExactly(0, 1, 2, 1);
    assertThat(t.services()).containsExactly(0, 1, 2, 3);
    assertThat(t.counts()).containsExactly(1, 2, 3, 1);
    assertThat(t.errorCounts()).containsExactly(0, 0, 1, 1);
    assertThat(t.totals()).containsExactly(100, 50, 28, 10);
    // Self: A = 100 - 20 - 30 - 10 = 40; B = (20 - 8) + (30 - 20) = 22; C = 8 + 10 + 10; D = 10.
    assertThat(t.selfTimes()).containsExactly(40, 22, 28, 10);
    // Width: self time over the subtree; without concurrency the same as the duration.
    assertThat(t.weights()).containsExactly(100, 50, 28, 10);
    assertThat(t.offsets()).containsExactly(0, 0, 0, 50);
    assertThat(t.weightTotal()).isEqualTo(100);
    assertThat(t.subtreeEnd(0)).isEqualTo(4);
    assertThat(t.subtreeEnd(1)).isEqualTo(3);
    assertThat(t.subtreeEnd(3)).isEqualTo(4);
    assertThat(t.parent(2)).isEqualTo(1);
    assertThat(new int[] {t.nodeOfRow(3), t.nodeOfRow(4), t.nodeOfRow(5), t.nodeOfRow(6)})
        .containsExactly(1, 2, 2, 3);
  }

  @Test
  void theSameOperationUnderDifferentParentsStaysApart() {
    PathTree t =
        tree(
            new long[] {-1, 0, 0, 0, 100, 0},
            new long[] {0, 1, 1, 0, 50, 0}, //  A > B
            new long[] {1, 9, 9, 0, 10, 0}, //  A > B > cache
            new long[] {0, 2, 2, 50, 50, 0}, // A > C
            new long[] {3, 9, 9, 50, 10, 0}); // A > C > cache
    assertThat(t.size()).isEqualTo(5);
    assertThat(t.services()).containsExactly(0, 1, 9, 2, 9);
    assertThat(t.counts()).containsExactly(1, 1, 1, 1, 1);
    assertThat(t.offsets()).containsExactly(0, 0, 0, 50, 50);
  }

  @Test
  void parallelChildrenAddUpSoNoChildIsWiderThanItsParent() {
    // Root [0, 100] with two parallel children X and Y, each [0, 100]: root self 0.
    PathTree t =
        tree(
            new long[] {-1, 0, 0, 0, 100, 0},
            new long[] {0, 1, 1, 0, 100, 0},
            new long[] {0, 1, 2, 0, 100, 0});
    assertThat(t.selfTimes()).containsExactly(0, 100, 100);
    assertThat(t.weights()).containsExactly(200, 100, 100);
    assertThat(t.offsets()).containsExactly(0, 0, 100);
    assertThat(t.totals()).containsExactly(100, 100, 100);
  }

  @Test
  void rootsSitSideBySide() {
    PathTree t = tree(new long[] {-1, 0, 0, 0, 30, 0}, new long[] {-1, 1, 1, 100, 20, 0});
    assertThat(t.offsets()).containsExactly(0, 30);
    assertThat(t.weightTotal()).isEqualTo(50);
    assertThat(t.maxDepth()).isZero();
  }

  @Test
  void aVeryDeepChainNeedsNoRecursion() {
    int n = 200_000;
    int[] parent = new int[n];
    int[] zero = new int[n];
    long[] start = new long[n];
    long[] duration = new long[n];
    for (int r = 0; r < n; r++) {
      parent[r] = r - 1;
      start[r] = r;
      duration[r] = 2L * (n - r);
    }
    PathTree t =
        PathTree.build(
            parent,
            zero,
            zero,
            duration,
            SelfTime.compute(parent, start, duration),
            new boolean[n]);
    assertThat(t.size()).isEqualTo(n);
    assertThat(t.maxDepth()).isEqualTo(n - 1);
    assertThat(t.weight(0)).isEqualTo(duration[0]);
    assertThat(t.subtreeEnd(0)).isEqualTo(n);
  }

  @Test
  void anEmptyTraceHasNoNodes() {
    PathTree t = tree();
    assertThat(t.size()).isZero();
    assertThat(t.weightTotal()).isZero();
    assertThat(t.maxDepth()).isEqualTo(-1);
  }
}
