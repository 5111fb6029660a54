package io.sightline.web.dependencies;

import io.sightline.http.TraceQueryParser;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyQuery;
import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.TraceService;
import io.sightline.web.CustomRange;
import io.sightline.web.EmbedOptions;
import io.sightline.web.Formats;
import io.sightline.web.Links;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The service dependency page ({@code /dependencies}): the graph of who calls whom in a time range,
 * laid out on the server ({@link io.sightline.web.LayeredLayout}) and drawn as SVG, with a focus on
 * one service and a depth, a search that highlights services, and the same links as a sortable
 * table.
 *
 * <p>URL: {@code lookback} ({@code 1h} … {@code 30d}, default {@code 7d} as in Jaeger UI, or {@code
 * custom} with {@code start}/{@code end} in µs), {@code focus} and {@code depth}, {@code q}, {@code
 * view=table}, {@code sort}/{@code dir} for the table. The form's custom range ({@code from}/{@code
 * to}/{@code tz}) redirects to {@code start}/{@code end}.
 */
@Controller
class DependenciesPageController {

  /** Jaeger UI's window. */
  static final String DEFAULT_RANGE = "7d";

  /** Jaeger UI's default depth around a focal service. */
  static final int DEFAULT_DEPTH = 5;

  static final int MAX_DEPTH = 20;

  /** Ranges offered, as {value, label, hours}. */
  static final List<Range> RANGES =
      List.of(
          new Range("1h", "Last hour", Duration.ofHours(1)),
          new Range("6h", "Last 6 hours", Duration.ofHours(6)),
          new Range("12h", "Last 12 hours", Duration.ofHours(12)),
          new Range("1d", "Last day", Duration.ofDays(1)),
          new Range("2d", "Last 2 days", Duration.ofDays(2)),
          new Range("7d", "Last 7 days", Duration.ofDays(7)),
          new Range("14d", "Last 14 days", Duration.ofDays(14)),
          new Range("30d", "Last 30 days", Duration.ofDays(30)));

  private static final DateTimeFormatter FIELD =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT);

  /**
   * A choice of time range.
   *
   * @param value the URL value
   * @param label what the form shows
   * @param length the window, ending now
   */
  record Range(String value, String label, Duration length) {}

  /**
   * A row of the table.
   *
   * @param parent the caller
   * @param child the callee
   * @param calls how many calls
   * @param parentHref the search page for the caller
   * @param childHref the search page for the callee
   * @param match whether the find text matches the caller or the callee
   */
  record LinkRow(
      String parent,
      String child,
      long calls,
      String parentHref,
      String childHref,
      boolean match) {}

  /**
   * A sortable column header.
   *
   * @param key the sort's URL value
   * @param label the header
   * @param href the page sorted by this column (descending first for counts, ascending for names;
   *     the other way round when it is already the sort)
   * @param ariaSort {@code ascending}, {@code descending} or {@code none}
   */
  record Column(String key, String label, String href, String ariaSort) {}

  private final TraceService traces;
  private final Duration maxLookback;
  private final Clock clock;

  DependenciesPageController(
      TraceService traces, TraceQueryParser parser, ObjectProvider<Clock> clock) {
    this.traces = traces;
    this.maxLookback = parser.limits().maxLookback();
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  @GetMapping("/dependencies")
  String page(
      @RequestParam MultiValueMap<String, String> params,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    Instant now = clock.instant();
    Map<String, String> embed = EmbedOptions.from(request).params();
    String rangeValue = first(params, "lookback", DEFAULT_RANGE);
    String focus = first(params, "focus", "");
    String query = first(params, "q", "");
    boolean table = "table".equals(first(params, "view", ""));
    int depth = DEFAULT_DEPTH;
    Map<String, String> errors = new LinkedHashMap<>();
    try {
      depth = Integer.parseInt(first(params, "depth", Integer.toString(DEFAULT_DEPTH)));
    } catch (NumberFormatException e) {
      errors.put("depth", "'depth' must be a whole number of hops");
    }
    depth = Math.max(1, Math.min(MAX_DEPTH, depth));

    // The window.
    Instant end = now;
    Instant start;
    Range range =
        RANGES.stream().filter(r -> r.value().equals(rangeValue)).findFirst().orElse(null);
    boolean custom = "custom".equals(rangeValue);
    String fromField = first(params, "from", "");
    String toField = first(params, "to", "");
    if (custom && !fromField.isEmpty()) {
      // The form's custom range: fix it as start/end in the URL.
      try {
        CustomRange r = CustomRange.parse(fromField, toField, first(params, "tz", ""), now);
        Map<String, List<String>> canonical = current(params);
        canonical.remove("from");
        canonical.remove("to");
        canonical.remove("tz");
        canonical.put("start", List.of(Long.toString(micros(r.start()))));
        canonical.put("end", List.of(Long.toString(micros(r.end()))));
        return "redirect:" + Links.of("/dependencies", plus(canonical, embed));
      } catch (InvalidQueryException e) {
        errors.put(e.parameter(), e.getMessage());
      }
    }
    if (custom) {
      try {
        long s = Long.parseLong(first(params, "start", ""));
        long en = Long.parseLong(first(params, "end", ""));
        start = instant(s);
        end = instant(en);
        if (end.isBefore(start)) {
          errors.put("to", "the custom time range ends before it starts");
          start = end.minus(Duration.ofDays(7));
        }
      } catch (NumberFormatException e) {
        if (!errors.containsKey("from") && !errors.containsKey("to")) {
          errors.put("from", "choose when the custom time range starts");
        }
        start = now.minus(Duration.ofDays(7));
        end = now;
      }
    } else {
      if (range == null) {
        errors.put("lookback", "unknown time range '" + rangeValue + "'");
        range = RANGES.get(5);
      }
      start = now.minus(range.length());
    }
    Duration window = Duration.between(start, end);
    if (window.compareTo(maxLookback) > 0) {
      errors.put(
          "lookback",
          "the time range is longer than the server's maximum of "
              + maxLookback.toDays()
              + " days");
      start = end.minus(maxLookback);
      window = maxLookback;
    }

    List<DependencyLink> links = traces.dependencies(new DependencyQuery(end, window), "");
    ServiceGraph all = ServiceGraph.of(links);
    ServiceGraph shown = all;
    boolean focusMissing = false;
    if (!focus.isEmpty()) {
      shown = all.around(focus, depth);
      focusMissing = shown.isEmpty() && !all.isEmpty();
    }

    Map<String, List<String>> base = current(params);
    model.addAttribute("ranges", RANGES);
    model.addAttribute("range", custom ? "custom" : range.value());
    model.addAttribute("custom", custom);
    model.addAttribute("fromField", custom ? field(start) : "");
    model.addAttribute("toField", custom ? field(end) : "");
    model.addAttribute("fromMicros", micros(start));
    model.addAttribute("toMicros", micros(end));
    model.addAttribute("windowStart", micros(start));
    model.addAttribute("windowEnd", micros(end));
    model.addAttribute("windowStartText", Formats.timestampUtc(micros(start)) + " UTC");
    model.addAttribute("windowEndText", Formats.timestampUtc(micros(end)) + " UTC");
    model.addAttribute("containsMidnight", containsUtcMidnight(start, end));
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
    model.addAttribute(
        "graphHref", Links.of("/dependencies", plus(Links.with(base, "view", null), embed)));
    model.addAttribute(
        "tableHref", Links.of("/dependencies", plus(Links.with(base, "view", "table"), embed)));
    model.addAttribute(
        "clearFocusHref",
        Links.of(
            "/dependencies",
            plus(Links.with(Links.with(base, "focus", null), "depth", null), embed)));
    model.addAttribute("embedParams", embed);
    model.addAttribute("params", base);
    if (!errors.isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
    }
    String q = query.toLowerCase(Locale.ROOT);
    int matches = 0;
    for (String service : shown.services()) {
      if (!q.isEmpty() && service.toLowerCase(Locale.ROOT).contains(q)) {
        matches++;
      }
    }
    model.addAttribute("matches", matches);
    if (table) {
      tableModel(shown, params, base, embed, q, model);
    } else if (!shown.isEmpty()) {
      model.addAttribute(
          "graph",
          GraphView.of(
              shown,
              focus,
              query,
              s -> Links.of("/dependencies", plus(Links.with(base, "focus", s), embed)),
              s -> searchHref(s, embed)));
    }
    return "dependencies";
  }

  private static void tableModel(
      ServiceGraph graph,
      MultiValueMap<String, String> params,
      Map<String, List<String>> base,
      Map<String, String> embed,
      String query,
      Model model) {
    String sort = first(params, "sort", "calls");
    if (!List.of("parent", "child", "calls").contains(sort)) {
      sort = "calls";
    }
    boolean countSort = sort.equals("calls");
    String dir = first(params, "dir", countSort ? "desc" : "asc");
    boolean descending = dir.equals("desc");
    Comparator<DependencyLink> order =
        switch (sort) {
          case "parent" ->
              Comparator.comparing(DependencyLink::parent).thenComparing(DependencyLink::child);
          case "child" ->
              Comparator.comparing(DependencyLink::child).thenComparing(DependencyLink::parent);
          default ->
              Comparator.comparingLong(DependencyLink::callCount)
                  .thenComparing(DependencyLink::parent)
                  .thenComparing(DependencyLink::child);
        };
    if (descending) {
      order = order.reversed();
    }
    List<LinkRow> rows = new ArrayList<>();
    for (DependencyLink link : graph.links().stream().sorted(order).toList()) {
      rows.add(
          new LinkRow(
              link.parent(),
              link.child(),
              link.callCount(),
              searchHref(link.parent(), embed),
              searchHref(link.child(), embed),
              !query.isEmpty()
                  && (link.parent().toLowerCase(Locale.ROOT).contains(query)
                      || link.child().toLowerCase(Locale.ROOT).contains(query))));
    }
    List<Column> columns = new ArrayList<>();
    for (String[] c :
        new String[][] {{"parent", "Caller"}, {"child", "Callee"}, {"calls", "Calls"}}) {
      boolean active = c[0].equals(sort);
      String nextDir;
      if (active) {
        nextDir = descending ? "asc" : "desc";
      } else {
        nextDir = c[0].equals("calls") ? "desc" : "asc";
      }
      Map<String, List<String>> p = Links.with(Links.with(base, "sort", c[0]), "dir", nextDir);
      columns.add(
          new Column(
              c[0],
              c[1],
              Links.of("/dependencies", plus(p, embed)),
              active ? (descending ? "descending" : "ascending") : "none"));
    }
    model.addAttribute("rows", rows);
    model.addAttribute("columns", columns);
    model.addAttribute("selfCalls", new java.util.TreeMap<>(graph.selfCalls()));
  }

  private static String searchHref(String service, Map<String, String> embed) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    p.put("service", List.of(service));
    return Links.of("/search", plus(p, embed));
  }

  /** The page's own parameters (not the form's custom-range fields, not the embed ones). */
  private static Map<String, List<String>> current(MultiValueMap<String, String> params) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String key :
        List.of("lookback", "start", "end", "focus", "depth", "q", "view", "sort", "dir")) {
      String value = first(params, key, "");
      if (!value.isEmpty()) {
        out.put(key, List.of(value));
      }
    }
    return out;
  }

  private static Map<String, List<String>> plus(
      Map<String, List<String>> params, Map<String, String> extra) {
    return Links.plus(params, extra);
  }

  /**
   * Whether the window holds a 00:00 UTC: the spark-dependencies job stamps each day's document
   * with that day's midnight, so a window without one finds nothing in Elasticsearch.
   */
  static boolean containsUtcMidnight(Instant start, Instant end) {
    LocalDate day = start.atZone(ZoneOffset.UTC).toLocalDate();
    Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    if (midnight.isBefore(start)) {
      midnight = midnight.plus(1, ChronoUnit.DAYS);
    }
    return !midnight.isAfter(end);
  }

  private static String first(Map<String, List<String>> params, String key, String fallback) {
    String value = TraceQueryParser.first(params, key).trim();
    return value.isEmpty() ? fallback : value;
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  private static String field(Instant instant) {
    return FIELD.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }
}
