package io.sightline.web.trace;

import io.sightline.web.Formats;
import io.sightline.web.ServicePalette;
import java.util.List;
import java.util.Locale;

/**
 * A timeline row written as plain HTML (for browsers without JavaScript, and as the first paint).
 *
 * @param spanId the span ID
 * @param occurrence 0, or which duplicate of the span ID this is
 * @param service the service name
 * @param slot the service's colour slot
 * @param operation the operation name
 * @param indent the indent in px
 * @param error the span is marked as failed
 * @param pills the span's pills
 * @param peer the called peer service, or {@code null}
 * @param kind span kind, or {@code ""}
 * @param type type hint label, or {@code ""}
 * @param duration the duration, formatted
 * @param left the bar's offset, percent of the trace duration, as text for an SVG attribute
 * @param width the bar's width, percent, as text
 */
public record StaticRow(
    String spanId,
    int occurrence,
    String service,
    int slot,
    String operation,
    int indent,
    boolean error,
    List<SpanHints.Pill> pills,
    String peer,
    String kind,
    String type,
    String duration,
    String left,
    String width) {

  /** Indent per level, px; capped so deep traces keep a readable name column. */
  static final int INDENT_PX = 12;

  static final int MAX_INDENT_PX = 240;

  static StaticRow of(TraceView view, int row, int occurrence) {
    double total = Math.max(1, view.header.durationMicros());
    int flags = view.flags[row];
    return new StaticRow(
        view.span(row).spanId().toString(),
        occurrence,
        view.serviceName(row),
        ServicePalette.slot(view.service[row]),
        view.operationName(row),
        Math.min(MAX_INDENT_PX, view.tree.depth(row) * INDENT_PX),
        (flags & RowFlags.ERROR) != 0,
        view.pills[row] < 0 ? List.of() : view.pillSets.get(view.pills[row]),
        view.peer[row] < 0 ? null : view.strings.get(view.peer[row]),
        SpanHints.kindName(RowFlags.kind(flags)),
        SpanHints.typeLabel(RowFlags.type(flags)),
        Formats.duration(view.duration[row]),
        percent(view.start[row] / total),
        percent(Math.max(view.duration[row] / total, 0.002)));
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.3f%%", Math.min(100, fraction * 100));
  }
}
