package io.sightline.web.trace;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanLog;
import io.sightline.web.ServicePalette;
import io.sightline.web.UiConfig.LinkPattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One page of the events view: every log (OpenTelemetry event) of the trace in time order, with the
 * span it belongs to, optionally only those whose text contains the filter.
 *
 * @param rows this page's events
 * @param matched events that pass the filter
 * @param total events in the trace
 * @param page this page, 0-based
 * @param pages number of pages (at least 1)
 */
public record EventsPage(List<EventsPage.Row> rows, int matched, int total, int page, int pages) {

  static final int PAGE_SIZE = 100;

  /**
   * An event.
   *
   * @param offset µs after the trace start
   * @param spanId the span's ID
   * @param occurrence which span with this ID (0 unless IDs repeat)
   * @param service the span's service
   * @param slot the service's colour slot
   * @param operation the span's operation
   * @param fields the event's fields
   * @param error the span is marked as an error
   * @param links per field, the {@code QUERY_UI_CONFIG} link patterns' links (empty: none)
   */
  public record Row(
      long offset,
      String spanId,
      int occurrence,
      String service,
      int slot,
      String operation,
      List<KeyValue> fields,
      boolean error,
      List<List<TagLinks.Link>> links) {}

  /**
   * Events in time order (ties in row order), filtered and paged.
   *
   * @param filter case-insensitive text that the event's fields, service or operation must contain;
   *     blank for all
   */
  static EventsPage of(TraceView view, String filter, int page, List<LinkPattern> patterns) {
    boolean linked = TagLinks.any(patterns, "logs");
    int total = view.logOffsets.length;
    // Event k belongs to row eventRow[k] and is that span's eventIndex[k]-th log.
    int[] eventRow = new int[total];
    int[] eventIndex = new int[total];
    int k = 0;
    for (int r = 0; r < view.size(); r++) {
      for (int i = 0; i < view.logCount[r]; i++) {
        eventRow[k] = r;
        eventIndex[k++] = i;
      }
    }
    String needle = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
    int[] order = new int[total];
    int matched = 0;
    for (int e = 0; e < total; e++) {
      if (needle.isEmpty() || matches(view, eventRow[e], eventIndex[e], needle)) {
        order[matched++] = e;
      }
    }
    order = Arrays.copyOf(order, matched);
    IndexSort.byKey(order, view.logOffsets);
    int pages = Math.max(1, (matched + PAGE_SIZE - 1) / PAGE_SIZE);
    int current = Math.max(0, Math.min(page, pages - 1));
    int to = Math.min(matched, (current + 1) * PAGE_SIZE);
    List<Row> rows = new ArrayList<>();
    for (int i = current * PAGE_SIZE; i < to; i++) {
      int e = order[i];
      int r = eventRow[e];
      Span span = view.span(r);
      List<KeyValue> fields = span.logs().get(eventIndex[e]).fields();
      rows.add(
          new Row(
              view.logOffsets[e],
              span.spanId().toString(),
              view.occurrence(r),
              view.serviceName(r),
              ServicePalette.slot(view.service[r]),
              view.operationName(r),
              fields,
              (view.flags[r] & RowFlags.ERROR) != 0,
              linked ? TagLinks.ofLog(patterns, view, r, fields) : List.of()));
    }
    return new EventsPage(List.copyOf(rows), matched, total, current, pages);
  }

  private static boolean matches(TraceView view, int row, int index, String needle) {
    if (contains(view.serviceName(row), needle) || contains(view.operationName(row), needle)) {
      return true;
    }
    SpanLog log = view.span(row).logs().get(index);
    for (KeyValue field : log.fields()) {
      if (contains(field.key(), needle) || contains(field.valueAsString(), needle)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(String text, String needle) {
    return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
  }

  public int firstShown() {
    return rows.isEmpty() ? 0 : page * PAGE_SIZE + 1;
  }

  public int lastShown() {
    return page * PAGE_SIZE + rows.size();
  }
}
