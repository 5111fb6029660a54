package io.sightline.web.search;

import io.sightline.http.TraceQueryParser;
import io.sightline.http.json.GoJson;
import io.sightline.http.json.UiTraceJson;
import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.QueryLimits;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceQuery;
import io.sightline.trace.TraceRequest;
import io.sightline.trace.TraceService;
import io.sightline.web.EmbedOptions;
import io.sightline.web.Links;
import io.sightline.web.TraceSummary;
import io.sightline.web.UiConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  private final TraceService traces;
  private final TraceQueryParser parser;
  private final SearchPageAssembler assembler;
  private final Clock clock;

  SearchController(
      TraceService traces,
      TraceQueryParser parser,
      ObjectProvider<Clock> clock,
      ObjectProvider<UiConfig> uiConfig) {
    UiConfig ui = uiConfig.getIfAvailable(() -> UiConfig.NONE);
    this.traces = traces;
    this.parser = pageParser(parser, ui);
    this.assembler =
        new SearchPageAssembler(
            traces,
            this.parser.limits().maxLimit(),
            this.parser.limits().maxLookback(),
            ui.maxLookback());
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
      return page(model, assembler.form(params, null, services, Map.of()), null);
    }
    Map<String, String> errors = new LinkedHashMap<>();
    if (!SearchParams.isLookup(params) && !SearchParams.hasWindow(params)) {
      // A form submission, or an old link with only a lookback: fix the window and show the
      // canonical URL, so that this search is a link that finds the same traces again.
      try {
        Map<String, List<String>> canonical = SearchParams.canonical(params, now);
        return "redirect:" + Links.of("/search", Links.plus(canonical, keep));
      } catch (InvalidQueryException e) {
        return refused(model, response, params, null, services, errors, e);
      }
    }

    TraceRequest parsed;
    try {
      parsed = parser.parseTraceRequest(SearchParams.forParser(params), false);
    } catch (InvalidQueryException e) {
      return refused(model, response, params, null, services, errors, e);
    }
    TraceQuery query = parsed instanceof TraceRequest.Search s ? s.query() : null;
    String tooLong = assembler.beyondMaxLookback(parsed);
    if (tooLong != null) {
      return refused(
          model,
          response,
          params,
          query,
          services,
          errors,
          new InvalidQueryException("lookback", tooLong));
    }
    long started = System.nanoTime();
    List<TraceSummary> found = new ArrayList<>();
    try {
      // Each trace becomes its summary as it arrives; the page never holds the traces.
      run(parsed).forEachRemaining(trace -> found.add(TraceSummary.of(trace)));
    } catch (InvalidQueryException e) {
      // the storage refused a condition (a tag pattern that is no regular expression, say)
      return refused(model, response, params, query, services, errors, e);
    }
    long fetched = System.nanoTime();
    SearchResults results =
        assembler.results(params, parsed, found, now, embed, keep, (fetched - started) / 1_000_000);
    long summarized = System.nanoTime();
    response.setHeader(
        "Server-Timing",
        String.format(
            Locale.ROOT,
            "storage;dur=%.1f, summarize;dur=%.1f",
            (fetched - started) / 1e6,
            (summarized - fetched) / 1e6));
    return page(model, assembler.form(params, query, services, errors), results);
  }

  private static String page(Model model, SearchForm form, SearchResults results) {
    model.addAttribute("form", form);
    if (results != null) {
      model.addAttribute("results", results);
    }
    return "search";
  }

  /** The page with the form and the error beside the field at fault; 400. */
  private String refused(
      Model model,
      HttpServletResponse response,
      MultiValueMap<String, String> params,
      TraceQuery query,
      List<String> services,
      Map<String, String> errors,
      InvalidQueryException e) {
    errors.put(field(e.parameter()), e.getMessage());
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    return page(model, assembler.form(params, query, services, errors), null);
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

  /** Parameters that stay on every link of the page: the embed ones, and the graph switch. */
  private static Map<String, String> keptParams(EmbedOptions embed, HttpServletRequest request) {
    Map<String, String> keep = new LinkedHashMap<>(embed.params());
    if ("1".equals(request.getParameter("uiSearchHideGraph"))) {
      keep.put("uiSearchHideGraph", "1");
    }
    return keep;
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
