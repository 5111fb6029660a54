package io.sightline.storage.elasticsearch.client;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Builds request paths and query strings from values, percent-encoding every piece: nothing a user
 * typed reaches a URL unescaped.
 */
public final class EsPaths {

  private static final String HEX = "0123456789ABCDEF";

  private EsPaths() {}

  /**
   * A path from segments, each percent-encoded; {@code ,} (index lists), {@code *} (wildcards) and
   * {@code :} (remote clusters) stay literal. {@code path("_template", name)} → {@code
   * /_template/name}.
   */
  public static String path(String... segments) {
    StringBuilder path = new StringBuilder();
    for (String segment : segments) {
      if (segment == null || segment.isEmpty()) {
        throw new IllegalArgumentException("empty path segment");
      }
      path.append('/');
      encode(segment, path, true);
    }
    return path.length() == 0 ? "/" : path.toString();
  }

  /** Comma-joined index names for a path segment; see {@link #checkIndex}. */
  public static String indices(Collection<String> indices) {
    if (indices.isEmpty()) {
      throw new IllegalArgumentException("no index given");
    }
    return String.join(",", checkIndices(indices));
  }

  /**
   * Rejects names that cannot be one index name or pattern: empty, or containing a comma, slash,
   * space or control character (these would change the request's meaning).
   */
  public static String checkIndex(String index) {
    if (index == null || index.isEmpty()) {
      throw new IllegalArgumentException("empty index name");
    }
    for (int i = 0; i < index.length(); i++) {
      char c = index.charAt(i);
      if (c == ',' || c == '/' || c == '\\' || c == ' ' || c == '#' || c == '?' || c < 0x20) {
        throw new IllegalArgumentException("not an index name: " + index);
      }
    }
    return index;
  }

  static List<String> checkIndices(Collection<String> indices) {
    return indices.stream().map(EsPaths::checkIndex).toList();
  }

  /** {@code ?a=1&b=2} with keys and values encoded, or {@code ""} for no parameters. */
  static String query(Map<String, String> params) {
    if (params == null || params.isEmpty()) {
      return "";
    }
    StringJoiner query = new StringJoiner("&", "?", "");
    params.forEach(
        (key, value) -> {
          StringBuilder pair = new StringBuilder();
          encode(key, pair, false);
          if (value != null) {
            pair.append('=');
            encode(value, pair, false);
          }
          query.add(pair);
        });
    return query.toString();
  }

  private static void encode(String text, StringBuilder out, boolean pathSegment) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.'
              || c == '~'
              || (pathSegment && (c == ',' || c == '*' || c == ':'))
              || (!pathSegment && (c == ',' || c == '*'));
      if (plain) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
      }
    }
  }
}
