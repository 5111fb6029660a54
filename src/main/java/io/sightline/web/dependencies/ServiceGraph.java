package io.sightline.web.dependencies;

import io.sightline.trace.DependencyLink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Services and who calls whom, from dependency links (duplicate pairs summed).
 *
 * @param services every service, alphabetically
 * @param links calls between two services, by caller then callee
 * @param selfCalls calls a service made to itself, by service
 */
record ServiceGraph(
    List<String> services, List<DependencyLink> links, Map<String, Long> selfCalls) {

  static ServiceGraph of(List<DependencyLink> given) {
    Map<List<String>, Long> counts = new LinkedHashMap<>();
    Set<String> services = new TreeSet<>();
    Map<String, Long> self = new HashMap<>();
    for (DependencyLink link : given) {
      services.add(link.parent());
      services.add(link.child());
      if (link.parent().equals(link.child())) {
        self.merge(link.parent(), link.callCount(), Long::sum);
      } else {
        counts.merge(List.of(link.parent(), link.child()), link.callCount(), Long::sum);
      }
    }
    List<DependencyLink> links = new ArrayList<>(counts.size());
    counts.forEach((pair, n) -> links.add(new DependencyLink(pair.get(0), pair.get(1), n)));
    links.sort(
        java.util.Comparator.comparing(DependencyLink::parent)
            .thenComparing(DependencyLink::child));
    return new ServiceGraph(List.copyOf(services), List.copyOf(links), Map.copyOf(self));
  }

  boolean isEmpty() {
    return services.isEmpty();
  }

  /**
   * The part of the graph around one service, as Jaeger UI's focal view: the services it reaches
   * within {@code depth} calls downstream and those that reach it within {@code depth} calls
   * upstream (two breadth-first searches), with the links among the downstream ones and among the
   * upstream ones — the calls that lead to or from the focal service, not shortcuts between its
   * callers and its callees.
   */
  ServiceGraph around(String focus, int depth) {
    if (!services.contains(focus)) {
      return new ServiceGraph(List.of(), List.of(), Map.of());
    }
    Map<String, List<String>> down = new HashMap<>();
    Map<String, List<String>> up = new HashMap<>();
    for (DependencyLink link : links) {
      down.computeIfAbsent(link.parent(), k -> new ArrayList<>()).add(link.child());
      up.computeIfAbsent(link.child(), k -> new ArrayList<>()).add(link.parent());
    }
    Set<String> downstream = reach(focus, depth, down);
    Set<String> upstream = reach(focus, depth, up);
    Set<String> kept = new HashSet<>(downstream);
    kept.addAll(upstream);
    List<DependencyLink> keptLinks = new ArrayList<>();
    for (DependencyLink link : links) {
      boolean below = downstream.contains(link.parent()) && downstream.contains(link.child());
      boolean above = upstream.contains(link.parent()) && upstream.contains(link.child());
      if (below || above) {
        keptLinks.add(link);
      }
    }
    Map<String, Long> keptSelf = new HashMap<>();
    selfCalls.forEach(
        (s, n) -> {
          if (kept.contains(s)) {
            keptSelf.put(s, n);
          }
        });
    return new ServiceGraph(
        List.copyOf(new TreeSet<>(kept)), List.copyOf(keptLinks), Map.copyOf(keptSelf));
  }

  private static Set<String> reach(String from, int depth, Map<String, List<String>> next) {
    Set<String> seen = new HashSet<>();
    seen.add(from);
    Deque<String> queue = new ArrayDeque<>();
    Map<String, Integer> distance = new HashMap<>();
    queue.add(from);
    distance.put(from, 0);
    while (!queue.isEmpty()) {
      String s = queue.poll();
      int d = distance.get(s);
      if (d >= depth) {
        continue;
      }
      for (String t : next.getOrDefault(s, List.of())) {
        if (seen.add(t)) {
          distance.put(t, d + 1);
          queue.add(t);
        }
      }
    }
    return seen;
  }
}
