package io.sightline.web.search;

import io.sightline.web.Formats;
import io.sightline.web.TraceSummary;
import java.time.Instant;
import java.util.Locale;

/**
 * One line of the result list.
 *
 * @param trace the trace's summary
 * @param index the position in the storage's order (newest match first): the tie-breaker of every
 *     sort, and what the page's script sorts by to restore "most recent"
 * @param href the trace page (context-relative, with the embed parameters)
 * @param barWidth the duration bar's width relative to the longest result, as an SVG percentage
 * @param durationText the duration for people
 * @param day the start's day in UTC ("Today", "Mar 5")
 * @param time the start's time of day in UTC
 * @param relative how long ago it started
 */
record ResultRow(
    TraceSummary trace,
    int index,
    String href,
    String barWidth,
    String durationText,
    String day,
    String time,
    String relative) {

  static ResultRow of(TraceSummary trace, int index, String href, long longestMicros, Instant now) {
    double share = longestMicros <= 0 ? 0 : 100.0 * trace.durationMicros() / longestMicros;
    return new ResultRow(
        trace,
        index,
        href,
        String.format(Locale.ROOT, "%.2f%%", Math.max(share, 0.5)),
        Formats.duration(trace.durationMicros()),
        SearchTimes.day(trace.startMicros(), now),
        SearchTimes.time(trace.startMicros()),
        SearchTimes.relative(trace.startMicros(), now));
  }

  /** The start for {@code <time datetime>}. */
  public String iso() {
    return Formats.iso(trace.startMicros());
  }
}
