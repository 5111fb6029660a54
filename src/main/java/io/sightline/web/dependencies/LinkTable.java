package io.sightline.web.dependencies;

import io.sightline.trace.DependencyLink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The links as a table ({@code view=table}), sortable without script: {@code sort} ({@code parent},
 * {@code child} or {@code calls}, the default) and {@code dir}.
 *
 * @param rows the links, sorted
 * @param columns the headers, each a link sorting by it
 * @param selfCalls calls within a service, by service
 */
record LinkTable(List<LinkRow> rows, List<Column> columns, Map<String, Long> selfCalls) {

  /**
   * A row of the table.
   *
   * @param parent the caller
   * @param child the callee
   * @param calls how many calls
   * @param parentHref the search page for the caller
   * @param childHref the search page for the callee
   * @param match whether the find text matches the caller or the callee
   */
  record LinkRow(
      String parent,
      String child,
      long calls,
      String parentHref,
      String childHref,
      boolean match) {}

  /**
   * A sortable column header.
   *
   * @param key the sort's URL value
   * @param label the header
   * @param href the page sorted by this column (descending first for counts, ascending for names;
   *     the other way round when it is already the sort)
   * @param ariaSort {@code ascending}, {@code descending} or {@code none}
   */
  record Column(String key, String label, String href, String ariaSort) {}

  private static final String[][] COLUMNS = {
    {"parent", "Caller"}, {"child", "Callee"}, {"calls", "Calls"}
  };

  /**
   * @param sort the {@code sort} parameter ({@code ""} for the default)
   * @param dir the {@code dir} parameter ({@code ""} for the column's default)
   * @param query the find text, lower case ({@code ""} for none)
   * @param sortHref the page sorted by a column in a direction
   * @param searchHref the search page of a service
   */
  static LinkTable of(
      ServiceGraph graph,
      String sort,
      String dir,
      String query,
      BiFunction<String, String, String> sortHref,
      Function<String, String> searchHref) {
    if (!List.of("parent", "child", "calls").contains(sort)) {
      sort = "calls";
    }
    boolean countSort = sort.equals("calls");
    boolean descending = (dir.isEmpty() ? (countSort ? "desc" : "asc") : dir).equals("desc");
    Comparator<DependencyLink> order =
        switch (sort) {
          case "parent" ->
              Comparator.comparing(DependencyLink::parent).thenComparing(DependencyLink::child);
          case "child" ->
              Comparator.comparing(DependencyLink::child).thenComparing(DependencyLink::parent);
          default ->
              Comparator.comparingLong(DependencyLink::callCount)
                  .thenComparing(DependencyLink::parent)
                  .thenComparing(DependencyLink::child);
        };
    if (descending) {
      order = order.reversed();
    }
    List<LinkRow> rows = new ArrayList<>();
    for (DependencyLink link : graph.links().stream().sorted(order).toList()) {
      rows.add(
          new LinkRow(
              link.parent(),
              link.child(),
              link.callCount(),
              searchHref.apply(link.parent()),
              searchHref.apply(link.child()),
              !query.isEmpty()
                  && (link.parent().toLowerCase(Locale.ROOT).contains(query)
                      || link.child().toLowerCase(Locale.ROOT).contains(query))));
    }
    List<Column> columns = new ArrayList<>();
    for (String[] c : COLUMNS) {
      boolean active = c[0].equals(sort);
      String nextDir;
      if (active) {
        nextDir = descending ? "asc" : "desc";
      } else {
        nextDir = c[0].equals("calls") ? "desc" : "asc";
      }
      columns.add(
          new Column(
              c[0],
              c[1],
              sortHref.apply(c[0], nextDir),
              active ? (descending ? "descending" : "ascending") : "none"));
    }
    return new LinkTable(List.copyOf(rows), List.copyOf(columns), new TreeMap<>(graph.selfCalls()));
  }
}
