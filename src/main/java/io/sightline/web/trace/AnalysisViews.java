package io.sightline.web.trace;

import io.sightline.trace.InvalidQueryException;
import io.sightline.web.UiConfig.LinkPattern;
import io.sightline.web.trace.stats.Statistics;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import org.springframework.ui.Model;

/**
 * The trace page's views besides the timeline ({@code
 * ?view=statistics|graph|flamegraph|spans|events}): reads their parameters and puts what the {@code
 * trace-analysis} template shows into the model. Everything is computed here, on the server; the
 * pages work without JavaScript (sorting, filtering and paging are links and forms).
 */
final class AnalysisViews {

  void fill(
      TraceView trace,
      String view,
      HttpServletRequest request,
      Model model,
      List<LinkPattern> linkPatterns) {
    boolean ascending = "asc".equals(request.getParameter("dir"));
    String find = text(request, "uiFind");
    model.addAttribute("uiFind", find);
    model.addAttribute("dir", ascending ? "asc" : "desc");
    switch (view) {
      case "statistics" -> {
        Statistics.Sort sort = Statistics.Sort.parse(request.getParameter("sort"));
        model.addAttribute(
            "stats", StatisticsPage.of(trace, request.getParameter("groupBy"), sort, ascending));
      }
      case "graph", "flamegraph" -> {
        boolean[] matched = trace.matchedPaths(SpanMatcher.parse(find));
        int zoom = number(request, "node", -1);
        model.addAttribute("node", zoom >= 0 ? zoom : null);
        model.addAttribute("paths", PathTablePage.of(trace, zoom, matched, page(request)));
        if (view.equals("graph")) {
          model.addAttribute("graph", TraceGraphView.of(trace, matched));
        }
      }
      case "spans" -> {
        String sort = request.getParameter("sort");
        int[] matches = find.isBlank() ? null : trace.find(SpanMatcher.parse(find));
        int path = number(request, "path", -1);
        if (path >= 0) {
          matches = intersect(trace.rowsOfPath(path), matches);
          model.addAttribute("path", path);
          model.addAttribute("pathLabel", PathTablePage.of(trace, path, null, 0).zoomLabel());
        }
        String service = text(request, "service");
        String operation = text(request, "operation");
        matches = SpanTablePage.only(trace, matches, service, operation);
        model.addAttribute("service", service.isEmpty() ? null : service);
        model.addAttribute("operation", operation.isEmpty() ? null : operation);
        model.addAttribute("services", SpanTablePage.services(trace));
        model.addAttribute("operations", SpanTablePage.operations(trace, service));
        boolean asc = request.getParameter("dir") == null || ascending; // start ascends by default
        model.addAttribute("dir", asc ? "asc" : "desc");
        model.addAttribute("table", SpanTablePage.of(trace, matches, sort, asc, page(request)));
      }
      case "events" ->
          model.addAttribute("events", EventsPage.of(trace, find, page(request), linkPatterns));
      default -> throw new IllegalArgumentException(view);
    }
  }

  private static String text(HttpServletRequest request, String name) {
    String value = request.getParameter(name);
    if (value == null) {
      return "";
    }
    if (value.length() > TracePageController.MAX_QUERY) {
      throw new InvalidQueryException(
          name, "the search text is longer than " + TracePageController.MAX_QUERY);
    }
    return value;
  }

  /** Rows in both (ascending) lists; {@code null} for {@code b} means all rows. */
  private static int[] intersect(int[] a, int[] b) {
    if (b == null) {
      return a;
    }
    int[] out = new int[Math.min(a.length, b.length)];
    int n = 0;
    for (int i = 0, j = 0; i < a.length && j < b.length; ) {
      if (a[i] == b[j]) {
        out[n++] = a[i];
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** A parameter that is a number 0 or more, or {@code absent} when not given. */
  static int number(HttpServletRequest request, String name, int absent) {
    String value = request.getParameter(name);
    if (value == null || value.isEmpty()) {
      return absent;
    }
    try {
      int n = Integer.parseInt(value);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new InvalidQueryException(name, name + ": not a number (0 or more): " + value);
    }
  }

  private static int page(HttpServletRequest request) {
    String value = request.getParameter("page");
    if (value == null || value.isEmpty()) {
      return 0;
    }
    try {
      int page = Integer.parseInt(value);
      if (page < 1) {
        throw new NumberFormatException();
      }
      return page - 1;
    } catch (NumberFormatException e) {
      throw new InvalidQueryException("page", "not a page number (1 or more): " + value);
    }
  }
}
