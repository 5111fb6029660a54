package io.sightline.web.search;

import io.sightline.http.TraceQueryParser;
import io.sightline.http.json.GoJson;
import io.sightline.http.json.UiTraceJson;
import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.QueryLimits;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceQuery;
import io.sightline.trace.TraceRequest;
import io.sightline.trace.TraceService;
import io.sightline.web.EmbedOptions;
import io.sightline.web.Links;
import io.sightline.web.Logfmt;
import io.sightline.web.TraceSummary;
import io.sightline.web.UiConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The search page ({@code /search}, Jaeger UI's URL and parameters; see {@link SearchParams}), the
 * operations the form loads for a service, and the results as Jaeger's JSON for download.
 *
 * <p>The page never receives whole traces: the server summarises each result ({@link TraceSummary})
 * and renders the list and the scatter plot; the page's script only re-sorts, selects for
 * comparison and formats times.
 */
@Controller
class SearchController {

  /** Jaeger UI's limit choices stop here by default; the server's own maximum may be lower. */
  static final Duration PRESET_MAX = Duration.ofDays(2);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TraceService traces;
  private final TraceQueryParser parser;
  private final int maxLimit;
  private final Duration maxLookback;
  private final Clock clock;

  SearchController(
      TraceService traces,
      TraceQueryParser parser,
      ObjectProvider<Clock> clock,
      ObjectProvider<UiConfig> uiConfig) {
    this.traces = traces;
    this.parser = pageParser(parser, uiConfig.getIfAvailable(() -> UiConfig.NONE));
    this.maxLimit = this.parser.limits().maxLimit();
    this.maxLookback = this.parser.limits().maxLookback();
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /** The server's limits, narrowed by {@code QUERY_UI_CONFIG}'s {@code search.maxLimit}. */
  private static TraceQueryParser pageParser(TraceQueryParser parser, UiConfig uiConfig) {
    QueryLimits server = parser.limits();
    Integer uiMax = uiConfig.maxLimit();
    return uiMax == null || uiMax >= server.maxLimit()
        ? parser
        : parser.withLimits(new QueryLimits(uiMax, server.maxLookback()));
  }

  @GetMapping("/search")
  String search(
      @RequestParam MultiValueMap<String, String> params,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    Instant now = clock.instant();
    EmbedOptions embed = EmbedOptions.from(request);
    Map<String, String> keep = keptParams(embed, request);
    List<String> services = traces.servicesSorted();
    model.addAttribute("hideGraph", "1".equals(request.getParameter("uiSearchHideGraph")));
    model.addAttribute("noServices", services.isEmpty());

    if (!SearchParams.isSearch(params)) {
      model.addAttribute("form", form(params, null, services, Map.of()));
      return "search";
    }
    Map<String, String> errors = new LinkedHashMap<>();
    if (!SearchParams.isLookup(params) && !SearchParams.hasWindow(params)) {
      // A form submission, or an old link with only a lookback: fix the window and show the
      // canonical URL, so that this search is a link that finds the same traces again.
      try {
        Map<String, List<String>> canonical = SearchParams.canonical(params, now);
        return "redirect:" + Links.of("/search", Links.plus(canonical, keep));
      } catch (InvalidQueryException e) {
        errors.put(field(e.parameter()), e.getMessage());
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("form", form(params, null, services, errors));
        return "search";
      }
    }

    TraceRequest parsed;
    try {
      parsed = parser.parseTraceRequest(SearchParams.forParser(params), false);
    } catch (InvalidQueryException e) {
      errors.put(field(e.parameter()), e.getMessage());
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("form", form(params, null, services, errors));
      return "search";
    }
    TraceQuery query = parsed instanceof TraceRequest.Search s ? s.query() : null;
    long started = System.nanoTime();
    List<TraceSummary> found = new ArrayList<>();
    try {
      // Each trace becomes its summary as it arrives; the page never holds the traces.
      run(parsed).forEachRemaining(trace -> found.add(TraceSummary.of(trace)));
    } catch (InvalidQueryException e) {
      // the storage refused a condition (a tag pattern that is no regular expression, say)
      errors.put(field(e.parameter()), e.getMessage());
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("form", form(params, query, services, errors));
      return "search";
    }
    long fetched = System.nanoTime();
    SearchResults results =
        results(params, parsed, found, now, embed, keep, (fetched - started) / 1_000_000);
    long summarized = System.nanoTime();
    response.setHeader(
        "Server-Timing",
        String.format(
            Locale.ROOT,
            "storage;dur=%.1f, summarize;dur=%.1f",
            (fetched - started) / 1e6,
            (summarized - fetched) / 1e6));
    model.addAttribute("form", form(params, query, services, errors));
    model.addAttribute("results", results);
    return "search";
  }

  /** The operations of a service, for the form's suggestions. */
  @GetMapping(value = "/search/operations", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  Map<String, Object> operations(@RequestParam(defaultValue = "") String service) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service", service);
    body.put("operations", service.isEmpty() ? List.of() : traces.operationNames(service));
    return body;
  }

  /**
   * The results of a search (same parameters as the page) as Jaeger UI's download: {@code
   * {"data":[trace, …]}} in Jaeger's trace JSON, streamed trace by trace.
   */
  @GetMapping("/search/download")
  void download(@RequestParam MultiValueMap<String, String> params, HttpServletResponse response)
      throws IOException {
    if (!SearchParams.isLookup(params) && !SearchParams.hasWindow(params)) {
      throw new InvalidQueryException("start", "a download needs a search with 'start' and 'end'");
    }
    TraceRequest parsed = parser.parseTraceRequest(SearchParams.forParser(params), false);
    Iterator<Trace> found = run(parsed);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setHeader(
        "Content-Disposition",
        "attachment; filename=\"traces-" + clock.instant().toEpochMilli() + ".json\"");
    OutputStream out = response.getOutputStream();
    try (JsonGenerator g = GoJson.generator(out, false)) {
      g.writeStartObject();
      g.writeName("data");
      g.writeStartArray();
      found.forEachRemaining(trace -> UiTraceJson.write(g, trace));
      g.writeEndArray();
      g.writeEndObject();
    }
    out.flush();
  }

  /** The traces a search finds (streamed a batch at a time) or those looked up by ID. */
  private Iterator<Trace> run(TraceRequest parsed) {
    if (parsed instanceof TraceRequest.Search search) {
      return traces.streamTraces(search.query(), search.raw());
    }
    TraceRequest.Fetch fetch = (TraceRequest.Fetch) parsed;
    return traces.getTraces(fetch.lookups(), fetch.raw()).iterator();
  }

  private SearchResults results(
      MultiValueMap<String, String> params,
      TraceRequest parsed,
      List<TraceSummary> found,
      Instant now,
      EmbedOptions embed,
      Map<String, String> keep,
      long elapsedMillis) {
    List<TraceSummary> summaries = found;
    List<String> notFound = new ArrayList<>();
    boolean lookup = parsed instanceof TraceRequest.Fetch;
    if (parsed instanceof TraceRequest.Fetch fetch) {
      Set<String> foundIds = new HashSet<>();
      summaries.forEach(s -> foundIds.add(s.traceId()));
      for (TraceLookup l : fetch.lookups()) {
        TraceId id = l.traceId();
        if (!foundIds.contains(id.toString())) {
          notFound.add(id.toString());
        }
      }
    }
    ResultSort sort = ResultSort.of(TraceQueryParser.first(params, "sort"));
    long longest = 0;
    for (TraceSummary s : summaries) {
      longest = Math.max(longest, s.durationMicros());
    }
    Map<String, String> traceParams = embed.params();
    List<ResultRow> storageOrder = new ArrayList<>(summaries.size());
    for (int i = 0; i < summaries.size(); i++) {
      TraceSummary s = summaries.get(i);
      String href = Links.trace(s.traceId(), s.startMicros(), s.durationMicros(), traceParams);
      storageOrder.add(ResultRow.of(s, i, href, longest, now));
    }
    List<ResultRow> rows = sortRows(storageOrder, sort);

    Map<String, List<String>> current = currentParams(params);
    int limit = 0;
    long windowStart = 0;
    long windowEnd = 0;
    if (parsed instanceof TraceRequest.Search search) {
      limit = search.query().limit();
      windowStart = SearchParams.micros(search.query().startTimeMin());
      windowEnd = SearchParams.micros(search.query().startTimeMax());
    }
    String moreHref = null;
    int moreLimit = 0;
    if (!lookup && limit > 0 && summaries.size() >= limit && limit < maxLimit) {
      moreLimit = Math.min(maxLimit, Math.max(limit * 5, 100));
      moreHref =
          Links.of(
              "/search",
              Links.plus(Links.with(current, "limit", Integer.toString(moreLimit)), keep));
    }
    return new SearchResults(
        rows,
        ScatterPlot.of(storageOrder),
        found.size(),
        limit,
        notFound,
        lookup,
        sort,
        List.of(ResultSort.values()),
        current,
        moreHref,
        moreLimit,
        Links.of("/search/download", Links.with(current, "sort", null)),
        windowStart,
        windowEnd,
        elapsedMillis);
  }

  private static List<ResultRow> sortRows(List<ResultRow> rows, ResultSort sort) {
    Map<TraceSummary, ResultRow> byTrace = new LinkedHashMap<>();
    for (ResultRow row : rows) {
      byTrace.put(row.trace(), row);
    }
    List<ResultRow> sorted = new ArrayList<>(rows.size());
    for (TraceSummary s : sort.sort(new ArrayList<>(byTrace.keySet()))) {
      sorted.add(byTrace.get(s));
    }
    return sorted;
  }

  /** The request's search parameters (what a link to the same search needs), in URL order. */
  private static Map<String, List<String>> currentParams(MultiValueMap<String, String> params) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      if (SearchParams.SEARCH_KEYS.contains(e.getKey()) || e.getKey().equals("sort")) {
        if (!e.getKey().equals("from") && !e.getKey().equals("to")) {
          out.put(e.getKey(), e.getValue());
        }
      }
    }
    return out;
  }

  /** Parameters that stay on every link of the page: the embed ones, and the graph switch. */
  private static Map<String, String> keptParams(EmbedOptions embed, HttpServletRequest request) {
    Map<String, String> keep = new LinkedHashMap<>(embed.params());
    if ("1".equals(request.getParameter("uiSearchHideGraph"))) {
      keep.put("uiSearchHideGraph", "1");
    }
    return keep;
  }

  private SearchForm form(
      Map<String, List<String>> params,
      TraceQuery query,
      List<String> services,
      Map<String, String> errors) {
    String service = TraceQueryParser.first(params, "service").trim();
    String operation = TraceQueryParser.first(params, "operation").trim();
    String tags;
    if (query != null) {
      tags = Logfmt.format(query.tags());
    } else {
      tags = tagText(params);
    }
    String lookbackText = TraceQueryParser.first(params, "lookback");
    Lookback lookback = Lookback.parse(lookbackText);
    if (lookback == null) {
      lookback = Lookback.DEFAULT;
    }
    String from = TraceQueryParser.first(params, "from");
    String to = TraceQueryParser.first(params, "to");
    long fromMicros = 0;
    long toMicros = 0;
    if (query != null) {
      // The custom range starts out as the window searched, ready to be adjusted.
      fromMicros = SearchParams.micros(query.startTimeMin());
      toMicros = SearchParams.micros(query.startTimeMax());
      from = SearchTimes.field(fromMicros);
      to = SearchTimes.field(toMicros);
    }
    int limit = SearchParams.DEFAULT_LIMIT;
    if (query != null) {
      limit = query.limit();
    } else {
      try {
        limit = Integer.parseInt(TraceQueryParser.first(params, "limit").trim());
      } catch (NumberFormatException e) {
        // keep the default in the form; the error (if any) is shown beside it
      }
    }
    List<String> operations = List.of();
    if (!service.isEmpty()) {
      operations = traces.operationNames(service);
    }
    List<String> ids = new ArrayList<>();
    List<String> given = params.get("traceID");
    if (given != null) {
      given.stream().filter(id -> id != null && !id.isBlank()).forEach(ids::add);
    }
    return new SearchForm(
        services,
        service,
        service.isEmpty() || services.contains(service),
        operations,
        operation,
        tags,
        Lookback.choices(
            lookback, PRESET_MAX.compareTo(maxLookback) < 0 ? PRESET_MAX : maxLookback),
        lookback.value(),
        from,
        fromMicros,
        to,
        toMicros,
        TraceQueryParser.first(params, "minDuration"),
        TraceQueryParser.first(params, "maxDuration"),
        limit,
        maxLimit,
        ResultSort.of(TraceQueryParser.first(params, "sort")).value(),
        List.copyOf(ids),
        Map.copyOf(errors));
  }

  /**
   * The tag box's text when the search could not be parsed: the conditions as logfmt when they can
   * be read, else the text as sent (so that the error message points into it).
   */
  private static String tagText(Map<String, List<String>> params) {
    List<String> values = params.get("tags");
    if (values == null || values.isEmpty()) {
      return "";
    }
    String text = String.join(" ", values.stream().filter(v -> v != null).toList()).trim();
    Map<String, String> pairs = new LinkedHashMap<>();
    try {
      for (String value : values) {
        if (value == null || value.isBlank()) {
          continue;
        }
        if (value.trim().startsWith("{")) {
          Map<?, ?> json = JSON.readValue(value, Map.class);
          for (Map.Entry<?, ?> e : json.entrySet()) {
            if (!(e.getValue() instanceof String v)) {
              return text;
            }
            pairs.put(String.valueOf(e.getKey()), v);
          }
        } else {
          pairs.putAll(Logfmt.parse(value));
        }
      }
    } catch (RuntimeException e) {
      return text; // malformed JSON or logfmt
    }
    return Logfmt.format(pairs);
  }

  /** The form field that shows a parameter's error. */
  static String field(String parameter) {
    if (parameter == null) {
      return "general";
    }
    return switch (parameter) {
      case "service", "operation", "limit", "minDuration", "maxDuration", "traceID", "from", "to" ->
          parameter;
      case "tags", "tag" -> "tags";
      case "start", "end", "lookback" -> "lookback";
      default -> "general";
    };
  }
}
