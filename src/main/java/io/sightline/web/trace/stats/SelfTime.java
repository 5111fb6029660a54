package io.sightline.web.trace.stats;

/**
 * Self time as Jaeger UI defines it: the part of a span's duration not covered by any of its
 * children, each child clipped to its parent first (a child running past its parent's end covers
 * only up to that end). Overlapping children count once: it is the parent's duration minus the
 * length of the union of its clipped children.
 *
 * <p>One pass over the rows, no recursion, O(n) time and memory: rows come in depth-first pre-order
 * with each parent's children in start order (as {@code SpanTree} lays them out), so the union of a
 * parent's children grows from left to right and only its right end has to be kept.
 */
public final class SelfTime {

  private SelfTime() {}

  /**
   * Self time of every row, in µs.
   *
   * @param parentRow per row: the parent's row (always before it), or -1 for a root
   * @param start per row: start (any common origin)
   * @param duration per row: duration, not negative
   * @throws IllegalArgumentException when the arrays differ in length, a parent row is not before
   *     its child, or siblings are not in start order
   */
  public static long[] compute(int[] parentRow, long[] start, long[] duration) {
    int n = parentRow.length;
    if (start.length != n || duration.length != n) {
      throw new IllegalArgumentException("parentRow, start and duration differ in length");
    }
    long[] self = duration.clone();
    // Per parent row: the right end of the union of its children seen so far, and the start of
    // the last child (to check the order).
    long[] coveredTo = new long[n];
    long[] lastChildStart = new long[n];
    for (int r = 0; r < n; r++) {
      coveredTo[r] = start[r];
      lastChildStart[r] = Long.MIN_VALUE;
    }
    for (int r = 0; r < n; r++) {
      int p = parentRow[r];
      if (p < 0) {
        continue;
      }
      if (p >= r) {
        throw new IllegalArgumentException("row " + r + " comes before its parent " + p);
      }
      if (start[r] < lastChildStart[p]) {
        throw new IllegalArgumentException("the children of row " + p + " are not in start order");
      }
      lastChildStart[p] = start[r];
      long parentEnd = start[p] + duration[p];
      long from = Math.max(Math.max(start[r], start[p]), coveredTo[p]);
      long to = Math.min(start[r] + duration[r], parentEnd);
      if (to > from) {
        self[p] -= to - from;
        coveredTo[p] = to;
      }
    }
    return self;
  }
}
