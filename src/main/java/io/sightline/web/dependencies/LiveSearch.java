package io.sightline.web.dependencies;

import io.sightline.http.TraceQueryParser;
import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.TraceQuery;
import io.sightline.trace.TraceRequest;
import io.sightline.web.Logfmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search a live graph is built from ({@code source=search}): {@code service} (required, as for
 * {@code /api/traces}), {@code operation}, {@code tags} (logfmt as the form sends it, or Jaeger
 * UI's JSON) and {@code limit}, the sample size: the most traces the graph is built from (default
 * {@value #DEFAULT_SAMPLE}, at most {@value #MAX_SAMPLE} and the server's search limit). The time
 * window is the page's.
 *
 * @param service the service the traces must have a span of
 * @param operation that span's operation, or {@code ""}
 * @param tags the tag text as given
 * @param limit the sample size
 */
record LiveSearch(String service, String operation, String tags, int limit) {

  static final int DEFAULT_SAMPLE = 100;

  /** The largest sample one page builds a graph from. */
  static final int MAX_SAMPLE = 1_000;

  /** The page's parameters that belong to the search. */
  static final List<String> KEYS = List.of("service", "operation", "tags", "limit");

  /**
   * Reads the search's form fields; a sample size that is no number is reported (field {@code
   * limit}) and replaced by the default, one out of range is brought into it.
   *
   * @param maxLimit the server's largest search limit
   */
  static LiveSearch from(
      Map<String, List<String>> params, int maxLimit, Map<String, String> errors) {
    int limit = DEFAULT_SAMPLE;
    String text = Params.first(params, "limit", "");
    if (!text.isEmpty()) {
      try {
        limit = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        errors.put("limit", "the sample size must be a whole number of traces");
      }
    }
    limit = Math.max(1, Math.min(limit, Math.min(MAX_SAMPLE, maxLimit)));
    return new LiveSearch(
        Params.first(params, "service", ""),
        Params.first(params, "operation", ""),
        Params.first(params, "tags", ""),
        limit);
  }

  /**
   * The trace query, through the parser that reads {@code /api/traces} (same grammar, same checks,
   * same error texts).
   *
   * @throws InvalidQueryException naming the parameter at fault
   */
  TraceQuery query(TraceQueryParser parser, GraphWindow window) {
    Map<String, List<String>> search = new LinkedHashMap<>();
    search.put("service", List.of(service));
    search.put("operation", List.of(operation));
    search.put("tags", new ArrayList<>(Logfmt.asJsonObjects(List.of(tags))));
    search.put("start", List.of(Long.toString(window.startMicros())));
    search.put("end", List.of(Long.toString(window.endMicros())));
    search.put("limit", List.of(Integer.toString(limit)));
    return ((TraceRequest.Search) parser.parseTraceRequest(search, true)).query();
  }

  /** What the traces were matched by, for people: {@code service=… operation=… error=true}. */
  static String describe(TraceQuery query) {
    Map<String, String> pairs = new LinkedHashMap<>();
    pairs.put("service", query.serviceName());
    if (!query.operationName().isEmpty()) {
      pairs.put("operation", query.operationName());
    }
    String conditions = Logfmt.format(pairs);
    return query.tags().isEmpty() ? conditions : conditions + " " + Logfmt.format(query.tags());
  }
}
