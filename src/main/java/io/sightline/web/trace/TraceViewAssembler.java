package io.sightline.web.trace;

import io.sightline.trace.Span;
import io.sightline.trace.SpanLog;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns a {@link Trace} into a {@link TraceView}: the tree, depths, depth-first rows, subtree
 * ranges, offsets, colours, hints, bubbled-up errors and the critical path, all on the server, in a
 * few linear passes (plus the sorts), so that the browser only has to draw.
 */
final class TraceViewAssembler {

  private TraceViewAssembler() {}

  /**
   * Assembles the view. The trace's span list is kept (not copied) for details and find.
   *
   * @throws IllegalArgumentException for a trace without spans
   */
  static TraceView assemble(Trace trace) {
    List<Span> spans = trace.spans();
    int n = spans.size();
    if (n == 0) {
      throw new IllegalArgumentException("a trace without spans has no view");
    }
    SpanTree tree = SpanTree.build(spans);

    long traceStart = Long.MAX_VALUE;
    long traceEnd = Long.MIN_VALUE;
    for (Span span : spans) {
      traceStart = Math.min(traceStart, span.startTime());
      traceEnd = Math.max(traceEnd, span.startTime() + Math.max(0, span.duration()));
    }

    long[] start = new long[n];
    long[] duration = new long[n];
    int[] service = new int[n];
    int[] operation = new int[n];
    int[] peer = new int[n];
    int[] pills = new int[n];
    int[] flags = new int[n];
    int[] logCount = new int[n];
    Map<String, Integer> serviceIndex = new HashMap<>();
    List<String> services = new ArrayList<>();
    Map<String, Integer> stringIndex = new HashMap<>();
    List<String> strings = new ArrayList<>();
    Map<List<SpanHints.Pill>, Integer> pillIndex = new HashMap<>();
    List<List<SpanHints.Pill>> pillSets = new ArrayList<>();
    int totalLogs = 0;
    int errorCount = 0;
    int orphanCount = 0;

    for (int r = 0; r < n; r++) {
      Span span = spans.get(tree.spanIndex(r));
      start[r] = span.startTime() - traceStart;
      duration[r] = Math.max(0, span.duration());
      service[r] = intern(span.process().serviceName(), serviceIndex, services);
      operation[r] = intern(span.operationName(), stringIndex, strings);
      SpanHints hints = SpanHints.of(span);
      peer[r] =
          hints.peerService() == null ? -1 : intern(hints.peerService(), stringIndex, strings);
      pills[r] = hints.pills().isEmpty() ? -1 : intern(hints.pills(), pillIndex, pillSets);
      int f = treeFlagsToRowFlags(tree.flags(r));
      if (span.isError()) {
        f |= RowFlags.ERROR;
        errorCount++;
      }
      if (tree.hasChildren(r)) {
        f |= RowFlags.HAS_CHILDREN;
      }
      if ((f & RowFlags.ORPHAN) != 0) {
        orphanCount++;
      }
      f |= hints.kind() << RowFlags.KIND_SHIFT;
      f |= hints.type() << RowFlags.TYPE_SHIFT;
      flags[r] = f;
      logCount[r] = span.logs().size();
      totalLogs += logCount[r];
    }

    long[] logOffsets = new long[totalLogs];
    int k = 0;
    for (int r = 0; r < n; r++) {
      for (SpanLog log : span(spans, tree, r).logs()) {
        logOffsets[k++] = log.timestamp() - traceStart;
      }
    }

    // Errors bubble up: children come after their parent, so one backward pass suffices.
    for (int r = n - 1; r > 0; r--) {
      int p = tree.parentRow(r);
      if (p >= 0 && (flags[r] & (RowFlags.ERROR | RowFlags.DESC_ERROR)) != 0) {
        flags[p] |= RowFlags.DESC_ERROR;
      }
    }

    long[] end = new long[n];
    for (int r = 0; r < n; r++) {
      end[r] = start[r] + duration[r];
    }
    CriticalPath.Sections criticalPath = CriticalPath.compute(tree, start, end);
    for (int i = 0; i < criticalPath.size(); i++) {
      flags[criticalPath.rows()[i]] |= RowFlags.CRITICAL;
    }

    Span root = titleSpan(spans, tree);
    TraceHeader header =
        new TraceHeader(
            spans.get(0).traceId().toString(),
            root == null ? null : root.process().serviceName(),
            root == null ? null : root.operationName(),
            traceStart,
            traceEnd - traceStart,
            services.size(),
            tree.maxDepth() + 1,
            n,
            errorCount,
            orphanCount);
    return new TraceView(
        Long.toHexString(ThreadLocalRandom.current().nextLong()),
        header,
        spans,
        tree,
        traceStart,
        start,
        duration,
        service,
        operation,
        peer,
        pills,
        flags,
        logCount,
        logOffsets,
        List.copyOf(services),
        List.copyOf(strings),
        List.copyOf(pillSets),
        criticalPath);
  }

  private static Span span(List<Span> spans, SpanTree tree, int row) {
    return spans.get(tree.spanIndex(row));
  }

  private static int treeFlagsToRowFlags(int treeFlags) {
    int f = 0;
    if ((treeFlags & SpanTree.ORPHAN) != 0) {
      f |= RowFlags.ORPHAN;
    }
    if ((treeFlags & SpanTree.DUPLICATE_ID) != 0) {
      f |= RowFlags.DUPLICATE_ID;
    }
    if ((treeFlags & SpanTree.CYCLE_CUT) != 0) {
      f |= RowFlags.CYCLE_CUT;
    }
    if ((treeFlags & SpanTree.FOLLOWS_FROM) != 0) {
      f |= RowFlags.FOLLOWS_FROM;
    }
    return f;
  }

  private static <T> int intern(T value, Map<T, Integer> index, List<T> values) {
    Integer i = index.get(value);
    if (i == null) {
      i = values.size();
      index.put(value, i);
      values.add(value);
    }
    return i;
  }

  /**
   * The span that names the trace, as Jaeger UI picks it: one with no reference to another span of
   * the trace, preferring fewer references, then the earlier start; {@code null} when every span
   * references another.
   */
  static Span titleSpan(List<Span> spans, SpanTree tree) {
    Span candidate = null;
    for (Span span : spans) {
      if (hasInternalReference(span, tree)) {
        continue;
      }
      if (candidate == null
          || span.references().size() < candidate.references().size()
          || (span.references().size() == candidate.references().size()
              && span.startTime() < candidate.startTime())) {
        candidate = span;
      }
    }
    return candidate;
  }

  private static boolean hasInternalReference(Span span, SpanTree tree) {
    for (SpanReference ref : span.references()) {
      if (ref.traceId().equals(span.traceId()) && tree.indexOfSpanId(ref.spanId().value()) >= 0) {
        return true;
      }
    }
    return false;
  }
}
