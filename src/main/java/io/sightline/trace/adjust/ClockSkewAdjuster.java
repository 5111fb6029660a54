package io.sightline.trace.adjust;

import io.sightline.gotext.GoDuration;
import io.sightline.trace.Adjuster;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanLog;
import io.sightline.trace.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shifts spans whose clocks disagree with their parent's host (Jaeger's {@code ClockSkew}). Walking
 * the span tree from each root, a child on another host than its parent (or on an unknown host)
 * that does not fit inside its parent is shifted: to start with the parent when it lasted longer,
 * otherwise to sit in the middle of the parent. Its descendants on the same host get the same
 * shift.
 *
 * <p>A shift larger than {@code maxDelta} is not applied but noted in a warning; with {@code
 * maxDelta} zero (the default) nothing is ever shifted, yet every span that would have been gets
 * the "disabled" warning, exactly as Jaeger does. Spans whose parent is not in the trace are roots
 * with a warning; spans with a duplicate ID are left out with a warning.
 *
 * <p>Times are computed in nanoseconds as Jaeger does (centring a child can land on half a
 * microsecond) and stored back in microseconds, truncated as Jaeger's JSON does. The walk uses an
 * explicit stack: a trace may be 100,000 spans deep.
 */
final class ClockSkewAdjuster implements Adjuster {

  static final String WARNING_DUPLICATE_SPAN_ID =
      "duplicate span IDs; skipping clock skew adjustment";

  private final long maxDeltaNanos;

  ClockSkewAdjuster(Duration maxDelta) {
    this.maxDeltaNanos = maxDelta.toNanos();
  }

  @Override
  public void adjust(Trace trace) {
    List<Span> spans = trace.spans();
    int count = spans.size();
    Map<SpanId, Integer> indexById = new HashMap<>(count * 2);
    List<List<String>> warnings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      warnings.add(null);
    }
    boolean[] inTree = new boolean[count];
    for (int i = 0; i < count; i++) {
      if (indexById.putIfAbsent(spans.get(i).spanId(), i) != null) {
        addWarning(warnings, i, WARNING_DUPLICATE_SPAN_ID);
      } else {
        inTree[i] = true;
      }
    }

    // Children as linked index lists (last child, previous sibling), roots in span order.
    int[] lastChild = new int[count];
    int[] prevSibling = new int[count];
    Arrays.fill(lastChild, -1);
    Arrays.fill(prevSibling, -1);
    int[] roots = new int[count];
    int rootCount = 0;
    for (int i = 0; i < count; i++) {
      if (!inTree[i]) {
        continue;
      }
      SpanId parentId = parentId(spans.get(i));
      if (parentId == null) {
        roots[rootCount++] = i;
        continue;
      }
      Integer parent = indexById.get(parentId);
      if (parent == null) {
        addWarning(
            warnings,
            i,
            "invalid parent span IDs=" + parentId + "; skipping clock skew adjustment");
        roots[rootCount++] = i;
        continue;
      }
      prevSibling[i] = lastChild[parent];
      lastChild[parent] = i;
    }

    String[] hosts = new String[count];
    long[] startNanos = new long[count];
    boolean[] shifted = new boolean[count];
    for (int i = 0; i < count; i++) {
      if (inTree[i]) {
        hosts[i] = hostKey(spans.get(i));
        startNanos[i] = spans.get(i).startTime() * 1_000;
      }
    }

    // Depth-first from each root with an explicit stack; a node is visited after its parent has
    // been adjusted. Each node inherits the skew (host, delta) its parent ended up with.
    int[] stackNode = new int[count];
    int[] stackParent = new int[count];
    String[] skewHost = new String[count];
    long[] skewDelta = new long[count];
    for (int r = 0; r < rootCount; r++) {
      int root = roots[r];
      skewHost[root] = hosts[root];
      skewDelta[root] = 0;
      int top = 0;
      stackNode[top] = root;
      stackParent[top] = -1;
      top++;
      while (top > 0) {
        top--;
        int node = stackNode[top];
        int parent = stackParent[top];
        String host = skewHost[node];
        long delta = skewDelta[node];
        if (parent >= 0 && (!hosts[node].equals(host) || hosts[node].isEmpty())) {
          host = hosts[node];
          delta =
              calculateSkew(
                  spans.get(node), startNanos[node], spans.get(parent), startNanos[parent]);
        }
        if (delta != 0) {
          if (Math.abs(delta) > maxDeltaNanos) {
            addWarning(
                warnings,
                node,
                maxDeltaNanos == 0
                    ? "clock skew adjustment disabled; not applying calculated delta of "
                        + GoDuration.format(delta)
                    : "max clock skew adjustment delta of "
                        + GoDuration.format(maxDeltaNanos)
                        + " exceeded; not applying calculated delta of "
                        + GoDuration.format(delta));
          } else {
            startNanos[node] += delta;
            shifted[node] = true;
            addWarning(
                warnings,
                node,
                "This span's timestamps were adjusted by " + GoDuration.format(delta));
          }
        }
        // Children inherit this node's skew, applied or not. Pushed last child first, so that they
        // are visited in span order (only cosmetic). Every node is pushed once: the stack fits.
        for (int child = lastChild[node]; child >= 0; child = prevSibling[child]) {
          skewHost[child] = host;
          skewDelta[child] = delta;
          stackNode[top] = child;
          stackParent[top] = node;
          top++;
        }
      }
    }

    for (int i = 0; i < count; i++) {
      if (warnings.get(i) == null && !shifted[i]) {
        continue;
      }
      Span span = spans.get(i);
      if (shifted[i]) {
        long delta = startNanos[i] - span.startTime() * 1_000;
        span =
            span.withStartTime(Math.floorDiv(startNanos[i], 1_000))
                .withLogs(shiftLogs(span.logs(), delta));
      }
      if (warnings.get(i) != null) {
        for (String warning : warnings.get(i)) {
          span = span.withWarning(warning);
        }
      }
      spans.set(i, span);
    }
  }

  /**
   * The parent, for the tree: the first same-trace CHILD_OF reference, else the first same-trace
   * FOLLOWS_FROM reference; {@code null} for a root (also when that reference is to span 0).
   */
  static SpanId parentId(Span span) {
    SpanId parent = span.parentOrFollowsFromSpanId();
    return parent == null || parent.value() == 0 ? null : parent;
  }

  /** The shift, in ns, that puts the child inside its (already adjusted) parent. */
  private static long calculateSkew(Span child, long childStart, Span parent, long parentStart) {
    long parentDuration = parent.duration() * 1_000;
    long childDuration = child.duration() * 1_000;
    if (childDuration > parentDuration) {
      // The child outlived its parent (async, or the parent timed out): only make sure it does
      // not start before the parent.
      return childStart < parentStart ? parentStart - childStart : 0;
    }
    if (childStart >= parentStart && childStart + childDuration <= parentStart + parentDuration) {
      return 0; // already fits
    }
    // Assume the network latency is split evenly between request and response.
    long latency = (parentDuration - childDuration) / 2;
    return parentStart + latency - childStart;
  }

  private static List<SpanLog> shiftLogs(List<SpanLog> logs, long deltaNanos) {
    if (logs.isEmpty()) {
      return logs;
    }
    List<SpanLog> shifted = new ArrayList<>(logs.size());
    for (SpanLog log : logs) {
      shifted.add(
          new SpanLog(Math.floorDiv(log.timestamp() * 1_000 + deltaNanos, 1_000), log.fields()));
    }
    return shifted;
  }

  /**
   * The host a span ran on, from the process tag {@code ip}: a string as it is, an int64 or 4/16
   * raw bytes as an IP address; {@code ""} when unknown.
   */
  static String hostKey(Span span) {
    for (KeyValue tag : span.process().tags()) {
      if (!tag.key().equals("ip")) {
        continue;
      }
      return switch (tag.type()) {
        case STRING -> tag.stringValue();
        case INT64 -> IpAddresses.ipv4((int) tag.longValue());
        case BINARY -> {
          byte[] bytes = tag.binaryValue();
          yield bytes.length == 4 || bytes.length == 16 ? IpAddresses.format(bytes) : "";
        }
        default -> "";
      };
    }
    return "";
  }

  private static void addWarning(List<List<String>> warnings, int index, String warning) {
    if (warnings.get(index) == null) {
      warnings.set(index, new ArrayList<>(1));
    }
    warnings.get(index).add(warning);
  }
}
