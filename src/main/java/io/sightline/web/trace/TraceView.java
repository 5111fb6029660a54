package io.sightline.web.trace;

import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.web.trace.stats.PathTree;
import io.sightline.web.trace.stats.SelfTime;
import java.util.Arrays;
import java.util.List;

/**
 * A trace assembled for the timeline: one row per span in depth-first order, in flat arrays (µs
 * relative to the trace start), plus the spans themselves for details and find. Built once by
 * {@link TraceViewAssembler}, cached, read by several requests; never modified after assembly.
 */
final class TraceView {

  final String viewId;
  final TraceHeader header;
  final List<Span> spans;
  final SpanTree tree;

  /** µs since the epoch of the earliest span start. */
  final long traceStart;

  /** Per row: start, µs after {@link #traceStart}. */
  final long[] start;

  /** Per row: duration in µs (negative stored durations read as 0). */
  final long[] duration;

  /** Per row: index into {@link #services}. */
  final int[] service;

  /** Per row: index into {@link #strings} of the operation name. */
  final int[] operation;

  /** Per row: index into {@link #strings} of the called peer service, or -1. */
  final int[] peer;

  /** Per row: index into {@link #pillSets}, or -1 for none. */
  final int[] pills;

  /** Per row: {@link RowFlags} bits. */
  final int[] flags;

  /** Per row: how many logs the span has; its offsets follow in {@link #logOffsets}. */
  final int[] logCount;

  /** Every row's log timestamps, µs after {@link #traceStart}, row after row. */
  final long[] logOffsets;

  /** Service names; a service's index is also its colour slot. In order of first appearance. */
  final List<String> services;

  /** Operation names and peer services, deduplicated. */
  final List<String> strings;

  /** Distinct pill lists. */
  final List<List<SpanHints.Pill>> pillSets;

  /** Critical-path sections, µs after {@link #traceStart}, sorted by row. */
  final CriticalPath.Sections criticalPath;

  TraceView(
      String viewId,
      TraceHeader header,
      List<Span> spans,
      SpanTree tree,
      long traceStart,
      long[] start,
      long[] duration,
      int[] service,
      int[] operation,
      int[] peer,
      int[] pills,
      int[] flags,
      int[] logCount,
      long[] logOffsets,
      List<String> services,
      List<String> strings,
      List<List<SpanHints.Pill>> pillSets,
      CriticalPath.Sections criticalPath) {
    this.viewId = viewId;
    this.header = header;
    this.spans = spans;
    this.tree = tree;
    this.traceStart = traceStart;
    this.start = start;
    this.duration = duration;
    this.service = service;
    this.operation = operation;
    this.peer = peer;
    this.pills = pills;
    this.flags = flags;
    this.logCount = logCount;
    this.logOffsets = logOffsets;
    this.services = services;
    this.strings = strings;
    this.pillSets = pillSets;
    this.criticalPath = criticalPath;
  }

  private volatile long[] selfTime;

  /** Per row: self time in µs ({@link SelfTime}), computed on first use. */
  long[] selfTime() {
    long[] self = selfTime;
    if (self == null) {
      self = SelfTime.compute(parentRows(), start, duration);
      selfTime = self;
    }
    return self;
  }

  private volatile PathTree paths;

  /** The spans merged by service/operation path ({@link PathTree}), computed on first use. */
  PathTree paths() {
    PathTree tree = paths;
    if (tree == null) {
      tree = PathTree.build(parentRows(), service, operation, duration, selfTime(), errors());
      paths = tree;
    }
    return tree;
  }

  /** Per row: whether the span itself failed. */
  boolean[] errors() {
    boolean[] error = new boolean[size()];
    for (int r = 0; r < error.length; r++) {
      error[r] = (flags[r] & RowFlags.ERROR) != 0;
    }
    return error;
  }

  private int[] parentRows() {
    int[] parentRow = new int[size()];
    for (int r = 0; r < parentRow.length; r++) {
      parentRow[r] = tree.parentRow(r);
    }
    return parentRow;
  }

  /** Which span with the same ID this row shows: 0 unless the trace has duplicate span IDs. */
  int occurrence(int row) {
    if (!hasDuplicateIds()) {
      return 0;
    }
    SpanId id = span(row).spanId();
    int seen = 0;
    for (int r = 0; r < row; r++) {
      if (span(r).spanId().equals(id)) {
        seen++;
      }
    }
    return seen;
  }

  private boolean hasDuplicateIds() {
    for (int f : flags) {
      if ((f & RowFlags.DUPLICATE_ID) != 0) {
        return true;
      }
    }
    return false;
  }

  int size() {
    return start.length;
  }

  /** The span shown in this row. */
  Span span(int row) {
    return spans.get(tree.spanIndex(row));
  }

  String operationName(int row) {
    return strings.get(operation[row]);
  }

  String serviceName(int row) {
    return services.get(service[row]);
  }

  /**
   * The row of the {@code occurrence}-th span (0 = first, in row order) with this ID, or -1. Only
   * traces with duplicate span IDs have more than one.
   */
  int rowOf(SpanId spanId, int occurrence) {
    int seen = 0;
    for (int r = 0; r < size(); r++) {
      if (span(r).spanId().equals(spanId) && seen++ == occurrence) {
        return r;
      }
    }
    return -1;
  }

  /** Rows (ascending) whose span the matcher accepts; empty for an empty query. */
  int[] find(SpanMatcher matcher) {
    if (matcher.isEmpty()) {
      return new int[0];
    }
    int[] rows = new int[16];
    int count = 0;
    for (int r = 0; r < size(); r++) {
      if (matcher.matches(span(r))) {
        if (count == rows.length) {
          rows = Arrays.copyOf(rows, count * 2);
        }
        rows[count++] = r;
      }
    }
    return Arrays.copyOf(rows, count);
  }

  /**
   * Per path node ({@link #paths()}), whether the matcher accepts one of its spans; null if empty.
   */
  boolean[] matchedPaths(SpanMatcher matcher) {
    if (matcher.isEmpty()) {
      return null;
    }
    PathTree tree = paths();
    boolean[] matched = new boolean[tree.size()];
    for (int row : find(matcher)) {
      matched[tree.nodeOfRow(row)] = true;
    }
    return matched;
  }

  /** The rows (ascending) of the spans on one path node. */
  int[] rowsOfPath(int node) {
    PathTree tree = paths();
    int count = 0;
    int[] rows = new int[node >= 0 && node < tree.size() ? tree.count(node) : 0];
    for (int r = 0; r < size() && count < rows.length; r++) {
      if (tree.nodeOfRow(r) == node) {
        rows[count++] = r;
      }
    }
    return rows;
  }
}
