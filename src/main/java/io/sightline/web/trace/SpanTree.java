package io.sightline.web.trace;

import io.sightline.trace.RefType;
import io.sightline.trace.Span;
import io.sightline.trace.SpanReference;
import io.sightline.trace.TraceId;
import java.util.Arrays;
import java.util.List;

/**
 * The parent/child structure of a trace's spans, laid out as timeline rows in depth-first
 * pre-order: a span's row is followed by the rows of its whole subtree, so a subtree is the row
 * range {@code [row, subtreeEnd[row])} and collapsing a span means skipping that range.
 *
 * <p>Everything here is iterative with flat arrays: a trace may have 100,000 spans, or a chain of
 * spans 100,000 deep, and bad data (cycles, duplicate IDs, missing parents) must not hang or blow
 * the stack.
 *
 * <p>Rules, as Jaeger UI applies them:
 *
 * <ul>
 *   <li>A span's parent is the target of its first CHILD_OF reference within the same trace, or
 *       else of its first same-trace FOLLOWS_FROM reference. When that target is not in the trace
 *       the span is an <em>orphan</em>: it is shown as a root and marks the trace incomplete.
 *   <li>Siblings (and roots) are ordered by start time, then by their order in the span list.
 *   <li>Duplicate span IDs: children attach to the first span with the ID; every duplicate still
 *       gets its own row.
 *   <li>A reference cycle (A's parent is B, B's parent is A) is cut at one span, which becomes a
 *       root.
 * </ul>
 */
final class SpanTree {

  /** The span's parent reference points outside the trace. */
  static final int ORPHAN = 1;

  /** Another span earlier in the list has the same span ID. */
  static final int DUPLICATE_ID = 1 << 1;

  /** The span's parent link was cut to break a reference cycle. */
  static final int CYCLE_CUT = 1 << 2;

  /** The span hangs off its parent by a FOLLOWS_FROM reference (not CHILD_OF). */
  static final int FOLLOWS_FROM = 1 << 3;

  private final int[] spanIndex;
  private final int[] rowOfSpan;
  private final int[] parentRow;
  private final int[] depth;
  private final int[] subtreeEnd;
  private final int[] treeFlags;
  private final int maxDepth;
  private final LongIntMap firstWithId;

  private SpanTree(
      int[] spanIndex,
      int[] rowOfSpan,
      int[] parentRow,
      int[] depth,
      int[] subtreeEnd,
      int[] treeFlags,
      int maxDepth,
      LongIntMap firstWithId) {
    this.spanIndex = spanIndex;
    this.rowOfSpan = rowOfSpan;
    this.parentRow = parentRow;
    this.depth = depth;
    this.subtreeEnd = subtreeEnd;
    this.treeFlags = treeFlags;
    this.maxDepth = maxDepth;
    this.firstWithId = firstWithId;
  }

  /** Builds the tree of these spans (not modified). O(n log n) time, O(n) memory. */
  static SpanTree build(List<Span> spans) {
    int n = spans.size();
    long[] start = new long[n];
    LongIntMap firstWithId = new LongIntMap(n);
    int[] spanFlags = new int[n];
    for (int i = 0; i < n; i++) {
      Span span = spans.get(i);
      start[i] = span.startTime();
      if (firstWithId.putIfAbsent(span.spanId().value(), i) >= 0) {
        spanFlags[i] |= DUPLICATE_ID;
      }
    }

    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = findParent(spans.get(i), i, firstWithId, spanFlags);
    }

    // Children lists in compressed form (CSR), filled in start order so each list comes out sorted.
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    IndexSort.byKey(order, start);
    int[] childStart = new int[n + 1];
    for (int i = 0; i < n; i++) {
      if (parent[i] >= 0) {
        childStart[parent[i] + 1]++;
      }
    }
    for (int i = 0; i < n; i++) {
      childStart[i + 1] += childStart[i];
    }
    int[] children = new int[childStart[n]];
    int[] fill = new int[n];
    for (int s : order) {
      int p = parent[s];
      if (p >= 0) {
        children[childStart[p] + fill[p]++] = s;
      }
    }

    int[] rowOfSpan = new int[n];
    Arrays.fill(rowOfSpan, -1);
    int[] spanIndex = new int[n];
    int[] parentRow = new int[n];
    int[] depth = new int[n];
    int[] stack = new int[Math.max(1, n)];
    Walk walk = new Walk(spanIndex, rowOfSpan, parentRow, depth, parent, children, childStart);

    for (int s : order) {
      if (parent[s] < 0) {
        walk.from(s, stack);
      }
    }
    if (walk.rows < n) {
      // Whatever is left hangs off a reference cycle: walk up from it until a span repeats, cut
      // the cycle there and lay that span out as a root.
      int[] mark = new int[n];
      for (int s : order) {
        if (rowOfSpan[s] >= 0) {
          continue;
        }
        int stamp = s + 1;
        int x = s;
        while (mark[x] != stamp) {
          mark[x] = stamp;
          x = parent[x];
        }
        parent[x] = -1;
        spanFlags[x] |= CYCLE_CUT;
        spanFlags[x] &= ~FOLLOWS_FROM;
        walk.from(x, stack);
      }
    }

    int[] size = new int[n];
    Arrays.fill(size, 1);
    for (int r = n - 1; r > 0; r--) {
      if (parentRow[r] >= 0) {
        size[parentRow[r]] += size[r];
      }
    }
    int[] subtreeEnd = new int[n];
    int[] treeFlags = new int[n];
    int maxDepth = 0;
    for (int r = 0; r < n; r++) {
      subtreeEnd[r] = r + size[r];
      treeFlags[r] = spanFlags[spanIndex[r]];
      maxDepth = Math.max(maxDepth, depth[r]);
    }
    return new SpanTree(
        spanIndex, rowOfSpan, parentRow, depth, subtreeEnd, treeFlags, maxDepth, firstWithId);
  }

  /**
   * The index of the span's parent in the list, or -1 for a root; flags the span as orphan or
   * FOLLOWS_FROM child on the way.
   */
  private static int findParent(Span span, int self, LongIntMap firstWithId, int[] flags) {
    TraceId traceId = span.traceId();
    SpanReference chosen = null;
    for (SpanReference ref : span.references()) {
      if (!ref.traceId().equals(traceId)) {
        continue; // a link into another trace is never a parent
      }
      if (ref.refType() == RefType.CHILD_OF) {
        chosen = ref;
        break;
      }
      if (chosen == null) {
        chosen = ref; // the first FOLLOWS_FROM, unless a CHILD_OF comes later
      }
    }
    if (chosen == null) {
      return -1;
    }
    int target = firstWithId.get(chosen.spanId().value());
    if (target < 0) {
      flags[self] |= ORPHAN;
      return -1;
    }
    if (target == self) {
      flags[self] |= CYCLE_CUT; // a span that is its own parent
      return -1;
    }
    if (chosen.refType() == RefType.FOLLOWS_FROM) {
      flags[self] |= FOLLOWS_FROM;
    }
    return target;
  }

  /** Depth-first pre-order walk that hands out rows; one instance per build. */
  private static final class Walk {
    final int[] spanIndex;
    final int[] rowOfSpan;
    final int[] parentRow;
    final int[] depth;
    final int[] parent;
    final int[] children;
    final int[] childStart;
    int rows;

    Walk(
        int[] spanIndex,
        int[] rowOfSpan,
        int[] parentRow,
        int[] depth,
        int[] parent,
        int[] children,
        int[] childStart) {
      this.spanIndex = spanIndex;
      this.rowOfSpan = rowOfSpan;
      this.parentRow = parentRow;
      this.depth = depth;
      this.parent = parent;
      this.children = children;
      this.childStart = childStart;
    }

    void from(int root, int[] stack) {
      int top = 0;
      stack[top++] = root;
      while (top > 0) {
        int s = stack[--top];
        if (rowOfSpan[s] >= 0) {
          continue;
        }
        int row = rows++;
        rowOfSpan[s] = row;
        spanIndex[row] = s;
        int p = parent[s];
        if (p >= 0) {
          parentRow[row] = rowOfSpan[p];
          depth[row] = depth[rowOfSpan[p]] + 1;
        } else {
          parentRow[row] = -1;
          depth[row] = 0;
        }
        // Push in reverse so the earliest-starting child is laid out first. A child whose link
        // was cut (cycle) is skipped: it is laid out as a root of its own.
        for (int c = childStart[s + 1] - 1; c >= childStart[s]; c--) {
          int child = children[c];
          if (parent[child] == s && rowOfSpan[child] < 0) {
            stack[top++] = child;
          }
        }
      }
    }
  }

  /** Number of rows (= spans). */
  int size() {
    return spanIndex.length;
  }

  /** The index in the span list of the span shown in this row. */
  int spanIndex(int row) {
    return spanIndex[row];
  }

  /** The row showing the span at this index of the span list. */
  int rowOfSpan(int spanIndex) {
    return rowOfSpan[spanIndex];
  }

  /** The parent's row, or -1 for a root. */
  int parentRow(int row) {
    return parentRow[row];
  }

  /** 0 for roots. */
  int depth(int row) {
    return depth[row];
  }

  /** The first row after this row's subtree (exclusive end of the subtree's row range). */
  int subtreeEnd(int row) {
    return subtreeEnd[row];
  }

  /** {@link #ORPHAN}, {@link #DUPLICATE_ID}, {@link #CYCLE_CUT}, {@link #FOLLOWS_FROM} bits. */
  int flags(int row) {
    return treeFlags[row];
  }

  boolean hasChildren(int row) {
    return subtreeEnd[row] > row + 1;
  }

  /** The list index of the first span with this ID, or -1 when no span has it. */
  int indexOfSpanId(long spanId) {
    return firstWithId.get(spanId);
  }

  /** The deepest row's depth (roots are 0). */
  int maxDepth() {
    return maxDepth;
  }
}
