package io.sightline.web;

import io.sightline.query.InvalidQueryException;
import io.sightline.trace.TraceId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Trace IDs as people type them into the lookup box or a URL: 1–32 hex characters (Jaeger's form),
 * or, as Jaeger ≥ 2.20 accepts, the 16 raw bytes in base64 (standard or URL-safe alphabet, with or
 * without padding) when the text is not hex. {@code static/js/core/traceid.js} applies the same
 * rules in the browser.
 */
public final class TraceIdInput {

  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{1,32}");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{22}(==)?");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

  private TraceIdInput() {}

  /**
   * Parses one trace ID.
   *
   * @throws InvalidQueryException (parameter {@code traceID}) with Jaeger's message when the text
   *     is neither
   */
  public static TraceId parse(String text) {
    String s = text == null ? "" : text.trim();
    if (HEX.matcher(s).matches()) {
      return TraceId.parse(s);
    }
    if (s.length() <= 24 && BASE64.matcher(s).matches()) {
      byte[] bytes = decodeBase64(s);
      if (bytes != null && bytes.length == 16) {
        return TraceId.fromBytes(bytes);
      }
    }
    try {
      return TraceId.parse(s); // not hex: let it fail with Jaeger's words
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
    for (String word : SEPARATORS.split(text == null ? "" : text.trim())) {
      if (word.isEmpty()) {
        continue;
      }
      TraceId id = parse(word);
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    if (ids.isEmpty()) {
      throw new InvalidQueryException("traceID", "enter one or more trace IDs");
    }
    return ids;
  }

  private static byte[] decodeBase64(String s) {
    String unpadded = s.replace("=", "");
    try {
      return unpadded.indexOf('-') >= 0 || unpadded.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(unpadded)
          : Base64.getDecoder().decode(unpadded);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
