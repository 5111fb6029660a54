package io.sightline.web.trace;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.web.ServicePalette;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One page of the spans view: every span (or those the find query matches) as a table row, sorted
 * on the server so that the browser only ever holds one page, whatever the trace's size.
 *
 * @param rows this page's rows
 * @param matched spans matching the query (all spans for an empty one)
 * @param page this page, 0-based
 * @param pages number of pages (at least 1)
 * @param sort the sort key's parameter value
 * @param ascending sort direction
 */
public record SpanTablePage(
    List<SpanTablePage.Row> rows,
    int matched,
    int page,
    int pages,
    String sort,
    boolean ascending) {

  /** Rows per page. */
  static final int PAGE_SIZE = 100;

  /** Sort keys, in the order of the table's columns. */
  static final List<String> SORTS =
      List.of("service", "operation", "start", "duration", "self", "kind", "status", "errors");

  /**
   * A span as a table row; durations in µs.
   *
   * @param spanId the span's ID
   * @param occurrence which span with this ID (0 unless IDs repeat)
   * @param service service name
   * @param slot the service's colour slot
   * @param operation operation name
   * @param start µs after the trace start
   * @param duration µs
   * @param self self time, µs
   * @param kind span kind or ""
   * @param status the span's status code or ""
   * @param error marked as an error
   */
  public record Row(
      String spanId,
      int occurrence,
      String service,
      int slot,
      String operation,
      long start,
      long duration,
      long self,
      String kind,
      String status,
      boolean error) {}

  /**
   * Filters, sorts and pages the view's spans.
   *
   * @param matches rows the query matched, ascending, or {@code null} for all
   * @param sort a {@link #SORTS} value; anything else sorts by start
   */
  static SpanTablePage of(TraceView view, int[] matches, String sort, boolean ascending, int page) {
    int[] rows = matches;
    if (rows == null) {
      rows = new int[view.size()];
      for (int r = 0; r < rows.length; r++) {
        rows[r] = r;
      }
    }
    String key = sort != null && SORTS.contains(sort) ? sort : "start";
    long[] sortKey = sortKey(view, key);
    IndexSort.byKey(rows, sortKey);
    int pages = Math.max(1, (rows.length + PAGE_SIZE - 1) / PAGE_SIZE);
    int current = Math.max(0, Math.min(page, pages - 1));
    int from = current * PAGE_SIZE;
    int to = Math.min(rows.length, from + PAGE_SIZE);
    List<Row> out = new ArrayList<>(to - from);
    long[] self = view.selfTime();
    for (int i = from; i < to; i++) {
      int r = ascending ? rows[i] : rows[rows.length - 1 - i];
      Span span = view.span(r);
      out.add(
          new Row(
              span.spanId().toString(),
              view.occurrence(r),
              view.serviceName(r),
              ServicePalette.slot(view.service[r]),
              view.operationName(r),
              view.start[r],
              view.duration[r],
              self[r],
              SpanHints.kindName(RowFlags.kind(view.flags[r])),
              status(span),
              (view.flags[r] & RowFlags.ERROR) != 0));
    }
    return new SpanTablePage(List.copyOf(out), rows.length, current, pages, key, ascending);
  }

  /**
   * The rows (ascending) of a service and/or an operation, within {@code rows} ({@code null}: all
   * rows); {@code rows} itself when neither is given.
   */
  static int[] only(TraceView view, int[] rows, String service, String operation) {
    boolean anyService = service == null || service.isEmpty();
    boolean anyOperation = operation == null || operation.isEmpty();
    if (anyService && anyOperation) {
      return rows;
    }
    int n = rows == null ? view.size() : rows.length;
    int[] out = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      int r = rows == null ? i : rows[i];
      if ((anyService || view.serviceName(r).equals(service))
          && (anyOperation || view.operationName(r).equals(operation))) {
        out[count++] = r;
      }
    }
    return Arrays.copyOf(out, count);
  }

  /** The filter's choices: the trace's services, alphabetically. */
  static List<String> services(TraceView view) {
    return sorted(new TreeSet<>(view.services));
  }

  /** The filter's choices: the operations (of one service, unless blank), alphabetically. */
  static List<String> operations(TraceView view, String service) {
    Set<String> names = new TreeSet<>();
    boolean any = service == null || service.isEmpty();
    for (int r = 0; r < view.size(); r++) {
      if (any || view.serviceName(r).equals(service)) {
        names.add(view.operationName(r));
      }
    }
    return sorted(names);
  }

  private static List<String> sorted(Collection<String> names) {
    List<String> list = new ArrayList<>(names);
    list.sort(String.CASE_INSENSITIVE_ORDER);
    return List.copyOf(list);
  }

  /** The status shown for a span: its OpenTelemetry status code, else ERROR for failed spans. */
  static String status(Span span) {
    KeyValue code = span.tag("otel.status_code");
    if (code != null) {
      return code.valueAsString();
    }
    return span.isError() ? "ERROR" : "";
  }

  private static long[] sortKey(TraceView view, String key) {
    int n = view.size();
    long[] k = new long[n];
    switch (key) {
      case "service" -> {
        int[] rank = rank(view.services);
        for (int r = 0; r < n; r++) {
          k[r] = rank[view.service[r]];
        }
      }
      case "operation" -> {
        int[] rank = rank(view.strings);
        for (int r = 0; r < n; r++) {
          k[r] = rank[view.operation[r]];
        }
      }
      case "duration" -> System.arraycopy(view.duration, 0, k, 0, n);
      case "self" -> System.arraycopy(view.selfTime(), 0, k, 0, n);
      case "kind" -> {
        for (int r = 0; r < n; r++) {
          k[r] = RowFlags.kind(view.flags[r]);
        }
      }
      case "status" -> {
        for (int r = 0; r < n; r++) {
          String status = status(view.span(r));
          k[r] = status.isEmpty() ? 0 : status.equalsIgnoreCase("ERROR") ? 2 : 1;
        }
      }
      case "errors" -> {
        for (int r = 0; r < n; r++) {
          k[r] = view.flags[r] & RowFlags.ERROR;
        }
      }
      default -> System.arraycopy(view.start, 0, k, 0, n);
    }
    return k;
  }

  /** Per name: its position in alphabetical order. */
  private static int[] rank(List<String> names) {
    Integer[] order = new Integer[names.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        Comparator.comparing((Integer i) -> names.get(i).toLowerCase(Locale.ROOT))
            .thenComparing(names::get));
    int[] rank = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      rank[order[i]] = i;
    }
    return rank;
  }

  /** The first row's position among all matched rows, 1-based (0 when none matched). */
  public int firstShown() {
    return rows.isEmpty() ? 0 : page * PAGE_SIZE + 1;
  }

  public int lastShown() {
    return page * PAGE_SIZE + rows.size();
  }
}
