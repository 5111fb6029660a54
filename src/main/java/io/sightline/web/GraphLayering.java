package io.sightline.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The first two steps of {@link LayeredLayout}: break the cycles (reverse the back edges of a
 * depth-first search), then assign every node a layer (column).
 */
final class GraphLayering {

  private GraphLayering() {}

  /** The back edges of a DFS from the nodes without callers, then from the rest. */
  static boolean[] breakCycles(int n, List<int[]> edges) {
    int m = edges.size();
    boolean[] reversed = new boolean[m];
    int[] indegree = degrees(n, m, e -> edges.get(e)[1]);
    List<List<Integer>> out = outEdges(n, m, e -> edges.get(e)[0]);
    for (List<Integer> list : out) {
      list.sort(Comparator.comparingInt((Integer i) -> edges.get(i)[1]).thenComparingInt(i -> i));
    }
    List<Integer> starts = new ArrayList<>(n);
    for (int v = 0; v < n; v++) {
      if (indegree[v] == 0) {
        starts.add(v);
      }
    }
    for (int v = 0; v < n; v++) {
      if (indegree[v] != 0) {
        starts.add(v);
      }
    }
    byte[] state = new byte[n]; // 0 new, 1 on the stack, 2 done
    int[] next = new int[n];
    Deque<Integer> stack = new ArrayDeque<>();
    for (int start : starts) {
      if (state[start] != 0) {
        continue;
      }
      state[start] = 1;
      stack.push(start);
      while (!stack.isEmpty()) {
        int v = stack.peek();
        List<Integer> edgesOut = out.get(v);
        if (next[v] < edgesOut.size()) {
          int e = edgesOut.get(next[v]++);
          int w = edges.get(e)[1];
          if (state[w] == 1) {
            reversed[e] = true;
          } else if (state[w] == 0) {
            state[w] = 1;
            stack.push(w);
          }
        } else {
          state[v] = 2;
          stack.pop();
        }
      }
    }
    return reversed;
  }

  /** Longest-path layers of an acyclic graph, sources pulled right to their nearest callee. */
  static int[] layers(int n, int[] from, int[] to) {
    int m = from.length;
    int[] indegree = degrees(n, m, e -> to[e]);
    List<List<Integer>> out = outEdges(n, m, e -> from[e]);
    int[] layer = new int[n];
    int[] remaining = indegree.clone();
    Deque<Integer> queue = new ArrayDeque<>();
    for (int v = 0; v < n; v++) {
      if (remaining[v] == 0) {
        queue.add(v);
      }
    }
    int seen = 0;
    while (!queue.isEmpty()) {
      int v = queue.poll();
      seen++;
      for (int e : out.get(v)) {
        int w = to[e];
        layer[w] = Math.max(layer[w], layer[v] + 1);
        if (--remaining[w] == 0) {
          queue.add(w);
        }
      }
    }
    if (seen != n) {
      throw new IllegalStateException("the graph still has a cycle");
    }
    for (int v = 0; v < n; v++) {
      if (indegree[v] == 0 && !out.get(v).isEmpty()) {
        int nearest = Integer.MAX_VALUE;
        for (int e : out.get(v)) {
          nearest = Math.min(nearest, layer[to[e]]);
        }
        layer[v] = nearest - 1;
      }
    }
    return layer;
  }

  /**
   * Each node's outgoing edges, as edge indices in edge order; {@code source} maps an edge to its
   * tail.
   */
  private static List<List<Integer>> outEdges(int n, int m, IntUnaryOperator source) {
    List<List<Integer>> out = new ArrayList<>(n);
    for (int v = 0; v < n; v++) {
      out.add(new ArrayList<>());
    }
    for (int e = 0; e < m; e++) {
      out.get(source.applyAsInt(e)).add(e);
    }
    return out;
  }

  /**
   * Per node, how many of the {@code m} edges have it at the end {@code end} picks (head or tail).
   */
  private static int[] degrees(int n, int m, IntUnaryOperator end) {
    int[] degree = new int[n];
    for (int e = 0; e < m; e++) {
      degree[end.applyAsInt(e)]++;
    }
    return degree;
  }
}
