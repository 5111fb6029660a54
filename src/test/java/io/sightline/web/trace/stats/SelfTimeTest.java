package io.sightline.web.trace.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Self time, with values worked out by hand. */
class SelfTimeTest {

  @Test
  void aLeafKeepsItsWholeDuration() {
    assertThat(SelfTime.compute(new int[] {-1}, new long[] {5}, new long[] {40}))
        .containsExactly(40);
  }

  @Test
  void sequentialChildrenAreSubtracted() {
    // 0: [0, 100]; 1: [10, 30]; 2: [50, 90]  -> 100 - 20 - 40 = 40
    long[] self =
        SelfTime.compute(new int[] {-1, 0, 0}, new long[] {0, 10, 50}, new long[] {100, 20, 40});
    assertThat(self).containsExactly(40, 20, 40);
  }

  @Test
  void overlappingChildrenCountOnce() {
    // 0: [0, 100]; children [10, 60], [20, 50], [40, 70] cover [10, 70] = 60 -> 40
    long[] self =
        SelfTime.compute(
            new int[] {-1, 0, 0, 0}, new long[] {0, 10, 20, 40}, new long[] {100, 50, 30, 30});
    assertThat(self).containsExactly(40, 50, 30, 30);
  }

  @Test
  void childrenAreClippedToTheParent() {
    // 0: [100, 200]; 1 starts before it [50, 120] -> covers [100, 120]; 2 runs past its end
    // [180, 260] -> covers [180, 200]; self = 100 - 20 - 20 = 60
    long[] self =
        SelfTime.compute(new int[] {-1, 0, 0}, new long[] {100, 50, 180}, new long[] {100, 70, 80});
    assertThat(self).containsExactly(60, 70, 80);
  }

  @Test
  void aChildWhollyOutsideItsParentCoversNothing() {
    // 0: [0, 10]; 1: [20, 30] (async, after the parent ended)
    long[] self = SelfTime.compute(new int[] {-1, 0}, new long[] {0, 20}, new long[] {10, 10});
    assertThat(self).containsExactly(10, 10);
  }

  @Test
  void grandchildrenDoNotReduceTheGrandparent() {
    // 0: [0, 100]; 1: [0, 50] under 0; 2: [10, 40] under 1; 3: [60, 70] under 0
    // self(0) = 100 - 50 - 10 = 40; self(1) = 50 - 30 = 20
    long[] self =
        SelfTime.compute(
            new int[] {-1, 0, 1, 0}, new long[] {0, 0, 10, 60}, new long[] {100, 50, 30, 10});
    assertThat(self).containsExactly(40, 20, 30, 10);
  }

  @Test
  void aChainOneHundredThousandDeepNeedsNoRecursion() {
    int n = 100_000;
    int[] parent = new int[n];
    long[] start = new long[n];
    long[] duration = new long[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i - 1;
      start[i] = i;
      duration[i] = 2L * (n - i); // each child ends 1 µs before its parent
    }
    long[] self = SelfTime.compute(parent, start, duration);
    assertThat(self[0]).isEqualTo(2); // 1 µs before the child, 1 µs after
    assertThat(self[n - 1]).isEqualTo(2); // the leaf
  }

  @Test
  void refusesRowsOutOfOrder() {
    assertThatThrownBy(
            () -> SelfTime.compute(new int[] {1, -1}, new long[] {0, 0}, new long[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                SelfTime.compute(
                    new int[] {-1, 0, 0}, new long[] {0, 50, 10}, new long[] {100, 10, 10}))
        .hasMessageContaining("start order");
  }
}
