package io.sightline.web.trace;

import io.sightline.http.TraceQueryParser;
import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.SpanId;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceService;
import io.sightline.web.Formats;
import io.sightline.web.Links;
import io.sightline.web.NotFoundException;
import io.sightline.web.TraceIdInput;
import io.sightline.web.UiConfig;
import io.sightline.web.WebUiProperties;
import io.sightline.web.upload.Uploads;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The trace page ({@code /trace/{id}}, Jaeger UI's URL, {@code ?uiFind=} kept) and the requests it
 * makes: the timeline data, find, and span details (also a page of its own, for browsers without
 * JavaScript and for links).
 */
@Controller
class TracePageController {

  /** Longest find query accepted (characters). */
  static final int MAX_QUERY = 1_000;

  /** The trace page's views ({@code ?view=}); the timeline is the default. */
  static final List<String> VIEWS =
      List.of("timeline", "statistics", "graph", "flamegraph", "spans", "events");

  private static final List<String> VIEW_LABELS =
      List.of("Timeline", "Statistics", "Graph", "Flamegraph", "Spans", "Events");

  /**
   * A link of the view switcher.
   *
   * @param key the view's {@code view} parameter
   * @param label what the link says
   * @param path the link, relative to the application
   */
  public record ViewLink(String key, String label, String path) {}

  /**
   * The trace page's archive button: a POST form to {@code action}, carrying the page's time hints.
   *
   * @param action the form's target, relative to the application
   * @param start the link's {@code start} (µs), or {@code null}
   * @param end the link's {@code end} (µs), or {@code null}
   */
  public record ArchiveForm(String action, Long start, Long end) {}

  private final TraceService traces;
  private final TraceViews views;
  private final AnalysisViews analysis = new AnalysisViews();
  private final WebUiProperties properties;
  private final UiConfig uiConfig;
  private final Uploads uploads;

  /**
   * Needs only the trace use cases: test slices of other packages load every controller, and this
   * one must start there too (settings default when not bound).
   */
  TracePageController(
      TraceService traces,
      ObjectProvider<WebUiProperties> properties,
      ObjectProvider<UiConfig> uiConfig,
      ObjectProvider<Uploads> uploads) {
    this.traces = traces;
    this.uiConfig = uiConfig.getIfAvailable(() -> UiConfig.NONE);
    this.properties = properties.getIfAvailable(WebUiProperties::defaults);
    this.uploads = uploads.getIfAvailable(() -> new Uploads(this.properties));
    this.views = new TraceViews(traces, this.properties);
  }

  /**
   * The page. IDs with "..." are left to the compare view ({@code /trace/a...b}, Jaeger UI's URL),
   * so the pattern excludes them.
   */
  @GetMapping("/trace/{traceId:(?!.*\\.\\.\\.).+}")
  String page(
      @PathVariable String traceId,
      @RequestParam(defaultValue = "timeline") String view,
      @RequestParam MultiValueMap<String, String> params,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    if (!VIEWS.contains(view)) {
      throw new InvalidQueryException("view", "unknown view '" + view + "'; one of " + VIEWS);
    }
    TraceId id = TraceIdInput.parse(traceId);
    if (!id.toString().equals(traceId)) {
      // Jaeger UI moves to the canonical (lower-case, 16/32-character) ID; keep uiFind etc.
      return "redirect:/trace/" + id + Links.redirectQuery(request.getQueryString());
    }
    // The time hints of the link (start/end, µs, as on GET /api/traces/{id}).
    TraceLookup lookup = TraceQueryParser.lookup(id, params);
    Uploads.Upload upload = uploads.of(request);
    TraceViews.Fresh fresh =
        upload == null
            ? views.fresh(lookup)
            : new TraceViews.Fresh(views.uploaded(upload, id), 0, 0, false);
    TraceView trace = fresh.view();
    // Shown by browsers' developer tools (and read by the browser tests).
    response.setHeader(
        "Server-Timing",
        String.format(
            Locale.ROOT,
            "fetch;dur=%.1f, assemble;dur=%.1f",
            fresh.fetchNanos() / 1e6,
            fresh.assembleNanos() / 1e6));
    model.addAttribute(
        "viewLinks", viewLinks(trace.header.traceId(), request.getParameter("uiFind"), lookup));
    model.addAttribute(
        "archiveForm", upload == null ? archiveForm(trace.header.traceId(), lookup) : null);
    model.addAttribute("upload", upload);
    model.addAttribute("traceLinks", TagLinks.ofTrace(uiConfig.linkPatterns(), trace.header));
    model.addAttribute("fromArchive", fresh.fromArchive());
    model.addAttribute("archivedMessage", archivedMessage(trace.header.traceId(), params));
    if (!view.equals("timeline")) {
      model.addAttribute("header", trace.header);
      model.addAttribute("view", view);
      model.addAttribute("startUtc", Formats.timestampUtc(trace.header.startMicros()));
      model.addAttribute("startIso", Formats.iso(trace.header.startMicros()));
      analysis.fill(trace, view, request, model, uiConfig.linkPatterns());
      return "trace-analysis";
    }
    TraceHeader header = trace.header;
    int limit = Math.min(trace.size(), Math.max(0, properties.staticRows()));
    List<StaticRow> rows = new ArrayList<>(limit);
    Map<String, Integer> seen = new HashMap<>();
    for (int r = 0; r < limit; r++) {
      String spanId = trace.span(r).spanId().toString();
      int occurrence = seen.merge(spanId, 1, Integer::sum) - 1; // >0 only for duplicate IDs
      rows.add(StaticRow.of(trace, r, occurrence));
    }
    List<String> ticks = new ArrayList<>(5);
    for (int i = 0; i <= 4; i++) {
      ticks.add(Formats.duration(header.durationMicros() * i / 4));
    }
    model.addAttribute("header", header);
    model.addAttribute("viewId", trace.viewId);
    model.addAttribute("rows", rows);
    model.addAttribute("ticks", ticks);
    model.addAttribute("startUtc", Formats.timestampUtc(header.startMicros()));
    model.addAttribute("startIso", Formats.iso(header.startMicros()));
    return "trace";
  }

  /**
   * Archives the trace (the page's Archive button, a plain form) and goes back to the page, which
   * then says how many spans were archived ({@code archived=N}). The form's {@code start}/{@code
   * end} are the page's time hints, so an old trace is found as the page found it.
   */
  @PostMapping("/trace/{traceId}/archive")
  String archive(@PathVariable String traceId, @RequestParam MultiValueMap<String, String> params) {
    TraceId id = TraceIdInput.parse(traceId);
    if (!traces.archiveConfigured()) {
      throw new NotFoundException(
          "No archive storage is configured, so traces cannot be archived here.");
    }
    TraceLookup lookup = TraceQueryParser.lookup(id, params);
    int spans;
    try {
      spans = traces.archiveTrace(lookup);
    } catch (io.sightline.trace.TraceNotFoundException e) {
      throw new io.sightline.web.TraceNotFoundException(id);
    }
    UriComponentsBuilder back = UriComponentsBuilder.fromPath("/trace/" + id);
    if (lookup.start() != null) {
      back.queryParam("start", micros(lookup.start()));
    }
    if (lookup.end() != null) {
      back.queryParam("end", micros(lookup.end()));
    }
    back.queryParam("archived", spans);
    return "redirect:" + back.toUriString();
  }

  /** The archive button's form, or {@code null} when no archive is configured. */
  private ArchiveForm archiveForm(String traceId, TraceLookup lookup) {
    if (!traces.archiveConfigured()) {
      return null;
    }
    return new ArchiveForm(
        "/trace/" + traceId + "/archive",
        lookup.start() == null ? null : micros(lookup.start()),
        lookup.end() == null ? null : micros(lookup.end()));
  }

  /**
   * What the page says after its Archive button ({@code archived=N}, the number of spans), or
   * {@code null}.
   */
  private String archivedMessage(String traceId, MultiValueMap<String, String> params) {
    String archived = params.getFirst("archived");
    if (archived == null || !traces.archiveConfigured()) {
      return null;
    }
    int spans;
    try {
      spans = Integer.parseInt(archived);
    } catch (NumberFormatException e) {
      spans = -1;
    }
    if (spans < 0) {
      throw new InvalidQueryException("archived", "archived: not a number of spans: " + archived);
    }
    return "Trace " + traceId + " archived: " + spans + (spans == 1 ? " span" : " spans");
  }

  /** The view switcher's links; they keep the find text and the link's time hints. */
  private static List<ViewLink> viewLinks(String traceId, String uiFind, TraceLookup lookup) {
    List<ViewLink> links = new ArrayList<>(VIEWS.size());
    for (int i = 0; i < VIEWS.size(); i++) {
      UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/trace/{id}");
      if (i > 0) {
        uri.queryParam("view", VIEWS.get(i));
      }
      if (lookup.start() != null) {
        uri.queryParam("start", micros(lookup.start()));
      }
      if (lookup.end() != null) {
        uri.queryParam("end", micros(lookup.end()));
      }
      if (uiFind != null && !uiFind.isBlank()) {
        uri.queryParam("uiFind", "{find}");
      }
      String path =
          uri.encode()
              .buildAndExpand(Map.of("id", traceId, "find", String.valueOf(uiFind)))
              .toUriString();
      links.add(new ViewLink(VIEWS.get(i), VIEW_LABELS.get(i), path));
    }
    return links;
  }

  private static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /**
   * The view the page's later requests read: of the uploaded file the request names ({@code
   * ?upload=}), else of the store (cached).
   */
  private TraceView view(String traceId, HttpServletRequest request) {
    TraceId id = TraceIdInput.parse(traceId);
    Uploads.Upload upload = uploads.of(request);
    return upload == null ? views.cached(id) : views.uploaded(upload, id);
  }

  @GetMapping(value = "/trace/{traceId}/timeline.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  TimelineJson timeline(@PathVariable String traceId, HttpServletRequest request) {
    return TimelineJson.of(view(traceId, request));
  }

  @GetMapping(value = "/trace/{traceId}/find", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  FindResult find(
      @PathVariable String traceId,
      @RequestParam(defaultValue = "") String q,
      @RequestParam(defaultValue = "row") String by,
      HttpServletRequest request) {
    if (q.length() > MAX_QUERY) {
      throw new InvalidQueryException("q", "the search text is longer than " + MAX_QUERY);
    }
    TraceView view = view(traceId, request);
    SpanMatcher matcher = SpanMatcher.parse(q);
    return switch (by) {
      case "row" -> new FindResult(view.viewId, q, view.find(matcher));
      case "path" -> {
        boolean[] matched = view.matchedPaths(matcher);
        int count = 0;
        int[] nodes = new int[matched == null ? 0 : matched.length];
        for (int i = 0; i < nodes.length; i++) {
          if (matched[i]) {
            nodes[count++] = i;
          }
        }
        yield new FindResult(view.viewId, q, Arrays.copyOf(nodes, count));
      }
      default -> throw new InvalidQueryException("by", "one of row, path: " + by);
    };
  }

  /**
   * The spans view's columns besides the timeline's ({@link SpanTableJson}); {@code path} limits
   * the view to one merged path's spans, as on the page.
   */
  @GetMapping(value = "/trace/{traceId}/spans.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  SpanTableJson spans(@PathVariable String traceId, HttpServletRequest request) {
    int path = AnalysisViews.number(request, "path", -1);
    return SpanTableJson.of(view(traceId, request), path);
  }

  /** The flamegraph's frames ({@link FlameJson}). */
  @GetMapping(value = "/trace/{traceId}/flame.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  FlameJson flame(@PathVariable String traceId, HttpServletRequest request) {
    return FlameJson.of(view(traceId, request));
  }

  /**
   * Span details: the whole page, or with {@code fragment=true} only the panel the trace page loads
   * into its side panel.
   *
   * @param n which span with this ID, when a trace has duplicates (0 = the first)
   */
  @GetMapping("/trace/{traceId}/span/{spanId}")
  String span(
      @PathVariable String traceId,
      @PathVariable String spanId,
      @RequestParam(defaultValue = "0") int n,
      @RequestParam(defaultValue = "false") boolean fragment,
      HttpServletRequest request,
      Model model) {
    TraceIdInput.parse(traceId); // a bad trace ID is named before a bad span ID
    SpanId span;
    try {
      span = SpanId.parse(spanId);
    } catch (IllegalArgumentException e) {
      throw new InvalidQueryException("spanID", e.getMessage());
    }
    TraceView view = view(traceId, request);
    int row = view.rowOf(span, Math.max(0, n));
    if (row < 0) {
      throw new NotFoundException("Trace " + view.header.traceId() + " has no span " + span + ".");
    }
    SpanDetails details = SpanDetails.of(view, row, Math.max(0, n));
    model.addAttribute("span", details);
    model.addAttribute("links", TagLinks.ofSpan(uiConfig.linkPatterns(), view, row, details));
    model.addAttribute("header", view.header);
    model.addAttribute("upload", uploads.of(request));
    return fragment ? "span :: details" : "span";
  }
}
