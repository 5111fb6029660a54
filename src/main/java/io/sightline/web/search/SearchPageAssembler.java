package io.sightline.web.search;

import io.sightline.http.TraceQueryParser;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds what the search page shows from a request's parameters: the form ({@link SearchForm}: the
 * values, the lookback choices within {@code QUERY_UI_CONFIG}'s {@code search.maxLookback}, the
 * errors) and the results ({@link SearchResults}: rows, scatter plot, links).
 */
final class SearchPageAssembler {

  /** Jaeger UI's lookback choices stop here when {@code search.maxLookback} is not configured. */
  static final Duration PRESET_MAX = Duration.ofDays(2);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final TraceService traces;
  private final int maxLimit;
  private final Duration maxLookback;
  private final UiConfig.Lookback uiMaxLookback;

  /**
   * @param maxLimit the largest limit the page accepts
   * @param maxLookback the server's longest search window
   * @param uiMaxLookback {@code search.maxLookback}, or {@code null}
   */
  SearchPageAssembler(
      TraceService traces, int maxLimit, Duration maxLookback, UiConfig.Lookback uiMaxLookback) {
    this.traces = traces;
    this.maxLimit = maxLimit;
    this.maxLookback = maxLookback;
    this.uiMaxLookback = uiMaxLookback;
  }

  /** The longest window a search of the page may cover. */
  Duration pageMaxLookback() {
    Duration ui = uiMaxLookback == null ? null : uiMaxLookback.duration();
    return ui == null || ui.compareTo(maxLookback) > 0 ? maxLookback : ui;
  }

  /**
   * The message refusing a search whose window is longer than {@code search.maxLookback}, or {@code
   * null} when it is within it (or none is configured: the server's own maximum applies).
   */
  String beyondMaxLookback(TraceRequest parsed) {
    if (uiMaxLookback == null || !(parsed instanceof TraceRequest.Search search)) {
      return null;
    }
    TraceQuery q = search.query();
    Duration window = Duration.between(q.startTimeMin(), q.startTimeMax());
    if (window.compareTo(uiMaxLookback.duration()) <= 0) {
      return null;
    }
    return "This search covers "
        + Lookback.describe(window)
        + ", more than the longest lookback allowed here, "
        + uiMaxLookback.label()
        + " (search.maxLookback of QUERY_UI_CONFIG): choose a shorter lookback or range.";
  }

  SearchResults results(
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

  SearchForm form(
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
        lookbackChoices(lookback),
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

  /**
   * The "Last …" choices: Jaeger UI's, up to {@code search.maxLookback} (which is offered itself,
   * with its label, when it is none of them), else up to two days; never beyond the server's
   * maximum.
   */
  private List<Lookback> lookbackChoices(Lookback selected) {
    if (uiMaxLookback == null) {
      Duration max = PRESET_MAX.compareTo(maxLookback) < 0 ? PRESET_MAX : maxLookback;
      return Lookback.choices(selected, max, null);
    }
    Lookback ui = Lookback.parse(uiMaxLookback.value());
    Lookback labelled = new Lookback(ui.value(), "Last " + uiMaxLookback.label(), ui.duration());
    return Lookback.choices(selected, pageMaxLookback(), labelled);
  }
}
