package io.sightline.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The browser phase's rows for the trace page's views besides the timeline (issue #13). */
final class BrowserViews {

  private BrowserViews() {}

  /**
   * The trace page's other views ({@code ?view=statistics|graph|flamegraph|spans|events}) of one
   * trace: per view, {@code count} loads (the first cold for that view), a row with the median
   * ready and interaction times of the others and the longest task of all.
   */
  static void measure(BrowserProbe browser, URI page, int size, int count, StringBuilder out) {
    if (out.isEmpty()) {
      out.append("## Trace views in headless Chromium: time until usable, longest task\n\n");
      out.append(
          "Same browser and Sightline as above, after the timeline's loads. ready = the view's"
              + " script said it is ready (`#trace-page[data-ready]`, ms since navigation start);"
              + " then one interaction per view is dispatched and timed until the next frame after"
              + " its handler ran; usable = ready + interaction. longest task = the longest"
              + " main-thread task (Long Tasks API) of any load and interaction of the view."
              + " shown: statistics and flamegraph the spans they add up, graph the nodes drawn,"
              + " spans the rows of the virtual table, events the rows of the first page.\n\n");
      out.append(
          "| trace | view | loads | warm usable ms | warm ready ms | interaction | interaction ms |"
              + " longest task ms | shown |\n");
      out.append("|---|---|--:|--:|--:|---|--:|--:|--:|\n");
    }
    for (String view : List.of("statistics", "graph", "flamegraph", "spans", "events")) {
      List<BrowserProbe.ViewLoad> loads = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        BrowserProbe.ViewLoad load = browser.loadView(page, view);
        Console.info("browser %,d spans, %s, load %d: %s", size, view, i, load);
        loads.add(load);
      }
      List<BrowserProbe.ViewLoad> warm = loads.subList(1, loads.size());
      out.append(
          String.format(
              Locale.ROOT,
              "| %,d spans | %s | %d | %d | %d | %s | %d | %d | %,d |%n",
              size,
              view,
              loads.size(),
              middle(warm.stream().mapToLong(BrowserProbe.ViewLoad::usable)),
              middle(warm.stream().mapToLong(BrowserProbe.ViewLoad::ready)),
              BrowserProbe.VIEW_INTERACTIONS.get(view),
              middle(warm.stream().mapToLong(BrowserProbe.ViewLoad::interaction)),
              loads.stream().mapToLong(BrowserProbe.ViewLoad::longestTask).max().orElse(0),
              loads.get(loads.size() - 1).shown()));
    }
  }

  private static long middle(java.util.stream.LongStream values) {
    long[] sorted = values.sorted().toArray();
    return sorted[(sorted.length - 1) / 2];
  }
}
