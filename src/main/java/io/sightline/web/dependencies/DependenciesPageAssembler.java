package io.sightline.web.dependencies;

import io.sightline.http.TraceQueryParser;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyQuery;
import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.SampledDependencies;
import io.sightline.trace.TraceQuery;
import io.sightline.trace.TraceService;
import io.sightline.web.CustomRange;
import io.sightline.web.Links;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Computes the dependency page from its parameters: the window, the links — the stored daily links
 * ({@link TraceService#dependencies}) or, with {@code source=search}, the links of a sample of
 * traces matching a search ({@link TraceService#dependenciesOfTraces}, the search path of {@code
 * /api/traces} and the one link computation) — the focus, the drawing or the table, and every link
 * of the page.
 */
final class DependenciesPageAssembler {

  /** Jaeger UI's window for the stored links. */
  static final String DEFAULT_RANGE = "7d";

  /** The live graph's window: Jaeger UI's search lookback. */
  static final String DEFAULT_LIVE_RANGE = "1h";

  /** Jaeger UI's default depth around a focal service. */
  static final int DEFAULT_DEPTH = 5;

  static final int MAX_DEPTH = 20;

  /** Jaeger UI's {@code dependencies.dagMaxNumServices} when the file does not set it. */
  static final int DEFAULT_DAG_MAX = 500;

  /** The page's own parameters, in the order its links carry them. */
  private static final List<String> PAGE_KEYS =
      List.of(
          "source",
          "service",
          "operation",
          "tags",
          "limit",
          "lookback",
          "start",
          "end",
          "focus",
          "depth",
          "q",
          "view",
          "sort",
          "dir");

  private final TraceService traces;
  private final TraceQueryParser parser;
  private final int dagMax;
  private final boolean dagMaxConfigured;

  /**
   * @param dagMax {@code dependencies.dagMaxNumServices} of {@code QUERY_UI_CONFIG}, or {@code
   *     null}: Jaeger UI's default
   */
  DependenciesPageAssembler(TraceService traces, TraceQueryParser parser, Integer dagMax) {
    this.traces = traces;
    this.parser = parser;
    this.dagMax = dagMax == null ? DEFAULT_DAG_MAX : dagMax;
    this.dagMaxConfigured = dagMax != null;
  }

  /**
   * The page's URL with the form's custom range fixed as {@code start}/{@code end} (so the link
   * shows the same window later), or {@code null} when the request has no such range to fix (a
   * malformed one is reported in {@code errors}).
   */
  String fixedRangeUrl(
      Map<String, List<String>> params,
      Map<String, String> embed,
      Instant now,
      Map<String, String> errors) {
    CustomRange range = GraphWindow.fromForm(params, now, errors);
    if (range == null) {
      return null;
    }
    Map<String, List<String>> canonical = current(params);
    canonical.put("start", List.of(Long.toString(Params.micros(range.start()))));
    canonical.put("end", List.of(Long.toString(Params.micros(range.end()))));
    return Links.of("/dependencies", Links.plus(Links.ordered(canonical, PAGE_KEYS), embed));
  }

  /** The page. */
  DependenciesPage assemble(
      Map<String, List<String>> params,
      Map<String, String> embed,
      Instant now,
      Map<String, String> errors) {
    String source = Params.first(params, "source", "stored");
    boolean live = source.equals("search");
    if (!live && !source.equals("stored")) {
      errors.put("source", "unknown source '" + source + "': use stored or search");
    }
    GraphWindow window =
        GraphWindow.of(
            params,
            live ? DEFAULT_LIVE_RANGE : DEFAULT_RANGE,
            now,
            parser.limits().maxLookback(),
            errors);
    LiveSearch search = LiveSearch.from(params, parser.limits().maxLimit(), errors);
    DependenciesPage.Sample sample = null;
    List<DependencyLink> links = List.of();
    if (live) {
      try {
        TraceQuery query = search.query(parser, window);
        SampledDependencies sampled = traces.dependenciesOfTraces(query);
        links = sampled.links();
        sample =
            new DependenciesPage.Sample(
                sampled.traces(), sampled.limit(), sampled.capped(), LiveSearch.describe(query));
      } catch (InvalidQueryException e) {
        // the parser's or the store's refusal (a tag pattern that is no regular expression)
        errors.put(field(e.parameter()), e.getMessage());
      }
    } else {
      links = traces.dependencies(new DependencyQuery(window.end(), window.length()), "");
    }

    String focus = Params.first(params, "focus", "");
    String query = Params.first(params, "q", "");
    int depth = depth(params, errors);
    ServiceGraph all = ServiceGraph.of(links);
    ServiceGraph shown = focus.isEmpty() ? all : all.around(focus, depth);
    boolean focusMissing = !focus.isEmpty() && shown.isEmpty() && !all.isEmpty();
    String q = query.toLowerCase(Locale.ROOT);
    int matches = 0;
    for (String service : shown.services()) {
      if (!q.isEmpty() && service.toLowerCase(Locale.ROOT).contains(q)) {
        matches++;
      }
    }

    Map<String, List<String>> base = current(params);
    // As Jaeger UI, no hierarchical drawing of more links than dagMaxNumServices: the table.
    String graphRefused = shown.links().size() > dagMax ? graphRefused(shown.links().size()) : null;
    boolean table = "table".equals(Params.first(params, "view", "")) || graphRefused != null;
    GraphView graph = null;
    LinkTable linkTable = null;
    if (table) {
      linkTable =
          LinkTable.of(
              shown,
              Params.first(params, "sort", "calls"),
              Params.first(params, "dir", ""),
              q,
              (column, dir) ->
                  href(Links.with(Links.with(base, "sort", column), "dir", dir), embed),
              s -> searchHref(s, embed));
    } else if (!shown.isEmpty()) {
      graph =
          GraphView.of(
              shown,
              focus,
              query,
              s -> href(Links.with(base, "focus", s), embed),
              s -> searchHref(s, embed));
    }
    return new DependenciesPage(
        window,
        live,
        search,
        sample,
        traces.servicesSorted(),
        focus,
        depth,
        query,
        table,
        all,
        shown,
        focusMissing,
        matches,
        errors,
        href(Links.with(base, "view", null), embed),
        href(Links.with(base, "view", "table"), embed),
        href(Links.with(Links.with(base, "focus", null), "depth", null), embed),
        embed,
        base,
        graph,
        linkTable,
        graphRefused);
  }

  /** Why the page shows a table rather than the graph of so many links. */
  private String graphRefused(int links) {
    return "These services have "
        + links
        + " links, more than "
        + dagMax
        + " ("
        + (dagMaxConfigured ? "" : "the default of ")
        + "dependencies.dagMaxNumServices in QUERY_UI_CONFIG): too many to draw as a graph, so"
        + " they are shown as a table. Focus on a service to draw the part around it.";
  }

  private static int depth(Map<String, List<String>> params, Map<String, String> errors) {
    int depth = DEFAULT_DEPTH;
    try {
      depth = Integer.parseInt(Params.first(params, "depth", Integer.toString(DEFAULT_DEPTH)));
    } catch (NumberFormatException e) {
      errors.put("depth", "'depth' must be a whole number of hops");
    }
    return Math.max(1, Math.min(MAX_DEPTH, depth));
  }

  /** The form field showing a search parameter's error. */
  private static String field(String parameter) {
    if (parameter == null) {
      return "general";
    }
    return switch (parameter) {
      case "tag" -> "tags";
      case "start", "end" -> "lookback";
      default -> parameter;
    };
  }

  private static String href(Map<String, List<String>> params, Map<String, String> embed) {
    return Links.of("/dependencies", Links.plus(params, embed));
  }

  private static String searchHref(String service, Map<String, String> embed) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    p.put("service", List.of(service));
    return Links.of("/search", Links.plus(p, embed));
  }

  /**
   * The page's own parameters (not the form's custom-range fields, not the embed ones); those of
   * the search only for a live graph (the form sends them in both modes).
   */
  private static Map<String, List<String>> current(Map<String, List<String>> params) {
    boolean live = Params.first(params, "source", "").equals("search");
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String key : PAGE_KEYS) {
      String value = Params.first(params, key, "");
      boolean searchOnly = key.equals("source") || LiveSearch.KEYS.contains(key);
      if (!value.isEmpty() && (live || !searchOnly)) {
        out.put(key, List.of(value));
      }
    }
    return out;
  }
}
