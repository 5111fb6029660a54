package io.sightline.web.trace;

import io.sightline.trace.InvalidQueryException;
import io.sightline.web.trace.stats.Statistics;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;

/**
 * The trace page's views besides the timeline ({@code ?view=statistics|spans|events}): reads their
 * parameters and puts what the {@code trace-analysis} template shows into the model. Everything is
 * computed here, on the server; the pages work without JavaScript (sorting, filtering and paging
 * are links and forms).
 */
final class AnalysisViews {

  void fill(TraceView trace, String view, HttpServletRequest request, Model model) {
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
      case "spans" -> {
        String sort = request.getParameter("sort");
        int[] matches = find.isBlank() ? null : trace.find(SpanMatcher.parse(find));
        boolean asc = request.getParameter("dir") == null || ascending; // start ascends by default
        model.addAttribute("dir", asc ? "asc" : "desc");
        model.addAttribute("table", SpanTablePage.of(trace, matches, sort, asc, page(request)));
      }
      case "events" -> model.addAttribute("events", EventsPage.of(trace, find, page(request)));
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
