package io.sightline.web.trace;

import io.sightline.web.trace.stats.PathTree;
import java.util.List;

/**
 * The flamegraph's data ({@code GET /trace/{id}/flame.json}): the trace's {@link PathTree} as
 * columns, one entry per frame (a merged service/operation path), frames in depth-first pre-order
 * so that a frame's subtree is the frames after it with a greater depth. Widths and offsets are in
 * µs of self time summed over the subtree.
 *
 * @param viewId identifies the assembled view (as the timeline's)
 * @param total the width of all roots together, µs
 * @param services service names; {@code svc} indexes this, and is the colour slot
 * @param strings operation names; {@code op} indexes this
 * @param depth frame depth (roots 0)
 * @param x offset from the left edge
 * @param w width
 * @param self the frame's own self time (the part of its width not under a child)
 * @param dur the durations of its spans, summed (what the keyboard's announcement calls duration)
 * @param n spans merged into the frame
 * @param err failed spans among them
 * @param svc service index
 * @param op operation index
 */
@SuppressWarnings("ArrayRecordComponent") // written as JSON, never compared or hashed
public record FlameJson(
    String viewId,
    long total,
    List<String> services,
    List<String> strings,
    int[] depth,
    long[] x,
    long[] w,
    long[] self,
    long[] dur,
    int[] n,
    int[] err,
    int[] svc,
    int[] op) {

  static FlameJson of(TraceView view) {
    PathTree paths = view.paths();
    return new FlameJson(
        view.viewId,
        paths.weightTotal(),
        view.services,
        view.strings,
        paths.depths(),
        paths.offsets(),
        paths.weights(),
        paths.selfTimes(),
        paths.totals(),
        paths.counts(),
        paths.errorCounts(),
        paths.services(),
        paths.operations());
  }
}
