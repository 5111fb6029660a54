package io.sightline.storage.elasticsearch.document;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sightline.trace.SpanId;
import io.sightline.trace.TraceId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lenient reading of the scalar fields of a {@code _source}, as Jackson's default coercions did: a
 * number or bool where text belongs is read as its text, a numeric string where a number belongs as
 * the number, a fraction truncated. A value of the wrong JSON type does not fail the document: the
 * field reads as absent and the problem is recorded, to become a warning on the span.
 *
 * <p>Not thread-safe: one per response being read.
 */
final class SourceFields {

  final TextCache text = new TextCache();

  /** Problems of the document being read, in document order. */
  final List<String> problems = new ArrayList<>();

  /** The value of the last {@link #readLong} that returned true. */
  long longValue;

  /** The text of the last ID that could not be parsed, else null. */
  String badIdText;

  /** Why it could not be parsed. */
  String badIdReason;

  /** Text (strings; numbers and bools as written), or null when absent or not a scalar. */
  String string(JsonParser p, String field) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
          text.text(p);
      case VALUE_NULL -> null;
      default -> mismatch(p, field, "String");
    };
  }

  /**
   * Reads an integer field into {@link #longValue}.
   *
   * @return whether it holds one
   */
  boolean readLong(JsonParser p, String field) throws IOException {
    switch (p.currentToken()) {
      case VALUE_NUMBER_INT -> {
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          problem(field, p.getText() + " is not a Long");
          return false;
        }
        longValue = p.getLongValue();
        return true;
      }
      case VALUE_NUMBER_FLOAT -> {
        longValue = p.getValueAsLong();
        return true;
      }
      case VALUE_STRING -> {
        String s = p.getText().trim();
        if (s.isEmpty() || s.equals("null")) {
          return false;
        }
        try {
          longValue = Long.parseLong(s);
          return true;
        } catch (NumberFormatException e) {
          problem(field, "\"" + p.getText() + "\" is not a Long");
          return false;
        }
      }
      case VALUE_NULL -> {
        return false;
      }
      default -> {
        mismatch(p, field, "Long");
        return false;
      }
    }
  }

  /**
   * Whether the parser is on the start of a structure of the expected kind; {@code null} is not, a
   * value of another type is not and is a problem (skipped).
   */
  boolean starts(JsonParser p, JsonToken expected, String field) throws IOException {
    JsonToken t = p.currentToken();
    if (t == expected) {
      return true;
    }
    if (t != JsonToken.VALUE_NULL) {
      mismatch(p, field, expected == JsonToken.START_ARRAY ? "List" : "object");
    }
    return false;
  }

  /**
   * Advances to the next object of the array the parser is in: true on its start, false at the
   * array's end. Other elements are passed over as {@link #starts} does ({@code null} quietly, a
   * value of another type as a problem).
   */
  boolean nextObject(JsonParser p, String field) throws IOException {
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (starts(p, JsonToken.START_OBJECT, field)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A trace ID field: the ID, or null when absent or empty ({@link #badIdText} null) or unreadable
   * ({@link #badIdText} and {@link #badIdReason} set).
   */
  TraceId traceId(JsonParser p, String field) throws IOException {
    return id(p, field, TraceId::parse);
  }

  /** A span ID field, as {@link #traceId}. */
  SpanId spanId(JsonParser p, String field) throws IOException {
    return id(p, field, SpanId::parse);
  }

  /** Parses an ID from a slice of characters ({@link TraceId#parse}, {@link SpanId#parse}). */
  @FunctionalInterface
  private interface IdParser<T> {
    T parse(char[] chars, int offset, int length);
  }

  /** An ID field read with the parser, as {@link #traceId}. */
  private <T> T id(JsonParser p, String field, IdParser<T> parser) throws IOException {
    badIdText = null;
    if (!isText(p, field)) {
      return null;
    }
    try {
      return parser.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    } catch (IllegalArgumentException e) {
      badIdText = p.getText();
      badIdReason = e.getMessage();
      return null;
    }
  }

  /** Whether the current token is non-empty text (scalars read as text). */
  private boolean isText(JsonParser p, String field) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
          p.getTextLength() > 0;
      case VALUE_NULL -> false;
      default -> {
        mismatch(p, field, "String");
        yield false;
      }
    };
  }

  private String mismatch(JsonParser p, String field, String belongs) throws IOException {
    problem(field, "unexpected " + describe(p.currentToken()) + " where a " + belongs + " belongs");
    p.skipChildren();
    return null;
  }

  void problem(String field, String problem) {
    problems.add("field \"" + field + "\": " + problem + "; ignored");
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      default -> String.valueOf(t);
    };
  }
}
