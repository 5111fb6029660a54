package io.sightline.web.trace;

import java.util.List;

/**
 * The timeline data the browser draws from ({@code GET /trace/{id}/timeline.json}): columns, one
 * entry per row, rows in depth-first order — not one object per span, and no tags (details load per
 * span). Times are µs; per-row times are relative to {@code traceStart}. The browser derives
 * parents and subtree ranges from {@code depth} (pre-order makes that exact).
 *
 * @param viewId identifies the assembled view; find results carry it so the page can tell when the
 *     server's view of the trace changed under it
 * @param traceId the trace ID
 * @param traceStart earliest span start, µs since the epoch
 * @param duration trace duration, µs
 * @param services service names; a row's {@code svc} indexes this, and is its colour slot
 * @param strings operation names and peer services; {@code op} and {@code peer} index this
 * @param pillSets distinct pill lists; {@code pill} indexes this
 * @param ids the span IDs of all rows, 16 hex characters each, concatenated (row {@code r}'s ID is
 *     characters {@code [16r, 16r + 16)}): one string parses much faster than 100,000
 * @param depth tree depth (roots 0)
 * @param start start, µs after {@code traceStart}
 * @param dur duration, µs
 * @param svc service index
 * @param op operation index into {@code strings}
 * @param peer peer-service index into {@code strings}, -1 for none
 * @param pill index into {@code pillSets}, -1 for none
 * @param flags {@link RowFlags} bits
 * @param logN number of logs of each row; their offsets follow one another in {@code logs}
 * @param logs log timestamps, µs after {@code traceStart}
 * @param cp critical-path sections as flat triples {@code row, start, end}, sorted by row
 */
@SuppressWarnings("ArrayRecordComponent") // written as JSON, never compared or hashed
public record TimelineJson(
    String viewId,
    String traceId,
    long traceStart,
    long duration,
    List<String> services,
    List<String> strings,
    List<List<SpanHints.Pill>> pillSets,
    String ids,
    int[] depth,
    long[] start,
    long[] dur,
    int[] svc,
    int[] op,
    int[] peer,
    int[] pill,
    int[] flags,
    int[] logN,
    long[] logs,
    long[] cp) {

  static TimelineJson of(TraceView view) {
    int n = view.size();
    StringBuilder ids = new StringBuilder(n * 16);
    int[] depth = new int[n];
    for (int r = 0; r < n; r++) {
      ids.append(view.span(r).spanId().toString());
      depth[r] = view.tree.depth(r);
    }
    CriticalPath.Sections sections = view.criticalPath;
    long[] cp = new long[sections.size() * 3];
    for (int i = 0; i < sections.size(); i++) {
      cp[i * 3] = sections.rows()[i];
      cp[i * 3 + 1] = sections.starts()[i];
      cp[i * 3 + 2] = sections.ends()[i];
    }
    return new TimelineJson(
        view.viewId,
        view.header.traceId(),
        view.traceStart,
        view.header.durationMicros(),
        view.services,
        view.strings,
        view.pillSets,
        ids.toString(),
        depth,
        view.start,
        view.duration,
        view.service,
        view.operation,
        view.peer,
        view.pills,
        view.flags,
        view.logCount,
        view.logOffsets,
        cp);
  }
}
