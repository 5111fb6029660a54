package io.sightline.web.search;

import io.sightline.web.TraceSummary;
import java.util.Comparator;
import java.util.List;

/**
 * The orders of the result list ({@code sort=} in the URL). They sort the page of results the
 * search returned, not every trace in storage (which Jaeger's storage cannot), and the page says
 * so. Ties keep the storage's order (newest match first), so every order is stable. {@code
 * static/js/search/page.js} re-sorts the rendered rows with the same rules.
 */
@SuppressWarnings("ImmutableEnumChecker") // the comparators are stateless
enum ResultSort {
  RECENT("recent", "Most recent", Comparator.comparingLong(TraceSummary::startMicros).reversed()),
  OLDEST("oldest", "Oldest first", Comparator.comparingLong(TraceSummary::startMicros)),
  LONGEST(
      "longest",
      "Longest first",
      Comparator.comparingLong(TraceSummary::durationMicros).reversed()),
  SHORTEST("shortest", "Shortest first", Comparator.comparingLong(TraceSummary::durationMicros)),
  MOST_SPANS(
      "mostSpans", "Most spans", Comparator.comparingInt(TraceSummary::spanCount).reversed()),
  FEWEST_SPANS("fewestSpans", "Fewest spans", Comparator.comparingInt(TraceSummary::spanCount)),
  MOST_ERRORS(
      "mostErrors", "Most errors", Comparator.comparingInt(TraceSummary::errorCount).reversed());

  private final String value;
  private final String label;
  private final Comparator<TraceSummary> order;

  ResultSort(String value, String label, Comparator<TraceSummary> order) {
    this.value = value;
    this.label = label;
    this.order = order;
  }

  public String value() {
    return value;
  }

  public String label() {
    return label;
  }

  /** The sort named by the URL value; {@link #RECENT} for none or an unknown one. */
  static ResultSort of(String value) {
    for (ResultSort sort : values()) {
      if (sort.value.equals(value)) {
        return sort;
      }
    }
    return RECENT;
  }

  /** The summaries in this order (a new list; stable). */
  List<TraceSummary> sort(List<TraceSummary> summaries) {
    return summaries.stream().sorted(order).toList();
  }
}
