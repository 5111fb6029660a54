package io.sightline.web;

import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Context-relative links with query strings, for templates ({@code th:href="@{${href}}"} adds the
 * base path) and redirects. Values are form-encoded ({@code +} becomes {@code %2B}), so a tag
 * pattern such as {@code a+} or a JSON object survives the trip.
 */
public final class Links {

  private Links() {}

  /** {@code path?k=v&k=v2…}; parameters in the map's order, each value repeated; none: the path. */
  public static String of(String path, Map<String, List<String>> params) {
    StringBuilder out = new StringBuilder(path);
    char sep = '?';
    for (Map.Entry<String, List<String>> param : params.entrySet()) {
      for (String value : param.getValue()) {
        out.append(sep)
            .append(encode(param.getKey()))
            .append('=')
            .append(encode(value == null ? "" : value));
        sep = '&';
      }
    }
    return out.toString();
  }

  /** A copy of the parameters with one replaced (or removed, for {@code null}). */
  public static Map<String, List<String>> with(
      Map<String, List<String>> params, String key, String value) {
    Map<String, List<String>> out = new LinkedHashMap<>(params);
    if (value == null) {
      out.remove(key);
    } else {
      out.put(key, List.of(value));
    }
    return out;
  }

  /** The parameters plus the embed ones (which keep a framed page framed). */
  public static Map<String, List<String>> plus(
      Map<String, List<String>> params, Map<String, String> extra) {
    Map<String, List<String>> out = new LinkedHashMap<>(params);
    extra.forEach((k, v) -> out.put(k, List.of(v)));
    return out;
  }

  /**
   * {@code ?query} (as the request had it) for a {@code "redirect:"} view, or {@code ""} without
   * one. Spring reads {@code {name}} in a redirect target as a URI template variable (and fails on
   * {@code tags={"error":"true"}}), so braces are percent-encoded.
   */
  public static String redirectQuery(String query) {
    if (query == null) {
      return "";
    }
    return "?" + query.replace("{", "%7B").replace("}", "%7D");
  }

  /**
   * The trace page of a trace whose spans lie in {@code [startMicros, startMicros +
   * durationMicros]}: {@code /trace/{id}?start=…&end=…} (µs since the epoch, the time hints of
   * {@code GET /api/traces/{id}}), so that storage looks in the right indices — a trace older than
   * the store's default lookup window ({@code ES_MAX_SPAN_AGE}) still opens. Then the extra
   * parameters (embed ones, say).
   */
  public static String trace(
      String traceId, long startMicros, long durationMicros, Map<String, String> extra) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("start", List.of(Long.toString(startMicros)));
    params.put("end", List.of(Long.toString(startMicros + Math.max(0, durationMicros))));
    return of("/trace/" + traceId, plus(params, extra));
  }

  /**
   * {@link #trace(String, long, long, Map)} for a fetched trace (its earliest start, latest end).
   */
  public static String trace(Trace trace, Map<String, String> extra) {
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (Span span : trace.spans()) {
      start = Math.min(start, span.startTime());
      end = Math.max(end, span.startTime() + Math.max(0, span.duration()));
    }
    if (start > end) {
      return of("/trace/" + trace.traceId(), plus(Map.of(), extra));
    }
    return trace(trace.traceId().toString(), start, end - start, extra);
  }

  /** The parameters among {@code keys}, in the order of {@code keys}. */
  public static Map<String, List<String>> ordered(
      Map<String, List<String>> params, List<String> keys) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String key : keys) {
      if (params.containsKey(key)) {
        out.put(key, params.get(key));
      }
    }
    return out;
  }

  public static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
