package io.sightline.web.dependencies;

import io.sightline.trace.DependencyLink;
import io.sightline.web.LayeredLayout;
import io.sightline.web.ServicePalette;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The service graph as SVG geometry, laid out by {@link io.sightline.web.LayeredLayout}: a box per
 * service (a dot sized by its traffic, in the service's colour, and the name), a curve per caller →
 * callee pair with its call count.
 *
 * @param nodes the services
 * @param edges the calls
 * @param width the drawing's width (the SVG {@code viewBox})
 * @param height the drawing's height
 * @param crossings edge crossings the layout could not avoid
 * @param matches how many services the search text matched ({@code 0} without one)
 */
record GraphView(
    List<Node> nodes, List<Edge> edges, String width, String height, int crossings, int matches) {

  /** Height of a service box. */
  static final double NODE_HEIGHT = 32;

  /** Longest name shown in full; longer ones are cut (the tooltip has them whole). */
  static final int MAX_LABEL = 40;

  /** Width of one character of the label, estimated (13px system font). */
  static final double CHAR_WIDTH = 7.3;

  /**
   * A service.
   *
   * @param name the service
   * @param label the name as shown (cut when very long)
   * @param x the box's left edge
   * @param y the box's top edge
   * @param w the box's width
   * @param cx the dot's centre x
   * @param cy the dot's centre y (also the text's middle)
   * @param r the dot's radius, growing with the calls in and out
   * @param textX where the name starts
   * @param textY the name's baseline
   * @param iconX where the "view traces" icon starts
   * @param icon the icon's SVG transform (a translation to its place)
   * @param slot the service's colour slot
   * @param callsIn calls received from other services
   * @param callsOut calls made to other services
   * @param selfCalls calls to itself
   * @param focus whether this is the focal service
   * @param match whether the search text matches the name
   * @param focusHref a link focusing the graph on this service
   * @param tracesHref the search page for this service
   */
  record Node(
      String name,
      String label,
      String x,
      String y,
      String w,
      String cx,
      String cy,
      String r,
      String textX,
      String textY,
      String iconX,
      String icon,
      int slot,
      long callsIn,
      long callsOut,
      long selfCalls,
      boolean focus,
      boolean match,
      String focusHref,
      String tracesHref) {

    /** The tooltip. */
    public String title() {
      return name
          + "\ncalls out: "
          + callsOut
          + " · calls in: "
          + callsIn
          + (selfCalls > 0 ? " · calls itself: " + selfCalls : "");
    }
  }

  /**
   * Calls from one service to another.
   *
   * @param from the caller
   * @param to the callee
   * @param calls how many
   * @param d the SVG path
   * @param labelX where the count is written
   * @param labelY where the count is written
   * @param reversed whether the edge points against the layout's direction (part of a cycle)
   */
  record Edge(
      String from,
      String to,
      long calls,
      String d,
      String labelX,
      String labelY,
      boolean reversed) {

    public String title() {
      return from + " → " + to + ": " + calls + (calls == 1 ? " call" : " calls");
    }
  }

  /**
   * Lays out the graph.
   *
   * @param focus the focal service, or {@code ""}
   * @param query the search text ({@code ""} for none); matches are case-insensitive substrings
   * @param focusHref a service's "set focus" link
   * @param tracesHref a service's search link
   */
  static GraphView of(
      ServiceGraph graph,
      String focus,
      String query,
      Function<String, String> focusHref,
      Function<String, String> tracesHref) {
    List<String> services = graph.services();
    int n = services.size();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(services.get(i), i);
    }
    long[] in = new long[n];
    long[] out = new long[n];
    List<int[]> edges = new ArrayList<>();
    for (DependencyLink link : graph.links()) {
      int a = index.get(link.parent());
      int b = index.get(link.child());
      edges.add(new int[] {a, b});
      out[a] += link.callCount();
      in[b] += link.callCount();
    }
    long maxTraffic = 1;
    long[] self = new long[n];
    for (int i = 0; i < n; i++) {
      self[i] = graph.selfCalls().getOrDefault(services.get(i), 0L);
      maxTraffic = Math.max(maxTraffic, in[i] + out[i] + self[i]);
    }
    double[] radius = new double[n];
    double[] widths = new double[n];
    String[] labels = new String[n];
    for (int i = 0; i < n; i++) {
      radius[i] = 4 + 7 * Math.sqrt((in[i] + out[i] + self[i]) / (double) maxTraffic);
      String name = services.get(i);
      labels[i] =
          name.codePointCount(0, name.length()) > MAX_LABEL
              ? name.substring(0, name.offsetByCodePoints(0, MAX_LABEL - 1)) + "…"
              : name;
      // dot column (30) + name + gap + "view traces" icon (20) + padding
      widths[i] = 30 + labels[i].length() * CHAR_WIDTH + 8 + 20 + 6;
    }
    LayeredLayout.Result layout = LayeredLayout.layout(widths, NODE_HEIGHT, edges);
    String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
    int matches = 0;
    List<Node> nodes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String name = services.get(i);
      double x = layout.x()[i];
      double cy = layout.y()[i];
      boolean match = !q.isEmpty() && name.toLowerCase(Locale.ROOT).contains(q);
      if (match) {
        matches++;
      }
      nodes.add(
          new Node(
              name,
              labels[i],
              LayeredLayout.num(x),
              LayeredLayout.num(cy - NODE_HEIGHT / 2),
              LayeredLayout.num(widths[i]),
              LayeredLayout.num(x + 15),
              LayeredLayout.num(cy),
              LayeredLayout.num(radius[i]),
              LayeredLayout.num(x + 30),
              LayeredLayout.num(cy + 4.5),
              LayeredLayout.num(x + widths[i] - 24),
              "translate("
                  + LayeredLayout.num(x + widths[i] - 22)
                  + " "
                  + LayeredLayout.num(cy - 8)
                  + ")",
              ServicePalette.slotOf(name),
              in[i],
              out[i],
              self[i],
              name.equals(focus),
              match,
              focusHref.apply(name),
              tracesHref.apply(name)));
    }
    List<Edge> edgeViews = new ArrayList<>(edges.size());
    for (int e = 0; e < edges.size(); e++) {
      DependencyLink link = graph.links().get(e);
      List<LayeredLayout.Point> points = layout.edgePoints().get(e);
      // The count goes halfway: on the middle column's straight run for a long edge (where edges
      // lie apart), else in the middle of the one curve.
      int dummies = (points.size() - 2) / 2;
      int at = dummies == 0 ? 0 : 1 + 2 * (dummies / 2);
      LayeredLayout.Point p0 = points.get(at);
      LayeredLayout.Point p1 = points.get(at + 1);
      edgeViews.add(
          new Edge(
              link.parent(),
              link.child(),
              link.callCount(),
              LayeredLayout.path(points),
              LayeredLayout.num((p0.x() + p1.x()) / 2),
              LayeredLayout.num((p0.y() + p1.y()) / 2 - 4),
              layout.reversed()[e]));
    }
    return new GraphView(
        List.copyOf(nodes),
        List.copyOf(edgeViews),
        LayeredLayout.num(layout.width()),
        LayeredLayout.num(layout.height()),
        layout.crossings(),
        matches);
  }
}
