package io.sightline.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A layered ("Sugiyama") drawing of a directed graph, left to right, computed on the server so the
 * page needs no layout library:
 *
 * <ol>
 *   <li><b>Cycles</b> are broken by reversing the back edges of a depth-first search that starts at
 *       the nodes nobody calls (then the rest, in index order). Reversed edges are still drawn in
 *       their own direction, right to left.
 *   <li><b>Layers</b>: longest path from the sources; then a source is pulled right to just before
 *       its nearest callee, so that a service that only calls deep ones does not stretch its edges
 *       across the picture.
 *   <li>Edges spanning several layers get a <b>dummy node</b> in every layer between, so they can
 *       bend around nodes.
 *   <li><b>Crossing reduction</b>: alternating down and up sweeps, each layer sorted (stably) by
 *       the barycenter of its neighbours in the previous layer; the ordering with the fewest
 *       crossings (counted exactly, with a Fenwick tree) wins.
 *   <li><b>Coordinates</b>: columns as wide as their widest node; within a column, positions that
 *       stay as close as possible to the neighbours' average while keeping the minimum spacing —
 *       each pass is an exact least-squares fit under ordering constraints (pool adjacent
 *       violators).
 * </ol>
 *
 * Everything is deterministic (index order and stable sorts only): the same graph gives the same
 * picture. Lengths are in SVG user units (px at zoom 1).
 */
public final class LayeredLayout {

  /** Horizontal gap between columns, room for the call-count labels on the edges. */
  static final double GAP_X = 110;

  /** Vertical gap between two nodes of one column. */
  public static final double GAP_Y = 16;

  /** Vertical room a dummy node (an edge passing through a column) takes. */
  static final double DUMMY_HEIGHT = 4;

  /** Vertical gap next to a dummy node: room for a call count between two passing edges. */
  static final double DUMMY_GAP = 10;

  /** Margin around the drawing. */
  static final double MARGIN = 20;

  /** Offset of a reversed edge, so that a→b and b→a do not draw on top of each other. */
  static final double REVERSED_OFFSET = 6;

  private static final int SWEEPS = 24;
  private static final int COORDINATE_PASSES = 12;

  /**
   * A point of an edge's path.
   *
   * @param x horizontal position
   * @param y vertical position
   */
  public record Point(double x, double y) {}

  /**
   * The drawing.
   *
   * @param x each node's left edge
   * @param y each node's vertical centre
   * @param layer each node's column
   * @param edgePoints per input edge, its polyline from the caller's side to the callee's: from the
   *     caller's right edge to the callee's left edge (right to left for a reversed edge)
   * @param reversed per input edge, whether it was reversed to break a cycle
   * @param width the drawing's width, margins included
   * @param height the drawing's height, margins included
   * @param crossings edge crossings left (between adjacent columns)
   */
  @SuppressWarnings("ArrayRecordComponent") // a result carrier, never compared or hashed
  public record Result(
      double[] x,
      double[] y,
      int[] layer,
      List<List<Point>> edgePoints,
      boolean[] reversed,
      double width,
      double height,
      int crossings) {}

  private LayeredLayout() {}

  /**
   * Lays out nodes {@code 0..n-1} with the given widths and one common height, connected by {@code
   * edges} ({@code {from, to}}; no self loops — draw those apart; parallel edges allowed).
   */
  public static Result layout(double[] widths, double nodeHeight, List<int[]> edges) {
    return layout(widths, nodeHeight, edges, SWEEPS);
  }

  /** {@link #layout(double[], double, List)} with a given number of crossing-reduction sweeps. */
  public static Result layout(double[] widths, double nodeHeight, List<int[]> edges, int sweeps) {
    int n = widths.length;
    int m = edges.size();
    for (int[] e : edges) {
      if (e[0] < 0 || e[0] >= n || e[1] < 0 || e[1] >= n || e[0] == e[1]) {
        throw new IllegalArgumentException("bad edge " + Arrays.toString(e));
      }
    }
    boolean[] reversed = GraphLayering.breakCycles(n, edges);
    int[] from = new int[m];
    int[] to = new int[m];
    for (int i = 0; i < m; i++) {
      int[] e = edges.get(i);
      from[i] = reversed[i] ? e[1] : e[0];
      to[i] = reversed[i] ? e[0] : e[1];
    }
    int[] layer = GraphLayering.layers(n, from, to);

    // The layered graph: real nodes 0..n-1, then dummies; segments join adjacent layers.
    List<Integer> nodeLayer = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      nodeLayer.add(layer[v]);
    }
    List<int[]> chains = new ArrayList<>(m);
    List<int[]> segments = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      int span = layer[to[i]] - layer[from[i]];
      int[] chain = new int[span + 1];
      chain[0] = from[i];
      for (int k = 1; k < span; k++) {
        chain[k] = nodeLayer.size();
        nodeLayer.add(layer[from[i]] + k);
      }
      chain[span] = to[i];
      for (int k = 0; k < span; k++) {
        segments.add(new int[] {chain[k], chain[k + 1]});
      }
      chains.add(chain);
    }
    int total = nodeLayer.size();
    int layerCount = 0;
    for (int l : nodeLayer) {
      layerCount = Math.max(layerCount, l + 1);
    }
    int[] lay = new int[total];
    for (int v = 0; v < total; v++) {
      lay[v] = nodeLayer.get(v);
    }
    int[][] preds = adjacency(total, segments, true);
    int[][] succs = adjacency(total, segments, false);

    // Initial order: index order within each layer (names for real nodes, creation for dummies).
    List<List<Integer>> order = new ArrayList<>();
    for (int l = 0; l < layerCount; l++) {
      order.add(new ArrayList<>());
    }
    for (int v = 0; v < total; v++) {
      order.get(lay[v]).add(v);
    }
    int[] pos = new int[total];
    positions(order, pos);
    int best = crossings(order, pos, succs);
    List<List<Integer>> bestOrder = copy(order);
    for (int sweep = 0; sweep < sweeps && best > 0; sweep++) {
      boolean down = sweep % 2 == 0;
      if (down) {
        for (int l = 1; l < layerCount; l++) {
          reorder(order.get(l), preds, pos);
        }
      } else {
        for (int l = layerCount - 2; l >= 0; l--) {
          reorder(order.get(l), succs, pos);
        }
      }
      int c = crossings(order, pos, succs);
      if (c < best) {
        best = c;
        bestOrder = copy(order);
      }
    }
    order = bestOrder;
    positions(order, pos);

    // Columns.
    double[] columnWidth = new double[layerCount];
    for (int v = 0; v < n; v++) {
      columnWidth[layer[v]] = Math.max(columnWidth[layer[v]], widths[v]);
    }
    double[] columnX = new double[layerCount];
    double x = MARGIN;
    for (int l = 0; l < layerCount; l++) {
      columnX[l] = x;
      x += columnWidth[l] + GAP_X;
    }
    double width = layerCount == 0 ? 2 * MARGIN : x - GAP_X + MARGIN;

    // Vertical positions.
    double[] height = new double[total];
    for (int v = 0; v < total; v++) {
      height[v] = v < n ? nodeHeight : DUMMY_HEIGHT;
    }
    double[] y = new double[total];
    for (List<Integer> column : order) {
      double[] offsets = ColumnPlacement.offsets(column, height, n);
      double middle = offsets.length == 0 ? 0 : offsets[offsets.length - 1] / 2;
      for (int i = 0; i < column.size(); i++) {
        y[column.get(i)] = offsets[i] - middle;
      }
    }
    for (int pass = 0; pass < COORDINATE_PASSES; pass++) {
      int kind = pass % 3; // 0: to callers, 1: to callees, 2: both
      if (kind == 1) {
        for (int l = layerCount - 2; l >= 0; l--) {
          ColumnPlacement.place(order.get(l), y, height, n, succs, null);
        }
      } else {
        for (int l = kind == 0 ? 1 : 0; l < layerCount; l++) {
          ColumnPlacement.place(order.get(l), y, height, n, preds, kind == 2 ? succs : null);
        }
      }
    }
    double top = Double.MAX_VALUE;
    double bottom = -Double.MAX_VALUE;
    for (int v = 0; v < total; v++) {
      top = Math.min(top, y[v] - height[v] / 2);
      bottom = Math.max(bottom, y[v] + height[v] / 2);
    }
    if (total == 0) {
      top = 0;
      bottom = 0;
    }
    double shift = MARGIN - top;
    for (int v = 0; v < total; v++) {
      y[v] += shift;
    }
    double drawingHeight = bottom - top + 2 * MARGIN + REVERSED_OFFSET;

    double[] nodeX = new double[n];
    double[] nodeY = new double[n];
    for (int v = 0; v < n; v++) {
      nodeX[v] = columnX[layer[v]] + (columnWidth[layer[v]] - widths[v]) / 2;
      nodeY[v] = y[v];
    }
    List<List<Point>> paths = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      int[] chain = chains.get(i);
      double dy = reversed[i] ? REVERSED_OFFSET : 0;
      List<Point> points = new ArrayList<>(2 * chain.length);
      int source = chain[0];
      int target = chain[chain.length - 1];
      points.add(new Point(nodeX[source] + widths[source], y[source] + dy));
      for (int k = 1; k < chain.length - 1; k++) {
        int d = chain[k];
        int l = lay[d];
        points.add(new Point(columnX[l], y[d] + dy));
        points.add(new Point(columnX[l] + columnWidth[l], y[d] + dy));
      }
      points.add(new Point(nodeX[target], y[target] + dy));
      if (reversed[i]) {
        java.util.Collections.reverse(points);
      }
      paths.add(List.copyOf(points));
    }
    return new Result(
        nodeX, nodeY, layer, List.copyOf(paths), reversed, width, drawingHeight, best);
  }

  private static int[][] adjacency(int total, List<int[]> segments, boolean predecessors) {
    int[] count = new int[total];
    for (int[] s : segments) {
      count[predecessors ? s[1] : s[0]]++;
    }
    int[][] adj = new int[total][];
    for (int v = 0; v < total; v++) {
      adj[v] = new int[count[v]];
    }
    int[] fill = new int[total];
    for (int[] s : segments) {
      int v = predecessors ? s[1] : s[0];
      adj[v][fill[v]++] = predecessors ? s[0] : s[1];
    }
    return adj;
  }

  private static void positions(List<List<Integer>> order, int[] pos) {
    for (List<Integer> column : order) {
      for (int i = 0; i < column.size(); i++) {
        pos[column.get(i)] = i;
      }
    }
  }

  /** Sorts a layer by the barycenter of each node's neighbours (stable; none: stays put). */
  private static void reorder(List<Integer> column, int[][] neighbours, int[] pos) {
    int size = column.size();
    double[] key = new double[size];
    Integer[] index = new Integer[size];
    for (int i = 0; i < size; i++) {
      int v = column.get(i);
      int[] nb = neighbours[v];
      if (nb.length == 0) {
        key[i] = pos[v];
      } else {
        double sum = 0;
        for (int w : nb) {
          sum += pos[w];
        }
        key[i] = sum / nb.length;
      }
      index[i] = i;
    }
    Arrays.sort(index, Comparator.comparingDouble(i -> key[i]));
    List<Integer> sorted = new ArrayList<>(size);
    for (int i : index) {
      sorted.add(column.get(i));
    }
    for (int i = 0; i < size; i++) {
      column.set(i, sorted.get(i));
      pos[sorted.get(i)] = i;
    }
  }

  /** Crossings between every pair of adjacent layers. */
  public static int crossings(List<List<Integer>> order, int[] pos, int[][] succs) {
    int total = 0;
    for (int l = 0; l + 1 < order.size(); l++) {
      List<int[]> pairs = new ArrayList<>();
      for (int v : order.get(l)) {
        for (int w : succs[v]) {
          pairs.add(new int[] {pos[v], pos[w]});
        }
      }
      pairs.sort(Comparator.<int[]>comparingInt(p -> p[0]).thenComparingInt(p -> p[1]));
      int size = order.get(l + 1).size();
      int[] tree = new int[size + 1];
      int inserted = 0;
      for (int[] p : pairs) {
        // crossings: earlier pairs whose lower end is to the right of this one's
        int notGreater = 0;
        for (int i = p[1] + 1; i > 0; i -= i & -i) {
          notGreater += tree[i];
        }
        total += inserted - notGreater;
        for (int i = p[1] + 1; i <= size; i += i & -i) {
          tree[i]++;
        }
        inserted++;
      }
    }
    return total;
  }

  private static List<List<Integer>> copy(List<List<Integer>> order) {
    List<List<Integer>> out = new ArrayList<>(order.size());
    for (List<Integer> column : order) {
      out.add(new ArrayList<>(column));
    }
    return out;
  }

  /** A smooth SVG path through the points: horizontal tangents at every point (cubic Béziers). */
  public static String path(List<Point> points) {
    StringBuilder d = new StringBuilder();
    Point first = points.get(0);
    d.append('M').append(num(first.x())).append(' ').append(num(first.y()));
    for (int i = 1; i < points.size(); i++) {
      Point a = points.get(i - 1);
      Point b = points.get(i);
      double half = (b.x() - a.x()) / 2;
      d.append(" C")
          .append(num(a.x() + half))
          .append(' ')
          .append(num(a.y()))
          .append(' ')
          .append(num(b.x() - half))
          .append(' ')
          .append(num(b.y()))
          .append(' ')
          .append(num(b.x()))
          .append(' ')
          .append(num(b.y()));
    }
    return d.toString();
  }

  /** An SVG coordinate: one decimal, none when whole. */
  public static String num(double value) {
    String s = String.format(Locale.ROOT, "%.1f", value);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }
}
