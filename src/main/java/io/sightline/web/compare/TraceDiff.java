package io.sightline.web.compare;

import io.sightline.trace.RefType;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.web.Formats;
import io.sightline.web.ServicePalette;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The structural difference of two traces, as Jaeger UI's trace diff computes it: each trace is
 * condensed into a tree of unique service/operation <em>paths</em> (a node per distinct chain root
 * → … → span of {@code (service, operation)} pairs, leaves kept apart from inner nodes with the
 * same path), counting the spans on each path; the two trees are merged and every node is marked by
 * how its count changed from A to B.
 *
 * <p>Like Jaeger UI, a CLIENT span whose only child is a SERVER span is skipped (its child takes
 * its place), so that a remote call shows as one step. Jaeger UI's other naming heuristics, which
 * depend on Uber's span names, are not applied.
 *
 * <p>Parents follow the trace page's rules (first same-trace CHILD_OF, else FOLLOWS_FROM; a span
 * whose parent is missing is a root). Everything is iterative: deep or cyclic data cannot overflow
 * the stack or loop.
 *
 * <p>Besides the counts, each node sums the durations of its spans in A and in B: the latency diff
 * (Jaeger UI's open request jaeger-ui#296) for the paths both traces have.
 */
final class TraceDiff {

  /**
   * A row of the diff: one path.
   *
   * @param service the path's last service
   * @param operation the path's last operation
   * @param depth levels below a root
   * @param a spans on this path in trace A
   * @param b spans on this path in trace B
   * @param errorsA failed spans on this path in A
   * @param errorsB failed spans on this path in B
   * @param change how the count changed
   * @param changedBelow whether this node or any node below it changed
   * @param leaf whether the path ends here in both traces
   * @param durationA sum of the durations of A's spans on this path, µs
   * @param durationB the same in B
   */
  record Node(
      String service,
      String operation,
      int depth,
      int a,
      int b,
      int errorsA,
      int errorsB,
      Change change,
      boolean changedBelow,
      boolean leaf,
      long durationA,
      long durationB) {

    /** Whether both traces have the path, so that their times compare. */
    public boolean matched() {
      return a > 0 && b > 0;
    }

    /** How much longer B's spans on this path took than A's, µs; 0 unless {@link #matched()}. */
    public long latencyChange() {
      return matched() ? durationB - durationA : 0;
    }

    /** {@code +12ms}, {@code -3µs}, or {@code ""} when not matched. */
    public String latencyDelta() {
      if (!matched()) {
        return "";
      }
      long d = latencyChange();
      return (d > 0 ? "+" : "") + Formats.duration(d);
    }

    /** The time change in percent of A's ({@code +50%}); {@code ""} when not comparable. */
    public String latencyPercent() {
      if (!matched() || durationA == 0) {
        return "";
      }
      return String.format(Locale.ROOT, "%+d%%", Math.round(latencyChange() * 100.0 / durationA));
    }

    /**
     * The colour of the time change: {@code lat-worse-2} at +50 % or more, {@code lat-worse-1} from
     * +10 %, {@code lat-better-1} from −10 %, {@code lat-better-2} at −50 % or less; {@code ""} for
     * smaller changes and paths not in both traces.
     */
    public String latencyClass() {
      if (!matched()) {
        return "";
      }
      double ratio =
          durationA == 0 ? (durationB > 0 ? 1 : 0) : latencyChange() / (double) durationA;
      if (ratio >= 0.5) {
        return "lat-worse-2";
      }
      if (ratio >= 0.1) {
        return "lat-worse-1";
      }
      if (ratio <= -0.5) {
        return "lat-better-2";
      }
      return ratio <= -0.1 ? "lat-better-1" : "";
    }

    /** The service's colour slot, as on the search page. */
    public int slot() {
      return ServicePalette.slotOf(service);
    }

    /** {@code +3}, {@code -1} or {@code ""}. */
    public String delta() {
      int d = b - a;
      return d == 0 ? "" : (d > 0 ? "+" : "") + d;
    }

    /**
     * The change in percent of A's count ({@code +50%}); {@code ""} when the path is in one only.
     */
    public String percent() {
      if (a == 0 || b == 0 || a == b) {
        return "";
      }
      long pct = Math.round((b - a) * 100.0 / a);
      return String.format(Locale.ROOT, "%+d%%", pct);
    }

    /** Indentation of the name, in px (an SVG width: the CSP forbids style attributes). */
    public int indent() {
      return depth * 16;
    }
  }

  /**
   * The merged tree in depth-first order (A's order first, nodes only in B after), and counts.
   *
   * @param nodes the rows
   * @param added paths only in B
   * @param removed paths only in A
   * @param changed paths in both with different counts
   */
  record Result(List<Node> nodes, int added, int removed, int changed) {
    public int same() {
      return nodes.size() - added - removed - changed;
    }

    public boolean identical() {
      return added == 0 && removed == 0 && changed == 0;
    }
  }

  private TraceDiff() {}

  /**
   * The nodes by largest regression first: paths in both traces by how much longer B's spans took
   * than A's, descending; then the paths only one trace has, in tree order.
   */
  static List<Node> byRegression(List<Node> nodes) {
    List<Node> sorted = new ArrayList<>(nodes);
    sorted.sort(
        Comparator.comparing((Node n) -> !n.matched())
            .thenComparing(Comparator.comparingLong(Node::latencyChange).reversed()));
    return List.copyOf(sorted);
  }

  /** Diffs two traces; either may be {@code null} (then all its counts are 0). */
  static Result diff(Trace a, Trace b) {
    Paths paths = new Paths();
    if (a != null) {
      collect(a, paths, 0);
    }
    if (b != null) {
      collect(b, paths, 1);
    }
    List<Acc> all = paths.nodes;
    // Children lists, in first-seen order.
    List<List<Acc>> children = new ArrayList<>(all.size());
    List<Acc> roots = new ArrayList<>();
    for (Acc acc : all) {
      children.add(new ArrayList<>());
      if (acc.parent < 0) {
        roots.add(acc);
      } else {
        children.get(acc.parent).add(acc);
      }
    }
    // changedBelow, bottom-up: a parent is always created before its children.
    for (int i = all.size() - 1; i >= 0; i--) {
      Acc acc = all.get(i);
      if (acc.count[0] != acc.count[1]) {
        acc.changedBelow = true;
      }
      if (acc.changedBelow && acc.parent >= 0) {
        all.get(acc.parent).changedBelow = true;
      }
    }
    List<Node> out = new ArrayList<>(all.size());
    int added = 0;
    int removed = 0;
    int changed = 0;
    Deque<Acc> stack = new ArrayDeque<>();
    for (int i = roots.size() - 1; i >= 0; i--) {
      stack.push(roots.get(i));
    }
    while (!stack.isEmpty()) {
      Acc acc = stack.pop();
      Change change = Change.of(acc.count[0], acc.count[1]);
      switch (change) {
        case ADDED -> added++;
        case REMOVED -> removed++;
        case MORE, LESS -> changed++;
        default -> {}
      }
      out.add(
          new Node(
              acc.service,
              acc.operation,
              acc.depth,
              acc.count[0],
              acc.count[1],
              acc.errors[0],
              acc.errors[1],
              change,
              acc.changedBelow,
              acc.leaf,
              acc.duration[0],
              acc.duration[1]));
      List<Acc> kids = children.get(acc.id);
      for (int i = kids.size() - 1; i >= 0; i--) {
        stack.push(kids.get(i));
      }
    }
    return new Result(List.copyOf(out), added, removed, changed);
  }

  /**
   * The path nodes of both traces. A path is identified by its parent path's node and its last
   * step, so keys stay short however deep the tree.
   */
  private static final class Paths {
    final List<Acc> nodes = new ArrayList<>();
    final Map<PathKey, Acc> index = new HashMap<>();

    Acc node(int parent, String service, String operation, boolean leaf) {
      PathKey key = new PathKey(parent, service, operation, leaf);
      Acc acc = index.get(key);
      if (acc == null) {
        int depth = parent < 0 ? 0 : nodes.get(parent).depth + 1;
        acc = new Acc(nodes.size(), parent, service, operation, depth, leaf);
        nodes.add(acc);
        index.put(key, acc);
      }
      return acc;
    }
  }

  /** A path: its parent path's node, and its last step (leaves apart, as in Jaeger UI). */
  private record PathKey(int parent, String service, String operation, boolean leaf) {}

  /** Adds one trace's paths: {@code side} 0 for A, 1 for B. */
  private static void collect(Trace trace, Paths paths, int side) {
    List<Span> spans = trace.spans();
    int n = spans.size();
    Map<SpanId, Integer> firstWithId = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      firstWithId.putIfAbsent(spans.get(i).spanId(), i);
    }
    List<List<Integer>> kids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      kids.add(new ArrayList<>(2));
    }
    List<Integer> roots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int p = parentIndex(spans.get(i), firstWithId, i);
      if (p >= 0) {
        kids.get(p).add(i);
      } else {
        roots.add(i);
      }
    }
    Comparator<Integer> byStart =
        Comparator.<Integer>comparingLong(i -> spans.get(i).startTime()).thenComparingInt(i -> i);
    roots.sort(byStart);
    kids.forEach(k -> k.sort(byStart));

    boolean[] visited = new boolean[n];
    Deque<int[]> stack = new ArrayDeque<>(); // {span index, parent path node id or -1}
    int nextRoot = 0;
    int scan = 0;
    while (true) {
      if (stack.isEmpty()) {
        int root;
        if (nextRoot < roots.size()) {
          root = roots.get(nextRoot++);
        } else {
          // A parent cycle (A → B → A) leaves spans no root reaches: start from the first.
          while (scan < n && visited[scan]) {
            scan++;
          }
          if (scan >= n) {
            break;
          }
          root = scan;
        }
        stack.push(new int[] {root, -1});
      }
      int[] item = stack.pop();
      int s = item[0];
      if (visited[s]) {
        continue;
      }
      visited[s] = true;
      Span span = spans.get(s);
      List<Integer> children = kids.get(s);
      int node;
      if (skipClient(span, children, spans)) {
        node = item[1]; // the client span vanishes; its server child takes its place
      } else {
        Acc acc =
            paths.node(
                item[1], span.process().serviceName(), span.operationName(), children.isEmpty());
        acc.count[side]++;
        acc.duration[side] += Math.max(0, span.duration());
        if (span.isError()) {
          acc.errors[side]++;
        }
        node = acc.id;
      }
      for (int i = children.size() - 1; i >= 0; i--) {
        stack.push(new int[] {children.get(i), node});
      }
    }
  }

  /** Jaeger UI's rule: a CLIENT span with exactly one child, a SERVER span, is skipped. */
  private static boolean skipClient(Span span, List<Integer> children, List<Span> spans) {
    return children.size() == 1
        && "client".equals(span.spanKind())
        && "server".equals(spans.get(children.get(0)).spanKind());
  }

  private static int parentIndex(Span span, Map<SpanId, Integer> firstWithId, int self) {
    SpanReference chosen = null;
    for (SpanReference ref : span.references()) {
      if (!ref.traceId().equals(span.traceId())) {
        continue;
      }
      if (ref.refType() == RefType.CHILD_OF) {
        chosen = ref;
        break;
      }
      if (chosen == null) {
        chosen = ref;
      }
    }
    if (chosen == null) {
      return -1;
    }
    Integer target = firstWithId.get(chosen.spanId());
    return target == null || target == self ? -1 : target;
  }

  /** A node while counting. */
  private static final class Acc {
    final int id;
    final int parent;
    final String service;
    final String operation;
    final int depth;
    final boolean leaf;
    final int[] count = new int[2];
    final int[] errors = new int[2];
    final long[] duration = new long[2];
    boolean changedBelow;

    Acc(int id, int parent, String service, String operation, int depth, boolean leaf) {
      this.id = id;
      this.parent = parent;
      this.service = service;
      this.operation = operation;
      this.depth = depth;
      this.leaf = leaf;
    }
  }
}
