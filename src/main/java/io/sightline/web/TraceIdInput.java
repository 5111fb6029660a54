package io.sightline.web;

import io.sightline.http.TraceIdParser;
import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.TraceId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Trace IDs as people type them into the lookup box or a URL: what {@code GET
 * /api/traces/{traceID}} accepts ({@link TraceIdParser#parseHexOrBase64}: 1–32 hex characters, or
 * base64 of the ID's 16 or 8 bytes). {@code static/js/core/traceid.js} applies the same rules in
 * the browser.
 */
public final class TraceIdInput {

  private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

  private TraceIdInput() {}

  /**
   * Parses one trace ID.
   *
   * @throws InvalidQueryException (parameter {@code traceID}) with Jaeger's message when the text
   *     is no trace ID
   */
  public static TraceId parse(String text) {
    try {
      return TraceIdParser.parseHexOrBase64(text == null ? "" : text.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidQueryException("traceID", e.getMessage());
    }
  }

  /**
   * Splits the lookup box's text at spaces and commas and parses each ID, dropping repeats.
   *
   * @throws InvalidQueryException when the text holds no ID or a word that is no ID
   */
  public static List<TraceId> parseList(String text) {
    List<TraceId> ids = new ArrayList<>();
    for (String word : SEPARATORS.split(text == null ? "" : text.trim(), -1)) {
      if (word.isEmpty()) {
        continue;
      }
      TraceId id;
      try {
        id = parse(word);
      } catch (InvalidQueryException e) {
        throw new InvalidQueryException(
            "traceID", "'" + word + "' is not a trace ID: " + e.getMessage());
      }
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    if (ids.isEmpty()) {
      throw new InvalidQueryException("traceID", "enter one or more trace IDs");
    }
    return ids;
  }
}
