package io.sightline.web.trace.stats;

import java.util.HashMap;
import java.util.Map;

/**
 * The spans of a trace merged by <em>path</em>: one node per distinct chain of (service, operation)
 * pairs from a root to a span, so that identical parent/child paths become one node. It is what the
 * flamegraph and the trace graph draw.
 *
 * <p>Per node: how many spans took the path, how many failed, the sum of their durations and of
 * their self times ({@link SelfTime}), and its <em>weight</em>: the self time summed over the
 * node's whole subtree. The weight is the node's width in the flamegraph. Without concurrency it
 * equals the duration; children running in parallel add up, so a node is never narrower than its
 * children together (the figure a profile's flamegraph shows for CPU time).
 *
 * <p>Nodes are numbered in depth-first pre-order, children in the order their first span appears
 * (rows come in start order), so a node's subtree is the range {@code [node, subtreeEnd(node))}.
 * Everything is computed in a few linear passes with explicit stacks: no recursion, whatever the
 * depth.
 */
public final class PathTree {

  private final int[] parent;
  private final int[] depth;
  private final int[] service;
  private final int[] operation;
  private final int[] count;
  private final int[] errors;
  private final long[] total;
  private final long[] self;
  private final long[] weight;
  private final long[] offset;
  private final int[] subtreeEnd;
  private final int[] nodeOfRow;
  private final long weightTotal;

  private PathTree(
      int[] parent,
      int[] depth,
      int[] service,
      int[] operation,
      int[] count,
      int[] errors,
      long[] total,
      long[] self,
      long[] weight,
      long[] offset,
      int[] subtreeEnd,
      int[] nodeOfRow,
      long weightTotal) {
    this.parent = parent;
    this.depth = depth;
    this.service = service;
    this.operation = operation;
    this.count = count;
    this.errors = errors;
    this.total = total;
    this.self = self;
    this.weight = weight;
    this.offset = offset;
    this.subtreeEnd = subtreeEnd;
    this.nodeOfRow = nodeOfRow;
    this.weightTotal = weightTotal;
  }

  private record Key(int parent, int service, int operation) {}

  /**
   * Merges the rows of a trace by path.
   *
   * @param parentRow per row: the parent's row (always before it), or -1 for a root
   * @param service per row: service index
   * @param operation per row: operation index
   * @param duration per row: duration, µs
   * @param selfTime per row: self time, µs
   * @param error per row: whether the span failed
   */
  public static PathTree build(
      int[] parentRow,
      int[] service,
      int[] operation,
      long[] duration,
      long[] selfTime,
      boolean[] error) {
    int n = parentRow.length;
    // 1. Nodes numbered by first appearance ("raw" numbers).
    int[] rawOfRow = new int[n];
    int[] rawParent = new int[n];
    int[] rawService = new int[n];
    int[] rawOperation = new int[n];
    Map<Key, Integer> index = new HashMap<>();
    int nodes = 0;
    for (int r = 0; r < n; r++) {
      int p = parentRow[r];
      int parentNode = p < 0 ? -1 : rawOfRow[p];
      Key key = new Key(parentNode, service[r], operation[r]);
      Integer node = index.get(key);
      if (node == null) {
        node = nodes++;
        index.put(key, node);
        rawParent[node] = parentNode;
        rawService[node] = service[r];
        rawOperation[node] = operation[r];
      }
      rawOfRow[r] = node;
    }
    // 2. Children of each raw node, in raw order (compressed rows), then a pre-order walk.
    int[] childStart = new int[nodes + 1];
    int roots = 0;
    for (int v = 0; v < nodes; v++) {
      if (rawParent[v] < 0) {
        roots++;
      } else {
        childStart[rawParent[v] + 1]++;
      }
    }
    for (int v = 0; v < nodes; v++) {
      childStart[v + 1] += childStart[v];
    }
    int[] children = new int[Math.max(0, nodes - roots)];
    int[] rootList = new int[roots];
    int[] fill = new int[nodes];
    int rootFill = 0;
    for (int v = 0; v < nodes; v++) {
      int p = rawParent[v];
      if (p < 0) {
        rootList[rootFill++] = v;
      } else {
        children[childStart[p] + fill[p]++] = v;
      }
    }
    int[] preOrderOfRaw = new int[nodes];
    int[] rawAt = new int[nodes];
    int[] stack = new int[nodes];
    int top = 0;
    for (int i = roots - 1; i >= 0; i--) {
      stack[top++] = rootList[i];
    }
    int next = 0;
    while (top > 0) {
      int v = stack[--top];
      preOrderOfRaw[v] = next;
      rawAt[next++] = v;
      for (int c = childStart[v + 1] - 1; c >= childStart[v]; c--) {
        stack[top++] = children[c];
      }
    }
    // 3. Figures per node, in pre-order numbers.
    int[] parent = new int[nodes];
    int[] depth = new int[nodes];
    int[] svc = new int[nodes];
    int[] op = new int[nodes];
    for (int i = 0; i < nodes; i++) {
      int v = rawAt[i];
      parent[i] = rawParent[v] < 0 ? -1 : preOrderOfRaw[rawParent[v]];
      depth[i] = parent[i] < 0 ? 0 : depth[parent[i]] + 1;
      svc[i] = rawService[v];
      op[i] = rawOperation[v];
    }
    int[] count = new int[nodes];
    int[] errors = new int[nodes];
    long[] total = new long[nodes];
    long[] self = new long[nodes];
    int[] nodeOfRow = new int[n];
    for (int r = 0; r < n; r++) {
      int node = preOrderOfRaw[rawOfRow[r]];
      nodeOfRow[r] = node;
      count[node]++;
      total[node] += duration[r];
      self[node] += selfTime[r];
      if (error[r]) {
        errors[node]++;
      }
    }
    // 4. Weights and subtree ends bottom-up (children come after their parent), offsets top-down.
    long[] weight = self.clone();
    int[] size = new int[nodes];
    long weightTotal = 0;
    for (int i = nodes - 1; i >= 0; i--) {
      size[i]++;
      if (parent[i] >= 0) {
        weight[parent[i]] += weight[i];
        size[parent[i]] += size[i];
      } else {
        weightTotal += weight[i];
      }
    }
    int[] subtreeEnd = new int[nodes];
    long[] offset = new long[nodes];
    long[] nextOffset = new long[nodes];
    long rootOffset = 0;
    for (int i = 0; i < nodes; i++) {
      subtreeEnd[i] = i + size[i];
      if (parent[i] < 0) {
        offset[i] = rootOffset;
        rootOffset += weight[i];
      } else {
        offset[i] = nextOffset[parent[i]];
        nextOffset[parent[i]] += weight[i];
      }
      nextOffset[i] = offset[i];
    }
    return new PathTree(
        parent,
        depth,
        svc,
        op,
        count,
        errors,
        total,
        self,
        weight,
        offset,
        subtreeEnd,
        nodeOfRow,
        weightTotal);
  }

  /** Number of nodes. */
  public int size() {
    return parent.length;
  }

  /** The parent node, or -1 for a root. */
  public int parent(int node) {
    return parent[node];
  }

  public int depth(int node) {
    return depth[node];
  }

  /** The service index of the path's last span. */
  public int service(int node) {
    return service[node];
  }

  /** The operation index of the path's last span. */
  public int operation(int node) {
    return operation[node];
  }

  /** Spans on this path. */
  public int count(int node) {
    return count[node];
  }

  /** Failed spans on this path. */
  public int errors(int node) {
    return errors[node];
  }

  /** Sum of the durations of the spans on this path, µs. */
  public long total(int node) {
    return total[node];
  }

  /** Sum of the self times of the spans on this path, µs. */
  public long self(int node) {
    return self[node];
  }

  /** Self time summed over the node's subtree, µs: its width in the flamegraph. */
  public long weight(int node) {
    return weight[node];
  }

  /** Where the node starts in the flamegraph, µs of weight from the left edge. */
  public long offset(int node) {
    return offset[node];
  }

  /** The first node after this node's subtree. */
  public int subtreeEnd(int node) {
    return subtreeEnd[node];
  }

  /** The node a row (span) belongs to. */
  public int nodeOfRow(int row) {
    return nodeOfRow[row];
  }

  /** Number of rows merged. */
  public int rows() {
    return nodeOfRow.length;
  }

  /** The weight of all roots together: the flamegraph's full width. */
  public long weightTotal() {
    return weightTotal;
  }

  /** Deepest node's depth, -1 when empty. */
  public int maxDepth() {
    int max = -1;
    for (int d : depth) {
      max = Math.max(max, d);
    }
    return max;
  }

  /** A column copy for the browser. */
  public int[] depths() {
    return depth.clone();
  }

  public long[] offsets() {
    return offset.clone();
  }

  public long[] weights() {
    return weight.clone();
  }

  public long[] selfTimes() {
    return self.clone();
  }

  public int[] services() {
    return service.clone();
  }

  public int[] operations() {
    return operation.clone();
  }

  public int[] counts() {
    return count.clone();
  }

  public int[] errorCounts() {
    return errors.clone();
  }

  public long[] totals() {
    return total.clone();
  }
}
