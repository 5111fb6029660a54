package io.sightline.web.trace;

import static io.sightline.web.LayeredLayout.num;

import io.sightline.web.Formats;
import io.sightline.web.LayeredLayout;
import io.sightline.web.ServicePalette;
import io.sightline.web.trace.stats.PathTree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The trace graph as SVG geometry: one box per merged service/operation path ({@link PathTree}), an
 * edge from each path to the paths it continues into, labelled with their call counts; laid out
 * left to right by {@link LayeredLayout}. Boxes are coloured by self time: five steps of the node's
 * self time relative to the largest.
 *
 * <p>A trace can have tens of thousands of distinct paths, more than a drawing can show: only the
 * {@link #MAX_NODES} heaviest are drawn (by self time over their subtree; a parent is never lighter
 * than its child, so the drawn nodes always reach a root). The table lists them all.
 *
 * @param nodes the boxes
 * @param edges the calls between them
 * @param width the drawing's width (the SVG {@code viewBox})
 * @param height the drawing's height
 * @param total nodes in the trace
 */
public record TraceGraphView(
    List<TraceGraphView.Node> nodes, List<Edge> edges, String width, String height, int total) {

  /** Most nodes drawn. */
  static final int MAX_NODES = 400;

  /** Height of a box: three lines. */
  static final double NODE_HEIGHT = 52;

  /** Longest service or operation name shown in full (the tooltip has them whole). */
  static final int MAX_LABEL = 36;

  /** Width of one character of a label, estimated (13px system font). */
  static final double CHAR_WIDTH = 7.3;

  /** Self-time colour steps ({@code heat-0} … {@code heat-4}). */
  static final int HEAT_STEPS = 5;

  /**
   * A box.
   *
   * @param node the path's node number ({@code path} parameter of the spans view)
   * @param service the service
   * @param operation the operation
   * @param serviceLabel the service as shown
   * @param operationLabel the operation as shown
   * @param figures "3× · self 12ms (4%)"
   * @param x left edge
   * @param y top edge
   * @param w width
   * @param textX where the lines start
   * @param slot the service's colour slot
   * @param heat self-time step, 0 (least) to 4
   * @param errors failed spans on the path
   * @param match whether the find query matched one of its spans
   * @param title the tooltip
   */
  public record Node(
      int node,
      String service,
      String operation,
      String serviceLabel,
      String operationLabel,
      String figures,
      String x,
      String y,
      String w,
      String textX,
      int slot,
      int heat,
      int errors,
      boolean match,
      String title) {

    /** Baselines of the three lines. */
    public String line(int i) {
      return num(Double.parseDouble(y) + 16 + 15 * i);
    }
  }

  /**
   * A call from one path to the next.
   *
   * @param d the SVG path
   * @param labelX where the count is written
   * @param labelY where the count is written
   * @param calls spans on the callee's path
   */
  public record Edge(String d, String labelX, String labelY, int calls) {}

  /**
   * Lays out the heaviest paths.
   *
   * @param matched per node, whether the find query matched it (or {@code null})
   */
  static TraceGraphView of(TraceView view, boolean[] matched) {
    PathTree paths = view.paths();
    int[] shown = heaviest(paths, MAX_NODES);
    int n = shown.length;
    int[] index = new int[paths.size()];
    Arrays.fill(index, -1);
    for (int i = 0; i < n; i++) {
      index[shown[i]] = i;
    }
    long maxSelf = 1;
    for (int node : shown) {
      maxSelf = Math.max(maxSelf, paths.self(node));
    }
    long traceDuration = Math.max(1, view.header.durationMicros());
    String[] service = new String[n];
    String[] operation = new String[n];
    String[] figures = new String[n];
    double[] widths = new double[n];
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int node = shown[i];
      service[i] = view.services.get(paths.service(node));
      operation[i] = view.strings.get(paths.operation(node));
      figures[i] =
          paths.count(node)
              + "× · self "
              + Formats.duration(paths.self(node))
              + " ("
              + PathTablePage.percent(paths.self(node), traceDuration)
              + ")"
              + (paths.errors(node) > 0 ? " · " + paths.errors(node) + " err" : "");
      int longest =
          Math.max(
              figures[i].length(), Math.max(cut(service[i]).length(), cut(operation[i]).length()));
      widths[i] = 24 + longest * CHAR_WIDTH;
      int parent = paths.parent(node);
      if (parent >= 0 && index[parent] >= 0) {
        edges.add(new int[] {index[parent], i});
      }
    }
    LayeredLayout.Result layout = LayeredLayout.layout(widths, NODE_HEIGHT, edges);
    List<Node> nodes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int node = shown[i];
      double x = layout.x()[i];
      double top = layout.y()[i] - NODE_HEIGHT / 2;
      int heat =
          (int) Math.min(HEAT_STEPS - 1, paths.self(node) * HEAT_STEPS / Math.max(1, maxSelf));
      nodes.add(
          new Node(
              node,
              service[i],
              operation[i],
              cut(service[i]),
              cut(operation[i]),
              figures[i],
              num(x),
              num(top),
              num(widths[i]),
              num(x + 14),
              ServicePalette.slot(paths.service(node)),
              heat,
              paths.errors(node),
              matched != null && matched[node],
              service[i]
                  + "\n"
                  + operation[i]
                  + "\nspans: "
                  + paths.count(node)
                  + " · errors: "
                  + paths.errors(node)
                  + "\ntotal: "
                  + Formats.duration(paths.total(node))
                  + " · self: "
                  + Formats.duration(paths.self(node))));
    }
    List<Edge> edgeViews = new ArrayList<>(edges.size());
    for (int e = 0; e < edges.size(); e++) {
      List<LayeredLayout.Point> points = layout.edgePoints().get(e);
      LayeredLayout.Point p0 = points.get(0);
      LayeredLayout.Point p1 = points.get(1);
      edgeViews.add(
          new Edge(
              LayeredLayout.path(points),
              num((p0.x() + p1.x()) / 2),
              num((p0.y() + p1.y()) / 2 - 4),
              paths.count(shown[edges.get(e)[1]])));
    }
    return new TraceGraphView(
        List.copyOf(nodes),
        List.copyOf(edgeViews),
        num(layout.width()),
        num(layout.height()),
        paths.size());
  }

  /**
   * The {@code limit} heaviest nodes, in node order. Ties go to the earlier node, and a parent is
   * never lighter than its children and always earlier, so the set holds every chosen node's
   * ancestors.
   */
  static int[] heaviest(PathTree paths, int limit) {
    int size = paths.size();
    if (size <= limit) {
      int[] all = new int[size];
      Arrays.setAll(all, i -> i);
      return all;
    }
    Integer[] order = new Integer[size];
    Arrays.setAll(order, i -> i);
    Arrays.sort(
        order,
        (a, b) ->
            paths.weight(a) != paths.weight(b)
                ? Long.compare(paths.weight(b), paths.weight(a))
                : Integer.compare(a, b));
    int[] chosen = new int[limit];
    for (int i = 0; i < limit; i++) {
      chosen[i] = order[i];
    }
    Arrays.sort(chosen);
    return chosen;
  }

  private static String cut(String text) {
    return text.codePointCount(0, text.length()) > MAX_LABEL
        ? text.substring(0, text.offsetByCodePoints(0, MAX_LABEL - 1)) + "…"
        : text;
  }

  /** Whether some nodes are left out of the drawing. */
  public boolean partial() {
    return nodes.size() < total;
  }
}
