package io.sightline.web.search;

import java.util.List;
import java.util.Map;

/**
 * The results of one search (or trace-ID lookup), ready to render.
 *
 * @param rows the traces in the chosen order
 * @param plot the scatter plot of the same traces
 * @param matched how many traces the storage returned
 * @param limit the limit the search asked for (0 for a lookup)
 * @param notFound IDs of a lookup that no store has (Jaeger issue #51: never dropped silently)
 * @param lookup whether this lists traces by ID rather than searching
 * @param sort the order of {@code rows}
 * @param sorts every order, for the sort control
 * @param params the canonical parameters of this search (hidden fields of the sort form)
 * @param moreHref the same search with a higher limit, when the limit was reached and can grow;
 *     else {@code null}
 * @param moreLimit the limit of {@code moreHref}
 * @param downloadHref the results as Jaeger's JSON ({@code {"data":[…]}})
 * @param windowStart the searched window's start, µs since the epoch (0 for a lookup)
 * @param windowEnd the searched window's end, µs since the epoch (0 for a lookup)
 * @param elapsedMillis how long storage took to answer, in ms
 */
record SearchResults(
    List<ResultRow> rows,
    ScatterPlot plot,
    int matched,
    int limit,
    List<String> notFound,
    boolean lookup,
    ResultSort sort,
    List<ResultSort> sorts,
    Map<String, List<String>> params,
    String moreHref,
    int moreLimit,
    String downloadHref,
    long windowStart,
    long windowEnd,
    long elapsedMillis) {

  /** Whether the storage returned as many traces as asked for (there may be more). */
  public boolean limitReached() {
    return !lookup && limit > 0 && matched >= limit;
  }

  public boolean empty() {
    return rows.isEmpty();
  }
}
