package io.sightline.web.dependencies;

import io.sightline.web.Formats;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;

/**
 * Everything the dependency page shows, computed by {@link DependenciesPageAssembler}.
 *
 * @param window the time window
 * @param live whether the graph is built from traces matching a search ({@code source=search})
 *     rather than read from the stored daily links
 * @param search the search's form fields (shown in both modes, used in the live one)
 * @param sample how the live graph was sampled; {@code null} for stored links or when the search
 *     could not run
 * @param searchServices the store's services, suggested for the search's service field
 * @param focus the focal service, or {@code ""}
 * @param depth calls followed from the focal service
 * @param query the find text
 * @param table whether the table is shown instead of the graph
 * @param all the whole graph of the window (or sample)
 * @param shown the part shown: all of it, or the part around the focus
 * @param focusMissing whether the focal service has no links while others have
 * @param matches how many shown services the find text matches
 * @param errors problems with the parameters, by form field
 * @param graphHref this page as a graph
 * @param tableHref this page as a table
 * @param clearFocusHref this page without focus
 * @param embed the embed parameters every link keeps
 * @param params the page's own parameters
 * @param graph the drawing; {@code null} for the table or an empty graph
 * @param links the table; {@code null} for the graph
 * @param graphRefused why the graph is not offered (more links than {@code
 *     dependencies.dagMaxNumServices}), or {@code null}
 */
record DependenciesPage(
    GraphWindow window,
    boolean live,
    LiveSearch search,
    Sample sample,
    List<String> searchServices,
    String focus,
    int depth,
    String query,
    boolean table,
    ServiceGraph all,
    ServiceGraph shown,
    boolean focusMissing,
    int matches,
    Map<String, String> errors,
    String graphHref,
    String tableHref,
    String clearFocusHref,
    Map<String, String> embed,
    Map<String, List<String>> params,
    GraphView graph,
    LinkTable links,
    String graphRefused) {

  /**
   * What a live graph was built from, as the page states it: "built from {@code traces} traces
   * matching {@code matching}; at most {@code limit}".
   *
   * @param traces how many traces the search found
   * @param limit the sample size
   * @param capped whether the search stopped at the sample size (there may be more such traces)
   * @param matching the search's conditions, as logfmt
   */
  record Sample(int traces, int limit, boolean capped, String matching) {}

  /** Puts the page into the model under the names the template uses. */
  void addTo(Model model) {
    model.addAttribute("ranges", GraphWindow.RANGES);
    model.addAttribute("range", window.range());
    model.addAttribute("custom", window.custom());
    model.addAttribute("fromField", window.custom() ? GraphWindow.field(window.start()) : "");
    model.addAttribute("toField", window.custom() ? GraphWindow.field(window.end()) : "");
    model.addAttribute("fromMicros", window.startMicros());
    model.addAttribute("toMicros", window.endMicros());
    model.addAttribute("windowStart", window.startMicros());
    model.addAttribute("windowEnd", window.endMicros());
    model.addAttribute("windowStartText", Formats.timestampUtc(window.startMicros()) + " UTC");
    model.addAttribute("windowEndText", Formats.timestampUtc(window.endMicros()) + " UTC");
    model.addAttribute("containsMidnight", window.containsUtcMidnight());
    model.addAttribute("live", live);
    model.addAttribute("search", search);
    model.addAttribute("sample", sample);
    model.addAttribute("searchServices", searchServices);
    model.addAttribute("maxSample", LiveSearch.MAX_SAMPLE);
    model.addAttribute("focus", focus);
    model.addAttribute("depth", depth);
    model.addAttribute("query", query);
    model.addAttribute("table", table);
    model.addAttribute("services", all.services());
    model.addAttribute("empty", all.isEmpty());
    model.addAttribute("focusMissing", focusMissing);
    model.addAttribute("errors", errors);
    model.addAttribute("linkCount", shown.links().size());
    model.addAttribute("serviceCount", shown.services().size());
    model.addAttribute("graphHref", graphHref);
    model.addAttribute("tableHref", tableHref);
    model.addAttribute("clearFocusHref", clearFocusHref);
    model.addAttribute("embedParams", embed);
    model.addAttribute("params", params);
    model.addAttribute("matches", matches);
    model.addAttribute("graph", graph);
    model.addAttribute("graphRefused", graphRefused);
    if (links != null) {
      model.addAttribute("rows", links.rows());
      model.addAttribute("columns", links.columns());
      model.addAttribute("selfCalls", links.selfCalls());
    }
  }
}
