package io.sightline.web.trace;

import java.util.Arrays;

/**
 * The critical path of a trace: the chain of work that determined its end-to-end latency, as Jaeger
 * UI computes it (its {@code CriticalPath} component), but iterative and O(n log n).
 *
 * <p>Jaeger's algorithm, per root span:
 *
 * <ol>
 *   <li>Sanitise: drop FOLLOWS_FROM children with their subtrees (they do not block the parent);
 *       clamp every child to its (already clamped) parent's time range, dropping children that lie
 *       wholly outside it.
 *   <li>From the root, repeatedly take the <em>last-finishing child</em>; the parent's time after
 *       that child ended is on the path.
 *   <li>At a span without (remaining) children its whole remaining time is on the path; then walk
 *       back up to the parent and pick the child that finished last <em>before</em> this span
 *       started, and so on.
 * </ol>
 *
 * <p>Jaeger writes this recursively and scans all children at every step, which is O(n²) for a span
 * with 10,000 children and overflows the stack on deep traces. The recursion only ever makes one
 * call in tail position, so here it is a loop; and since the "finished before" bound only falls
 * each time a parent is revisited, each parent keeps its children sorted by end time and a pointer
 * that only moves forward.
 *
 * <p>One deliberate difference: Jaeger drops a root span that has a (dangling) parent reference, so
 * an orphan subtree gets no critical path; here every row without a parent row is a root.
 */
final class CriticalPath {

  /**
   * Critical-path sections sorted by row, then start.
   *
   * @param rows the row of each section
   * @param starts section starts, in the unit and origin of the times given to {@link #compute}
   * @param ends section ends (exclusive), same unit
   */
  @SuppressWarnings("ArrayRecordComponent") // a result carrier, never compared or hashed
  record Sections(int[] rows, long[] starts, long[] ends) {

    int size() {
      return rows.length;
    }
  }

  private CriticalPath() {}

  /**
   * Computes the critical path.
   *
   * @param tree the span tree
   * @param start each row's start time (any unit and origin, e.g. µs since trace start)
   * @param end each row's end time, same unit; {@code end[r] >= start[r]}
   */
  static Sections compute(SpanTree tree, long[] start, long[] end) {
    int n = tree.size();
    long[] s = start.clone();
    long[] e = end.clone();
    boolean[] dropped = new boolean[n];
    int[][] sortedChildren = new int[n][];
    int[] next = new int[n];
    Builder out = new Builder();

    int root = 0;
    while (root < n) {
      int rootEnd = tree.subtreeEnd(root);
      sanitize(tree, root, rootEnd, s, e, dropped);
      walk(tree, root, s, e, dropped, sortedChildren, next, out);
      root = rootEnd;
    }
    return out.build();
  }

  /** Jaeger's {@code sanitizeOverFlowingChildren}, in pre-order so parents are clamped first. */
  private static void sanitize(
      SpanTree tree, int root, int rootEnd, long[] s, long[] e, boolean[] dropped) {
    for (int r = root + 1; r < rootEnd; r++) {
      int p = tree.parentRow(r);
      if (dropped[p] || (tree.flags(r) & SpanTree.FOLLOWS_FROM) != 0) {
        dropped[r] = true;
        continue;
      }
      long ps = s[p];
      long pe = e[p];
      if (s[r] >= ps) {
        if (s[r] >= pe) {
          dropped[r] = true; // starts after the parent ended
        } else if (e[r] > pe) {
          e[r] = pe; // ends after the parent: truncate
        }
      } else if (e[r] <= ps) {
        dropped[r] = true; // ended before the parent started
      } else {
        s[r] = ps; // starts before the parent: truncate the front (and the end if it overflows)
        if (e[r] > pe) {
          e[r] = pe;
        }
      }
    }
  }

  private static void walk(
      SpanTree tree,
      int root,
      long[] s,
      long[] e,
      boolean[] dropped,
      int[][] sortedChildren,
      int[] next,
      Builder out) {
    int current = root;
    boolean returning = false;
    long returningChildStart = 0;
    // Every step either descends to a new child or returns to the parent with a smaller bound, so
    // the loop ends; the cap only guards against data that breaks end >= start.
    long budget = 4L * (tree.subtreeEnd(root) - root) + 16;
    while (budget-- > 0) {
      int child =
          lastFinishingChild(
              tree, current, returning, returningChildStart, s, e, dropped, sortedChildren, next);
      long sectionEnd = returning ? returningChildStart : e[current];
      if (child >= 0) {
        out.add(current, e[child], sectionEnd);
        current = child;
        returning = false;
      } else {
        out.add(current, s[current], sectionEnd);
        if (current == root) {
          return;
        }
        returning = true;
        returningChildStart = s[current];
        current = tree.parentRow(current);
      }
    }
  }

  /**
   * The child that finished last, or, when returning from a child, the one that finished last
   * strictly before that child started; -1 when there is none.
   */
  private static int lastFinishingChild(
      SpanTree tree,
      int row,
      boolean returning,
      long before,
      @SuppressWarnings("UnusedVariable") long[] s, // the same arrays on every call
      long[] e,
      boolean[] dropped,
      int[][] sortedChildren,
      int[] next) {
    int[] children = sortedChildren[row];
    if (children == null) {
      children = childrenByEndDescending(tree, row, e, dropped);
      sortedChildren[row] = children;
    }
    int i = next[row];
    if (returning) {
      while (i < children.length && e[children[i]] >= before) {
        i++;
      }
      next[row] = i;
    }
    return i < children.length ? children[i] : -1;
  }

  private static int[] childrenByEndDescending(
      SpanTree tree, int row, long[] e, boolean[] dropped) {
    int count = 0;
    int end = tree.subtreeEnd(row);
    for (int c = row + 1; c < end; c = tree.subtreeEnd(c)) {
      if (!dropped[c]) {
        count++;
      }
    }
    int[] children = new int[count];
    long[] negatedEnd = new long[count];
    int k = 0;
    for (int c = row + 1; c < end; c = tree.subtreeEnd(c)) {
      if (!dropped[c]) {
        children[k] = c;
        negatedEnd[k] = -e[c];
        k++;
      }
    }
    // Sort positions 0..count-1 by -end (stable: among equal ends the earlier-starting child wins,
    // as in Jaeger, which keeps the first child with the greatest end).
    int[] positions = new int[count];
    for (int i = 0; i < count; i++) {
      positions[i] = i;
    }
    IndexSort.byKey(positions, negatedEnd);
    int[] sorted = new int[count];
    for (int i = 0; i < count; i++) {
      sorted[i] = children[positions[i]];
    }
    return sorted;
  }

  /** Collects sections, then sorts them by row and start. */
  private static final class Builder {
    private int[] rows = new int[16];
    private long[] starts = new long[16];
    private long[] ends = new long[16];
    private int size;

    void add(int row, long sectionStart, long sectionEnd) {
      if (sectionStart == sectionEnd) {
        return; // Jaeger leaves out empty sections
      }
      if (size == rows.length) {
        rows = Arrays.copyOf(rows, size * 2);
        starts = Arrays.copyOf(starts, size * 2);
        ends = Arrays.copyOf(ends, size * 2);
      }
      rows[size] = row;
      starts[size] = sectionStart;
      ends[size] = sectionEnd;
      size++;
    }

    Sections build() {
      int[] order = new int[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      long[] startKey = Arrays.copyOf(starts, size);
      IndexSort.byKey(order, startKey);
      long[] rowKey = new long[size];
      for (int i = 0; i < size; i++) {
        rowKey[i] = rows[i];
      }
      IndexSort.byKey(order, rowKey);
      int[] sortedRows = new int[size];
      long[] sortedStarts = new long[size];
      long[] sortedEnds = new long[size];
      for (int i = 0; i < size; i++) {
        sortedRows[i] = rows[order[i]];
        sortedStarts[i] = starts[order[i]];
        sortedEnds[i] = ends[order[i]];
      }
      return new Sections(sortedRows, sortedStarts, sortedEnds);
    }
  }
}
