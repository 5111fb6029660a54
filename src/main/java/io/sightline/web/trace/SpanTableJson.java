package io.sightline.web.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the spans view adds to the timeline's columns ({@code GET /trace/{id}/spans.json}): the
 * browser already reads service, operation, start, duration, kind, error and span ID of every row
 * from {@link TimelineJson}; this gives the two columns the timeline has no use for, in the same
 * shape (one entry per row, depth-first order), so the virtualised table can sort and filter all
 * rows without one object per span.
 *
 * @param viewId identifies the assembled view (as the timeline's); the page checks they agree
 * @param self self time of each row, µs
 * @param statuses distinct status texts ({@link SpanTablePage#status}), "" first
 * @param status each row's index into {@code statuses}
 * @param pathRows the rows of the path the page is limited to ({@code ?path=}), ascending, or
 *     {@code null} when not limited
 */
@SuppressWarnings("ArrayRecordComponent") // written as JSON, never compared or hashed
public record SpanTableJson(
    String viewId, long[] self, List<String> statuses, int[] status, int[] pathRows) {

  static SpanTableJson of(TraceView view, int path) {
    int n = view.size();
    List<String> statuses = new ArrayList<>(List.of(""));
    Map<String, Integer> index = new HashMap<>();
    index.put("", 0);
    int[] status = new int[n];
    for (int r = 0; r < n; r++) {
      String text = SpanTablePage.status(view.span(r));
      Integer i = index.get(text);
      if (i == null) {
        i = statuses.size();
        statuses.add(text);
        index.put(text, i);
      }
      status[r] = i;
    }
    return new SpanTableJson(
        view.viewId, view.selfTime(), statuses, status, path < 0 ? null : view.rowsOfPath(path));
  }
}
