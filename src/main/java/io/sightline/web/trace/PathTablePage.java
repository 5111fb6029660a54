package io.sightline.web.trace;

import io.sightline.web.ServicePalette;
import io.sightline.web.trace.stats.PathTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The flamegraph and trace graph as a table (what a browser without JavaScript shows, and the list
 * under the drawings): the trace's merged paths in depth-first order, indented by depth, one page
 * at a time. With a zoom node, only that node's subtree.
 *
 * @param rows this page's rows
 * @param zoom the node zoomed into, or -1 for the whole trace
 * @param zoomLabel the zoom node's "service: operation", or {@code ""}
 * @param nodes nodes in the table (the zoomed subtree, or all)
 * @param page this page, 0-based
 * @param pages number of pages (at least 1)
 * @param matches nodes the find query matched, in the whole trace
 */
public record PathTablePage(
    List<PathTablePage.Row> rows,
    int zoom,
    String zoomLabel,
    int nodes,
    int page,
    int pages,
    int matches) {

  /** Rows per page. */
  static final int PAGE_SIZE = 100;

  /** Deepest indentation written; deeper nodes show their depth instead. */
  static final int MAX_INDENT = 24;

  /**
   * A merged path; durations in µs.
   *
   * @param node the node's number (its {@code path} / {@code node} parameter)
   * @param depth its depth
   * @param indent leading spaces for its depth (two per level, at most {@link #MAX_INDENT} levels)
   * @param service service name
   * @param slot the service's colour slot
   * @param operation operation name
   * @param count spans on the path
   * @param errors failed spans
   * @param total sum of durations
   * @param self sum of self times
   * @param weight self time over the subtree (the flamegraph width)
   * @param percent the weight in percent of the table's top (the zoom node or all roots)
   * @param leaf whether no path continues below
   * @param match whether the find query matched one of its spans
   */
  public record Row(
      int node,
      int depth,
      String indent,
      String service,
      int slot,
      String operation,
      int count,
      int errors,
      long total,
      long self,
      long weight,
      String percent,
      boolean leaf,
      boolean match) {}

  /**
   * A page of the table.
   *
   * @param zoom a node to show the subtree of, or -1 (out-of-range values read as -1)
   * @param matched per node, whether the find query matched it (or {@code null})
   */
  static PathTablePage of(TraceView view, int zoom, boolean[] matched, int page) {
    PathTree paths = view.paths();
    int z = zoom >= 0 && zoom < paths.size() ? zoom : -1;
    int from = z < 0 ? 0 : z;
    int to = z < 0 ? paths.size() : paths.subtreeEnd(z);
    long top = z < 0 ? paths.weightTotal() : paths.weight(z);
    int nodes = to - from;
    int pages = Math.max(1, (nodes + PAGE_SIZE - 1) / PAGE_SIZE);
    int p = Math.min(page, pages - 1);
    int first = from + p * PAGE_SIZE;
    int last = Math.min(to, first + PAGE_SIZE);
    int baseDepth = z < 0 ? 0 : paths.depth(z);
    List<Row> rows = new ArrayList<>(Math.max(0, last - first));
    for (int i = first; i < last; i++) {
      int depth = paths.depth(i) - baseDepth;
      rows.add(
          new Row(
              i,
              paths.depth(i),
              "  ".repeat(Math.min(depth, MAX_INDENT)),
              view.services.get(paths.service(i)),
              ServicePalette.slot(paths.service(i)),
              view.strings.get(paths.operation(i)),
              paths.count(i),
              paths.errors(i),
              paths.total(i),
              paths.self(i),
              paths.weight(i),
              percent(paths.weight(i), top),
              paths.subtreeEnd(i) == i + 1,
              matched != null && matched[i]));
    }
    int matches = 0;
    if (matched != null) {
      for (boolean m : matched) {
        matches += m ? 1 : 0;
      }
    }
    String zoomLabel =
        z < 0
            ? ""
            : view.services.get(paths.service(z)) + ": " + view.strings.get(paths.operation(z));
    return new PathTablePage(List.copyOf(rows), z, zoomLabel, nodes, p, pages, matches);
  }

  static String percent(long part, long whole) {
    return whole <= 0
        ? "0%"
        : String.format(Locale.ROOT, "%.1f%%", part * 100.0 / whole).replace(".0%", "%");
  }

  /** The first row's place in the table, 1-based (0 when empty). */
  public int firstShown() {
    return rows.isEmpty() ? 0 : page * PAGE_SIZE + 1;
  }

  public int lastShown() {
    return page * PAGE_SIZE + rows.size();
  }
}
