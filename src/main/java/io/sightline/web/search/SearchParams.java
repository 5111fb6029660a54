package io.sightline.web.search;

import io.sightline.http.TraceQueryParser;
import io.sightline.trace.InvalidQueryException;
import io.sightline.web.CustomRange;
import io.sightline.web.Links;
import io.sightline.web.Logfmt;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The search page's URL, which is Jaeger UI's: {@code service}, {@code operation}, {@code tags} (a
 * JSON object of strings), legacy {@code tag=key:value}, {@code start}/{@code end} (µs since the
 * epoch), {@code lookback} ({@code 1h}, {@code 2d}, {@code custom}), {@code limit}, {@code
 * minDuration}/{@code maxDuration} (Go durations) and repeated {@code traceID}; plus our {@code
 * sort}.
 *
 * <p>A URL with {@code start} and {@code end} is <em>canonical</em>: it names one fixed window, so
 * the link always finds the same traces. The search form itself (a plain GET form) sends {@code
 * lookback}, the tags as logfmt and, for a custom range, {@code from}/{@code to} (local date-times
 * from {@code <input type="datetime-local">}) with {@code tz} (the browser's offset from UTC, in
 * minutes, which the page's script fills in; UTC without script). {@link #canonical} turns such a
 * request — or an old link with only a {@code lookback} — into the canonical URL, which the page
 * redirects to.
 */
final class SearchParams {

  /** Jaeger UI's default number of results. */
  static final int DEFAULT_LIMIT = 20;

  /** The search's own parameters, in the order a canonical URL carries them. */
  private static final List<String> FILTERS =
      List.of(
          "service",
          "operation",
          "tags",
          "tag",
          "lookback",
          "start",
          "end",
          "limit",
          "minDuration",
          "maxDuration");

  /** Parameters that make a request a search (rather than the bare, empty form). */
  static final Set<String> SEARCH_KEYS =
      Stream.concat(FILTERS.stream(), Stream.of("traceID", "from", "to"))
          .collect(Collectors.toUnmodifiableSet());

  /** The parameters a canonical URL carries, in the order it carries them. */
  private static final List<String> CANONICAL_ORDER =
      Stream.concat(FILTERS.stream(), Stream.of("sort")).toList();

  private SearchParams() {}

  /** Whether the request asks for a search at all. */
  static boolean isSearch(Map<String, List<String>> params) {
    for (String key : SEARCH_KEYS) {
      if (params.containsKey(key)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the request lists trace IDs ({@code traceID=a&traceID=b}). */
  static boolean isLookup(Map<String, List<String>> params) {
    List<String> ids = params.get("traceID");
    return ids != null && ids.stream().anyMatch(id -> id != null && !id.isBlank());
  }

  /** Whether the request already names its window ({@code start} and {@code end}). */
  static boolean hasWindow(Map<String, List<String>> params) {
    return !TraceQueryParser.first(params, "start").isEmpty()
        && !TraceQueryParser.first(params, "end").isEmpty();
  }

  /**
   * The canonical form of a search request: the window as {@code start}/{@code end} from the
   * lookback (ending now) or the custom range, the tags as JSON, the limit always given, empty
   * parameters left out.
   *
   * @throws InvalidQueryException naming the form field at fault
   */
  static Map<String, List<String>> canonical(Map<String, List<String>> params, Instant now) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    copy(params, out, "service");
    copy(params, out, "operation");
    List<String> tags = tagsJson(params);
    if (!tags.isEmpty()) {
      out.put("tags", tags);
    }
    List<String> legacy = nonEmpty(params.get("tag"));
    if (!legacy.isEmpty()) {
      out.put("tag", legacy);
    }
    String lookbackText = TraceQueryParser.first(params, "lookback");
    Lookback lookback = lookbackText.isEmpty() ? Lookback.DEFAULT : Lookback.parse(lookbackText);
    if (lookback == null) {
      throw new InvalidQueryException(
          "lookback",
          "unknown lookback '" + lookbackText + "': use a number and m, h, d or w (e.g. 2h, 3d)");
    }
    Instant start;
    Instant end;
    if (lookback.custom()) {
      CustomRange range =
          CustomRange.parse(
              TraceQueryParser.first(params, "from"),
              TraceQueryParser.first(params, "to"),
              TraceQueryParser.first(params, "tz"),
              now);
      start = range.start();
      end = range.end();
    } else {
      end = now;
      start = now.minus(lookback.duration());
    }
    out.put("lookback", List.of(lookback.value()));
    out.put("start", List.of(Long.toString(micros(start))));
    out.put("end", List.of(Long.toString(micros(end))));
    return finish(params, out);
  }

  private static Map<String, List<String>> finish(
      Map<String, List<String>> params, Map<String, List<String>> out) {
    String limit = TraceQueryParser.first(params, "limit").trim();
    out.put("limit", List.of(limit.isEmpty() ? Integer.toString(DEFAULT_LIMIT) : limit));
    copy(params, out, "minDuration");
    copy(params, out, "maxDuration");
    String sort = TraceQueryParser.first(params, "sort");
    if (!sort.isEmpty() && ResultSort.of(sort) != ResultSort.RECENT) {
      out.put("sort", List.of(ResultSort.of(sort).value()));
    }
    return Links.ordered(out, CANONICAL_ORDER);
  }

  /**
   * The parameters to hand to the query parser: {@code tags} as JSON (the form may have sent
   * logfmt) and the page's default limit.
   *
   * @throws InvalidQueryException when the tag text is malformed
   */
  static Map<String, List<String>> forParser(Map<String, List<String>> params) {
    Map<String, List<String>> out = new LinkedHashMap<>(params);
    List<String> tags = tagsJson(params);
    if (tags.isEmpty()) {
      out.remove("tags");
    } else {
      out.put("tags", tags);
    }
    if (TraceQueryParser.first(params, "limit").isBlank()) {
      out.put("limit", List.of(Integer.toString(DEFAULT_LIMIT)));
    }
    return out;
  }

  /**
   * The {@code tags} parameters as JSON objects: JSON values are kept as they are (the parser
   * reports their errors in Jaeger's words), logfmt is converted; empty ones are left out.
   *
   * @throws InvalidQueryException when a logfmt text is malformed
   */
  static List<String> tagsJson(Map<String, List<String>> params) {
    return Logfmt.asJsonObjects(params.get("tags"));
  }

  static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  static Instant instant(long micros) {
    return Instant.EPOCH.plus(Duration.of(micros, ChronoUnit.MICROS));
  }

  private static void copy(Map<String, List<String>> from, Map<String, List<String>> to, String k) {
    String value = TraceQueryParser.first(from, k);
    if (!value.isBlank()) {
      to.put(k, List.of(value.trim()));
    }
  }

  private static List<String> nonEmpty(List<String> values) {
    List<String> out = new ArrayList<>();
    if (values != null) {
      for (String v : values) {
        if (v != null && !v.isBlank()) {
          out.add(v);
        }
      }
    }
    return out;
  }
}
