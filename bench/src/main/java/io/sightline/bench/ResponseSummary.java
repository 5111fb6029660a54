package io.sightline.bench;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * What an answer held, for the report's "result" column (read once, outside any measurement): how
 * many traces and spans, names or links came back, so that rows that do not return the same thing
 * are visible as such.
 */
final class ResponseSummary {

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  /** How a failed one-off request's summary starts. */
  static final String FAILED = "FAILED: ";

  private ResponseSummary() {}

  /** The kind of answer. */
  enum Kind {
    /** Jaeger's {@code {"data":[trace, …]}}. */
    JAEGER_TRACES,
    /** Jaeger's {@code {"data":[name or object, …]}}. */
    JAEGER_LIST,
    /** Zipkin's {@code [[span, …], …]}. */
    ZIPKIN_TRACES,
    /** Zipkin's {@code [span, …]}. */
    ZIPKIN_TRACE,
    /** Zipkin's {@code ["name", …]}. */
    ZIPKIN_LIST,
    /** Any body: its size. */
    BYTES
  }

  static String fetch(URI uri, Kind kind) {
    try {
      byte[] body = Http.getString(uri).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      return describe(body, kind);
    } catch (IOException | RuntimeException e) {
      return FAILED + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  static String describe(byte[] body, Kind kind) {
    String size = size(body.length);
    if (kind == Kind.BYTES) {
      return size;
    }
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), body)) {
      long[] counts =
          switch (kind) {
            case JAEGER_TRACES -> jaegerTraces(p);
            case JAEGER_LIST -> new long[] {jaegerList(p), -1};
            case ZIPKIN_TRACES -> zipkinTraces(p);
            case ZIPKIN_TRACE -> new long[] {1, topLevelCount(p)};
            case ZIPKIN_LIST -> new long[] {topLevelCount(p), -1};
            case BYTES -> throw new AssertionError();
          };
      if (counts[1] < 0) {
        return String.format(Locale.ROOT, "%,d items, %s", counts[0], size);
      }
      return String.format(
          Locale.ROOT,
          "%,d %s / %,d spans, %s",
          counts[0],
          counts[0] == 1 ? "trace" : "traces",
          counts[1],
          size);
    }
  }

  /**
   * Traces and spans of a Jaeger {@code {"data":[trace, …]}} answer read as it streams in (the
   * overload scenario checks every answer without holding it).
   */
  static long[] jaegerTraces(java.io.InputStream body) {
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), body)) {
      return jaegerTraces(p);
    }
  }

  private static String size(long bytes) {
    return bytes >= 1 << 20
        ? String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0)
        : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }

  /** {"data":[{…, "spans":[…]}, …]}: traces and spans. */
  private static long[] jaegerTraces(JsonParser p) {
    long traces = 0;
    long spans = 0;
    p.nextToken();
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("data") && p.currentToken() == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          traces++;
          while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("spans") && p.currentToken() == JsonToken.START_ARRAY) {
              spans += countElements(p);
            } else {
              p.skipChildren();
            }
          }
        }
      } else {
        p.skipChildren();
      }
    }
    return new long[] {traces, spans};
  }

  private static long jaegerList(JsonParser p) {
    long items = 0;
    p.nextToken();
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("data") && p.currentToken() == JsonToken.START_ARRAY) {
        items = countElements(p);
      } else {
        p.skipChildren();
      }
    }
    return items;
  }

  private static long[] zipkinTraces(JsonParser p) {
    long traces = 0;
    long spans = 0;
    p.nextToken();
    while (p.nextToken() == JsonToken.START_ARRAY) {
      traces++;
      spans += countElements(p);
    }
    return new long[] {traces, spans};
  }

  private static long topLevelCount(JsonParser p) {
    p.nextToken();
    return countElements(p);
  }

  /** Counts the elements of the array the parser is on, leaving it on its END_ARRAY. */
  private static long countElements(JsonParser p) {
    long n = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      n++;
      p.skipChildren();
    }
    return n;
  }
}
