package io.sightline.web;

import io.sightline.trace.InvalidQueryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The search form's tag box, in logfmt as Jaeger UI reads it: {@code http.status_code=500
 * error=true db.statement="select 1"}. Pairs are separated by spaces; all of them must hold (on one
 * span). Jaeger UI turns the text into its {@code tags} JSON with every value a string; so do we.
 *
 * <p>Rules (those of the logfmt parser Jaeger UI uses, minus its accidents):
 *
 * <ul>
 *   <li>A pair is {@code key=value}. The first {@code =} outside quotes separates key and value;
 *       later ones belong to the value ({@code a=b=c} is key {@code a}, value {@code b=c}).
 *   <li>Double quotes group text with spaces or {@code =}: {@code db.statement="select * from t"}.
 *       Quotes may appear in keys too.
 *   <li>A backslash takes the next character literally, inside quotes or not: {@code \"} is a
 *       quote, {@code \\} a backslash. (So a Lucene escape such as {@code \?} is typed {@code
 *       \\?}.)
 *   <li>A word without {@code =} means {@code true}: {@code error} is {@code error=true}, as in
 *       Jaeger UI.
 *   <li>A later pair with the same key replaces an earlier one.
 * </ul>
 *
 * Errors (an {@link InvalidQueryException} for parameter {@code tags}): an unterminated quote, a
 * backslash at the very end, a pair with an empty key ({@code =x}).
 */
public final class Logfmt {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Logfmt() {}

  /**
   * Values of a {@code tags} parameter as the query parser takes them, JSON objects: JSON values
   * are kept as they are (the parser reports their errors in Jaeger's words), logfmt is converted;
   * empty ones are left out. Shared by the pages whose forms take tags (search, dependencies).
   *
   * @param values the parameter's values, {@code null} for none
   * @throws InvalidQueryException when a logfmt text is malformed
   */
  public static List<String> asJsonObjects(List<String> values) {
    List<String> out = new ArrayList<>();
    if (values == null) {
      return out;
    }
    for (String value : values) {
      if (value == null || value.isBlank()) {
        continue;
      }
      if (value.trim().startsWith("{")) {
        out.add(value.trim());
      } else {
        Map<String, String> pairs = parse(value);
        if (!pairs.isEmpty()) {
          out.add(JSON.writeValueAsString(pairs));
        }
      }
    }
    return out;
  }

  /**
   * Parses the text into key → value, in order of first appearance.
   *
   * @throws InvalidQueryException (parameter {@code tags}) when the text is malformed
   */
  public static Map<String, String> parse(String text) {
    Map<String, String> pairs = new LinkedHashMap<>();
    if (text == null) {
      return pairs;
    }
    StringBuilder key = new StringBuilder();
    StringBuilder value = new StringBuilder();
    boolean inValue = false;
    boolean inQuote = false;
    boolean started = false; // the current pair has any character (or quotes) yet
    int quoteAt = -1;
    int n = text.length();
    for (int i = 0; i <= n; i++) {
      char c = i < n ? text.charAt(i) : ' ';
      if (i == n && inQuote) {
        throw error("the quote at position " + (quoteAt + 1) + " is never closed");
      }
      if (!inQuote && Character.isWhitespace(c)) {
        if (started) {
          finish(pairs, key, value, inValue);
        }
        key.setLength(0);
        value.setLength(0);
        inValue = false;
        started = false;
        continue;
      }
      started = true;
      if (c == '\\') {
        if (i + 1 >= n) {
          throw error("a backslash at the end escapes nothing (type \\\\ for a backslash)");
        }
        (inValue ? value : key).append(text.charAt(++i));
      } else if (c == '"') {
        inQuote = !inQuote;
        quoteAt = i;
      } else if (c == '=' && !inQuote && !inValue) {
        inValue = true;
      } else {
        (inValue ? value : key).append(c);
      }
    }
    return pairs;
  }

  private static void finish(
      Map<String, String> pairs, StringBuilder key, StringBuilder value, boolean inValue) {
    if (key.length() == 0) {
      if (!inValue && value.length() == 0) {
        return; // just "" (an empty quoted word): nothing to search for
      }
      throw error("'=" + value + "' has no key before the '='");
    }
    String k = key.toString();
    pairs.remove(k); // a repeated key moves to its last position, with its last value
    pairs.put(k, inValue ? value.toString() : "true");
  }

  /**
   * Writes pairs as logfmt that {@link #parse} reads back to the same pairs: values (and keys) with
   * spaces, quotes, backslashes or {@code =}, and empty values, are quoted, with {@code "} and
   * {@code \} escaped.
   */
  public static String format(Map<String, String> pairs) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> pair : pairs.entrySet()) {
      if (out.length() > 0) {
        out.append(' ');
      }
      append(out, pair.getKey(), false);
      out.append('=');
      append(out, pair.getValue(), true);
    }
    return out.toString();
  }

  private static void append(StringBuilder out, String text, boolean quoteEmpty) {
    boolean quote = text.isEmpty() ? quoteEmpty : false;
    for (int i = 0; i < text.length() && !quote; i++) {
      char c = text.charAt(i);
      quote = Character.isWhitespace(c) || c == '"' || c == '=' || c == '\\';
    }
    if (!quote) {
      out.append(text);
      return;
    }
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }

  private static InvalidQueryException error(String detail) {
    return new InvalidQueryException("tags", "cannot read the tags: " + detail);
  }
}
