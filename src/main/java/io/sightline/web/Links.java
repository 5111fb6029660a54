package io.sightline.web;

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
