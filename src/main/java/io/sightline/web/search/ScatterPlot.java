package io.sightline.web.search;

import io.sightline.web.Formats;
import io.sightline.web.TraceSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The results' duration-over-time scatter plot, as SVG geometry: x is the trace's start, y its
 * duration, the bubble's radius grows with the span count, red bubbles are traces with errors.
 *
 * <p>Positions are percentages of the plot (SVG attributes such as {@code cx="12.5%"}), so the plot
 * stretches to any width with round bubbles and needs neither script nor {@code style} attributes
 * (the CSP forbids those). The plot area spans x 2–98% and y 6–84%; the time axis labels sit below
 * it.
 *
 * @param points the bubbles, big ones first so that small ones stay clickable on top
 * @param yTicks duration gridlines (0, half, max)
 * @param xTicks time labels (first, middle, last start)
 */
record ScatterPlot(List<Point> points, List<Tick> yTicks, List<Tick> xTicks) {

  static final double X_MIN = 2;
  static final double X_SPAN = 96;
  static final double Y_BOTTOM = 84;
  static final double Y_SPAN = 78;
  static final double R_MIN = 4;
  static final double R_GROW = 8;

  /**
   * One trace.
   *
   * @param traceId the trace
   * @param href where a click goes (context-relative)
   * @param cx x, as an SVG percentage
   * @param cy y, as an SVG percentage
   * @param r radius in px
   * @param error whether the trace has failed spans
   * @param title the tooltip: name, duration, spans, errors
   */
  record Point(
      String traceId, String href, String cx, String cy, String r, boolean error, String title) {}

  /**
   * An axis label.
   *
   * @param at the position, as an SVG percentage
   * @param label the text
   * @param micros the value (for the time axis, µs since the epoch; rewritten in the user's zone)
   */
  record Tick(String at, String label, long micros) {}

  static ScatterPlot of(List<ResultRow> rows) {
    if (rows.isEmpty()) {
      return new ScatterPlot(List.of(), List.of(), List.of());
    }
    long minStart = Long.MAX_VALUE;
    long maxStart = Long.MIN_VALUE;
    long maxDuration = 0;
    int maxSpans = 1;
    for (ResultRow row : rows) {
      TraceSummary t = row.trace();
      minStart = Math.min(minStart, t.startMicros());
      maxStart = Math.max(maxStart, t.startMicros());
      maxDuration = Math.max(maxDuration, t.durationMicros());
      maxSpans = Math.max(maxSpans, t.spanCount());
    }
    long yMax = niceCeiling(Math.max(1, maxDuration));
    List<Point> points = new ArrayList<>(rows.size());
    List<Double> radii = new ArrayList<>(rows.size());
    for (ResultRow row : rows) {
      TraceSummary t = row.trace();
      double x =
          maxStart == minStart
              ? 50
              : X_MIN + X_SPAN * (t.startMicros() - minStart) / (double) (maxStart - minStart);
      double y = Y_BOTTOM - Y_SPAN * t.durationMicros() / (double) yMax;
      double r = R_MIN + R_GROW * Math.sqrt(t.spanCount() / (double) maxSpans);
      String title =
          t.name()
              + "\n"
              + Formats.duration(t.durationMicros())
              + " · "
              + t.spanCount()
              + (t.spanCount() == 1 ? " span" : " spans")
              + " · "
              + t.services().size()
              + (t.services().size() == 1 ? " service" : " services")
              + (t.errorCount() > 0
                  ? " · " + t.errorCount() + (t.errorCount() == 1 ? " error" : " errors")
                  : "");
      points.add(
          new Point(
              t.traceId(),
              row.href(),
              pct(x),
              pct(y),
              String.format(Locale.ROOT, "%.1f", r),
              t.errorCount() > 0,
              title));
      radii.add(r);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      order.add(i);
    }
    // Big bubbles first, errors last: what is drawn later is on top (and gets the click).
    order.sort(
        Comparator.<Integer>comparingInt(i -> points.get(i).error() ? 1 : 0)
            .thenComparing(i -> -radii.get(i)));
    List<Point> drawn = new ArrayList<>(points.size());
    for (int i : order) {
      drawn.add(points.get(i));
    }
    List<Tick> yTicks =
        List.of(
            new Tick(pct(Y_BOTTOM), "0", 0),
            new Tick(pct(Y_BOTTOM - Y_SPAN / 2), Formats.duration(yMax / 2), yMax / 2),
            new Tick(pct(Y_BOTTOM - Y_SPAN), Formats.duration(yMax), yMax));
    List<Tick> xTicks = new ArrayList<>();
    if (maxStart == minStart) {
      xTicks.add(new Tick(pct(50), SearchTimes.time(minStart), minStart));
    } else {
      long mid = minStart + (maxStart - minStart) / 2;
      xTicks.add(new Tick(pct(X_MIN), SearchTimes.time(minStart), minStart));
      xTicks.add(new Tick(pct(X_MIN + X_SPAN / 2), SearchTimes.time(mid), mid));
      xTicks.add(new Tick(pct(X_MIN + X_SPAN), SearchTimes.time(maxStart), maxStart));
    }
    return new ScatterPlot(List.copyOf(drawn), yTicks, List.copyOf(xTicks));
  }

  /** Mantissas of round axis maxima (their halves, the middle gridline, stay round too). */
  private static final long[] STEPS = {10, 12, 16, 20, 30, 40, 50, 60, 80, 100};

  /**
   * The smallest round value (1, 1.2, 1.6, 2, 3, 4, 5, 6 or 8 × 10^k µs) at least {@code micros}:
   * the top of the duration axis, close above the longest trace.
   */
  static long niceCeiling(long micros) {
    if (micros <= 10) {
      return Math.max(1, micros);
    }
    long scale = 1;
    while (true) {
      for (long step : STEPS) {
        if (step * scale >= micros) {
          return step * scale;
        }
      }
      if (scale > Long.MAX_VALUE / 100) {
        return micros;
      }
      scale *= 10;
    }
  }

  private static String pct(double value) {
    return String.format(Locale.ROOT, "%.3f%%", value);
  }
}
