package io.sightline.web.compare;

import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceService;
import io.sightline.web.EmbedOptions;
import io.sightline.web.Formats;
import io.sightline.web.Links;
import io.sightline.web.TraceIdInput;
import io.sightline.web.TraceSummary;
import io.sightline.web.WebUiProperties;
import io.sightline.web.upload.Uploads;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Trace comparison at Jaeger UI's URL, {@code /trace/{a}...{b}} (optionally {@code ?cohort=id&…},
 * the traces selected on the search page): the two traces' summaries and the structural diff of
 * their service/operation trees ({@link TraceDiff}). The trace page ({@code /trace/{id}}) leaves
 * every ID containing {@code ...} to this controller. {@code /compare?a=…&b=…} (the page's own
 * form) and {@code /compare?cohort=…} (the search page's selection without JavaScript) redirect
 * here.
 */
@Controller
class CompareController {

  /** At most this many cohort traces are listed (Jaeger UI's selection is small too). */
  static final int MAX_COHORT = 20;

  private final TraceService traces;
  private final Uploads uploads;

  CompareController(
      TraceService traces,
      ObjectProvider<Uploads> uploads,
      ObjectProvider<WebUiProperties> properties) {
    this.traces = traces;
    this.uploads =
        uploads.getIfAvailable(
            () -> new Uploads(properties.getIfAvailable(WebUiProperties::defaults)));
  }

  /**
   * One side of the comparison.
   *
   * @param label "A" or "B"
   * @param input the ID as given (for the form), {@code ""} for an empty slot
   * @param id the parsed ID, or {@code null}
   * @param summary the trace's summary, or {@code null} when empty, invalid or not found
   * @param error why the slot has no trace ({@code null} when it has one or is empty)
   * @param href the trace page, or {@code null}
   * @param startText the start in UTC for people, or {@code ""}
   */
  record Slot(
      String label,
      String input,
      String id,
      TraceSummary summary,
      String error,
      String href,
      String startText) {

    public boolean empty() {
      return input.isEmpty();
    }

    public String durationText() {
      return summary == null ? "" : Formats.duration(summary.durationMicros());
    }
  }

  /**
   * A trace of the cohort (the search page's selection).
   *
   * @param id the trace ID
   * @param summary its summary, or {@code null} when not found
   * @param asA the comparison with this trace as A (and the current B)
   * @param asB the comparison with this trace as B
   * @param isA whether it is A now
   * @param isB whether it is B now
   */
  record CohortRow(
      String id, TraceSummary summary, String asA, String asB, boolean isA, boolean isB) {
    public String durationText() {
      return summary == null ? "" : Formats.duration(summary.durationMicros());
    }
  }

  @GetMapping("/trace/{ids:.*\\.\\.\\..*}")
  String compare(
      @PathVariable String ids,
      @RequestParam(name = "cohort", required = false) List<String> cohortParam,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    int dots = ids.indexOf("...");
    String aText = ids.substring(0, dots).trim();
    String bText = ids.substring(dots + 3).trim();
    List<String> cohort = cohortIds(cohortParam);

    TraceId a = null;
    TraceId b = null;
    String aError = null;
    String bError = null;
    try {
      a = aText.isEmpty() ? null : TraceIdInput.parse(aText);
    } catch (InvalidQueryException e) {
      aError = e.getMessage();
    }
    try {
      b = bText.isEmpty() ? null : TraceIdInput.parse(bText);
    } catch (InvalidQueryException e) {
      bError = e.getMessage();
    }
    if (aError == null
        && bError == null
        && (a != null || b != null)
        && !(text(a) + "..." + text(b)).equals(ids)) {
      // Upper case, short or base64 IDs: move to the canonical ones, as the trace page does.
      return "redirect:"
          + comparePath(text(a), text(b))
          + Links.redirectQuery(request.getQueryString());
    }

    Set<TraceId> wanted = new LinkedHashSet<>();
    if (a != null) {
      wanted.add(a);
    }
    if (b != null) {
      wanted.add(b);
    }
    for (String id : cohort) {
      wanted.add(TraceId.parse(id));
    }
    Map<TraceId, Trace> found = new HashMap<>();
    Uploads.Upload upload = uploads.of(request);
    if (upload != null) {
      // Compare within an uploaded file: its traces, never the store's.
      for (TraceId id : wanted) {
        Trace trace = upload.traces().get(id);
        if (trace != null) {
          found.put(id, trace);
        }
      }
    } else if (!wanted.isEmpty()) {
      List<TraceLookup> lookups = new ArrayList<>();
      wanted.forEach(id -> lookups.add(TraceLookup.of(id)));
      for (Trace trace : traces.getTraces(lookups, false)) {
        found.put(trace.traceId(), trace);
      }
    }
    Map<String, String> embed = EmbedOptions.from(request).params();
    Slot slotA = slot("A", aText, a, aError, found, embed);
    Slot slotB = slot("B", bText, b, bError, found, embed);
    if (aError != null || bError != null) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
    }
    Trace traceA = a == null ? null : found.get(a);
    Trace traceB = b == null ? null : found.get(b);
    boolean changedOnly = "1".equals(request.getParameter("changed"));
    boolean byRegression = "regression".equals(request.getParameter("sort"));
    if (traceA != null && traceB != null) {
      TraceDiff.Result diff = TraceDiff.diff(traceA, traceB);
      model.addAttribute("diff", diff);
      List<TraceDiff.Node> rows =
          changedOnly
              ? diff.nodes().stream().filter(TraceDiff.Node::changedBelow).toList()
              : diff.nodes();
      model.addAttribute("rows", byRegression ? TraceDiff.byRegression(rows) : rows);
    }
    List<CohortRow> cohortRows = new ArrayList<>();
    for (String id : cohort) {
      Trace trace = found.get(TraceId.parse(id));
      cohortRows.add(
          new CohortRow(
              id,
              trace == null || trace.spans().isEmpty() ? null : TraceSummary.of(trace),
              comparePath(id, text(b)) + cohortQuery(cohort),
              comparePath(text(a), id) + cohortQuery(cohort),
              id.equals(text(a)),
              id.equals(text(b))));
    }
    String self = comparePath(text(a), text(b)) + cohortQuery(cohort);
    model.addAttribute("a", slotA);
    model.addAttribute("b", slotB);
    model.addAttribute("cohort", cohortRows);
    model.addAttribute("cohortIds", cohort);
    model.addAttribute("changedOnly", changedOnly);
    model.addAttribute("byRegression", byRegression);
    String sorted = byRegression ? withParam(self, "sort=regression") : self;
    model.addAttribute("toggleChangedHref", changedOnly ? sorted : withParam(sorted, "changed=1"));
    String filtered = changedOnly ? withParam(self, "changed=1") : self;
    model.addAttribute(
        "toggleSortHref", byRegression ? filtered : withParam(filtered, "sort=regression"));
    model.addAttribute("selfHref", self);
    model.addAttribute("upload", upload);
    return "compare";
  }

  /**
   * The compare form without JavaScript: {@code a} and {@code b}, or else the first two {@code
   * cohort} IDs (the search page's selection), to {@code /trace/a...b}.
   */
  @GetMapping("/compare")
  String form(
      @RequestParam(defaultValue = "") String a,
      @RequestParam(defaultValue = "") String b,
      @RequestParam(name = "cohort", required = false) List<String> cohortParam) {
    List<String> cohort = cohortIds(cohortParam);
    String left = a.trim();
    String right = b.trim();
    if (left.isEmpty() && right.isEmpty() && cohort.size() >= 1) {
      left = cohort.get(0);
      right = cohort.size() >= 2 ? cohort.get(1) : "";
    }
    return "redirect:" + comparePath(left, right) + cohortQuery(cohort);
  }

  private Slot slot(
      String label,
      String input,
      TraceId id,
      String error,
      Map<TraceId, Trace> found,
      Map<String, String> embed) {
    if (id == null) {
      return new Slot(label, input, null, null, error, null, "");
    }
    Trace trace = found.get(id);
    String href =
        trace == null || trace.spans().isEmpty()
            ? link("/trace/" + id, embed)
            : Links.trace(trace, embed);
    if (trace == null || trace.spans().isEmpty()) {
      return new Slot(
          label,
          input,
          id.toString(),
          null,
          "Trace "
              + id
              + " was not found: it may be older than the storage keeps, or not stored yet.",
          href,
          "");
    }
    TraceSummary summary = TraceSummary.of(trace);
    return new Slot(
        label,
        input,
        id.toString(),
        summary,
        null,
        href,
        Formats.timestampUtc(summary.startMicros()) + " UTC");
  }

  /**
   * Valid, distinct cohort IDs in order (invalid ones are dropped: they came from our own links).
   */
  private static List<String> cohortIds(List<String> given) {
    Set<String> ids = new LinkedHashSet<>();
    if (given != null) {
      for (String text : given) {
        if (ids.size() >= MAX_COHORT) {
          break;
        }
        try {
          ids.add(TraceIdInput.parse(text).toString());
        } catch (InvalidQueryException e) {
          // skip
        }
      }
    }
    return List.copyOf(ids);
  }

  private static String text(TraceId id) {
    return id == null ? "" : id.toString();
  }

  static String comparePath(String a, String b) {
    return "/trace/"
        + UriUtils.encodePathSegment(a, StandardCharsets.UTF_8)
        + "..."
        + UriUtils.encodePathSegment(b, StandardCharsets.UTF_8);
  }

  private static String cohortQuery(List<String> cohort) {
    if (cohort.isEmpty()) {
      return "";
    }
    UriComponentsBuilder q = UriComponentsBuilder.newInstance();
    cohort.forEach(id -> q.queryParam("cohort", id));
    return q.build().toUriString();
  }

  private static String withParam(String href, String param) {
    return href + (href.contains("?") ? "&" : "?") + param;
  }

  private static String link(String path, Map<String, String> params) {
    UriComponentsBuilder u = UriComponentsBuilder.fromPath(path);
    params.forEach(u::queryParam);
    return u.build().toUriString();
  }
}
