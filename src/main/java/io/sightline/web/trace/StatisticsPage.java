package io.sightline.web.trace;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.web.ServicePalette;
import io.sightline.web.trace.stats.Statistics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The statistics view: the view's spans grouped per service and per service + operation, or per
 * service + value of a tag or process key.
 *
 * @param groups the table's groups
 * @param groupBy {@link #BY_OPERATION}, or {@code tag.<key>} / {@code process.<key>}
 * @param keys the tag and process keys offered for grouping, as {@code groupBy} values
 * @param sort the sort key
 * @param ascending sort direction
 * @param traceDuration the trace's duration, µs (for self time as % of it)
 * @param services the trace's services, in colour-slot order
 */
public record StatisticsPage(
    List<Statistics.Group> groups,
    String groupBy,
    List<String> keys,
    Statistics.Sort sort,
    boolean ascending,
    long traceDuration,
    List<String> services) {

  static final String BY_OPERATION = "operation";
  static final String TAG = "tag.";
  static final String PROCESS = "process.";

  static StatisticsPage of(
      TraceView view, String groupBy, Statistics.Sort sort, boolean ascending) {
    int n = view.size();
    List<String> keys = keys(view);
    String by = groupBy != null && keys.contains(groupBy) ? groupBy : BY_OPERATION;
    int[] value;
    List<String> values;
    if (by.equals(BY_OPERATION)) {
      value = view.operation;
      values = view.strings;
    } else {
      value = new int[n];
      values = new ArrayList<>();
      Map<String, Integer> index = new HashMap<>();
      boolean process = by.startsWith(PROCESS);
      String key = by.substring(process ? PROCESS.length() : TAG.length());
      for (int r = 0; r < n; r++) {
        Span span = view.span(r);
        KeyValue kv = find(process ? span.process().tags() : span.tags(), key);
        if (kv == null) {
          value[r] = -1;
        } else {
          String text = kv.valueAsString();
          Integer i = index.get(text);
          if (i == null) {
            i = values.size();
            index.put(text, i);
            values.add(text);
          }
          value[r] = i;
        }
      }
    }
    boolean[] error = view.errors();
    List<Statistics.Group> groups =
        Statistics.compute(
            view.service,
            view.services,
            value,
            values,
            view.duration,
            view.selfTime(),
            error,
            sort,
            ascending);
    return new StatisticsPage(
        groups, by, keys, sort, ascending, view.header.durationMicros(), view.services);
  }

  private static KeyValue find(List<KeyValue> tags, String key) {
    for (KeyValue kv : tags) {
      if (kv.key().equals(key)) {
        return kv;
      }
    }
    return null;
  }

  /** Every tag key and process key in the trace, sorted, as group-by values. */
  static List<String> keys(TraceView view) {
    TreeSet<String> tags = new TreeSet<>();
    TreeSet<String> process = new TreeSet<>();
    for (Span span : view.spans) {
      for (KeyValue kv : span.tags()) {
        tags.add(kv.key());
      }
      for (KeyValue kv : span.process().tags()) {
        process.add(kv.key());
      }
    }
    List<String> keys = new ArrayList<>(tags.size() + process.size() + 1);
    keys.add(BY_OPERATION);
    tags.forEach(k -> keys.add(TAG + k));
    process.forEach(k -> keys.add(PROCESS + k));
    return List.copyOf(keys);
  }

  /** The column heading for the second key. */
  public String valueHeading() {
    if (groupBy.equals(BY_OPERATION)) {
      return "Operation";
    }
    return groupBy.startsWith(PROCESS)
        ? "Process " + groupBy.substring(PROCESS.length())
        : "Tag " + groupBy.substring(TAG.length());
  }

  /** The service's colour slot, as on the timeline. */
  public int slot(String service) {
    return ServicePalette.slot(Math.max(0, services.indexOf(service)));
  }

  public boolean byOperation() {
    return groupBy.equals(BY_OPERATION);
  }
}
