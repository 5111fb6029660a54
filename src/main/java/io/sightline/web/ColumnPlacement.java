package io.sightline.web;

import java.util.List;

/**
 * The coordinate step of {@link LayeredLayout}: vertical positions within a column, as close as
 * possible to the neighbours' while keeping the order and the minimum spacing.
 */
final class ColumnPlacement {

  private ColumnPlacement() {}

  /** Each node's centre offset from the first's, keeping the minimum spacing. */
  static double[] offsets(List<Integer> column, double[] height, int realNodes) {
    double[] offsets = new double[column.size()];
    for (int i = 1; i < column.size(); i++) {
      offsets[i] = offsets[i - 1] + spacing(column.get(i - 1), column.get(i), height, realNodes);
    }
    return offsets;
  }

  private static double spacing(int a, int b, double[] height, int realNodes) {
    double gap = a < realNodes && b < realNodes ? LayeredLayout.GAP_Y : LayeredLayout.DUMMY_GAP;
    return (height[a] + height[b]) / 2 + gap;
  }

  /**
   * Moves a column's nodes as close as possible (least squares) to the mean of their neighbours'
   * positions, keeping order and spacing: with {@code u_i = target_i - offset_i}, the best
   * non-decreasing fit of {@code u} is found by pooling adjacent violators.
   */
  static void place(
      List<Integer> column,
      double[] y,
      double[] height,
      int realNodes,
      int[][] neighbours,
      int[][] moreNeighbours) {
    int size = column.size();
    if (size == 0) {
      return;
    }
    double[] offsets = offsets(column, height, realNodes);
    double[] value = new double[size];
    double[] weight = new double[size];
    int[] start = new int[size];
    int blocks = 0;
    for (int i = 0; i < size; i++) {
      int v = column.get(i);
      double sum = 0;
      int count = 0;
      for (int w : neighbours[v]) {
        sum += y[w];
        count++;
      }
      if (moreNeighbours != null) {
        for (int w : moreNeighbours[v]) {
          sum += y[w];
          count++;
        }
      }
      double target = count == 0 ? y[v] : sum / count;
      // a new block, merged backwards while it violates the order
      value[blocks] = target - offsets[i];
      weight[blocks] = 1;
      start[blocks] = i;
      blocks++;
      while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
        double w = weight[blocks - 2] + weight[blocks - 1];
        value[blocks - 2] =
            (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1]) / w;
        weight[blocks - 2] = w;
        blocks--;
      }
    }
    for (int b = 0; b < blocks; b++) {
      int end = b + 1 < blocks ? start[b + 1] : size;
      for (int i = start[b]; i < end; i++) {
        y[column.get(i)] = value[b] + offsets[i];
      }
    }
  }
}
