package io.sightline.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;

/**
 * The strict JSON cursor under the trace-file readers: it walks a Jackson streaming parser token by
 * token and turns every surprise into a {@link TraceFileException} that names the line, the column
 * and what was expected, in one wording for every format. Subclasses read one format's fields.
 */
public abstract class StrictJsonReader {

  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  /** Jackson's messages may end in a reference to the source; the position is given apart. */
  private static final Pattern SOURCE_REFERENCE =
      Pattern.compile("\\s*\\((?:start marker at|for \\w+ starting at) \\[Source:.*?\\]\\)");

  protected final JsonParser parser;

  /** Where the field being read started, for errors about the field itself. */
  protected TokenStreamLocation fieldLocation;

  protected StrictJsonReader(JsonParser parser) {
    this.parser = parser;
  }

  /**
   * Opens a parser and reads with it: Jackson's syntax errors become a {@link TraceFileException}
   * at Jackson's position, its I/O failures an {@link UncheckedIOException}. The parser is created
   * inside (for a stream, creating it already reads) and closed after; exceptions of {@code
   * reading} itself pass through unchanged.
   */
  public static <T> T read(Supplier<JsonParser> parsers, Function<JsonParser, T> reading) {
    try (JsonParser parser = parsers.get()) {
      return reading.apply(parser);
    } catch (JacksonIOException e) {
      throw new UncheckedIOException(e.getCause());
    } catch (JacksonException e) {
      throw error(
          e.getLocation(), SOURCE_REFERENCE.matcher(e.getOriginalMessage()).replaceAll(""), e);
    }
  }

  /**
   * Opens a file and reads it with {@code reading}, which gets the open stream; failing to open or
   * close it is an {@link UncheckedIOException}.
   */
  public static <T> T readFile(Path file, Function<InputStream, T> reading) {
    try (InputStream in = Files.newInputStream(file)) {
      return reading.apply(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- structure ----

  /** Reads one element of an array; the parser is on the element's first token. */
  protected interface Element<T> {
    T read();
  }

  /** An array's elements in order; {@code null} elements are refused, null results dropped. */
  protected <T> List<T> array(String what, Element<T> element) {
    expect(JsonToken.START_ARRAY, what + " must be an array");
    List<T> out = new ArrayList<>();
    while (advance() != JsonToken.END_ARRAY) {
      if (parser.currentToken() == JsonToken.VALUE_NULL) {
        throw error(location(), what + " must not contain null");
      }
      T value = element.read();
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }

  /** The current token's location, after checking that it is {@code token}. */
  protected TokenStreamLocation expect(JsonToken token, String problem) {
    if (parser.currentToken() != token) {
      throw error(location(), problem + ", found " + describe());
    }
    return location();
  }

  protected TokenStreamLocation expectStartObject(String what) {
    return expect(JsonToken.START_OBJECT, "expected " + what);
  }

  /** Moves to the next field name of the current object; false at its end. */
  protected boolean nextField() {
    JsonToken token = advance();
    if (token == JsonToken.END_OBJECT) {
      return false;
    }
    if (token != JsonToken.PROPERTY_NAME) {
      throw error(location(), "expected a field name, found " + describe());
    }
    fieldLocation = location();
    return true;
  }

  /** Moves to the field's value; false when it is null, which means absent. */
  protected boolean advanceToValue() {
    return advance() != JsonToken.VALUE_NULL;
  }

  /**
   * Moves to the value of the current object's next field that is present (a null value means
   * absent and is passed over); that field's {@link #fieldName()}, or null at the object's end.
   */
  protected String nextPresentField() {
    while (nextField()) {
      String name = fieldName();
      if (advanceToValue()) {
        return name;
      }
    }
    return null;
  }

  /** The current field's name as the format's switch expects it; Jackson's name by default. */
  protected String fieldName() {
    return parser.currentName();
  }

  /** The next token; the end of the input here is an error. */
  protected JsonToken advance() {
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw error(location(), "unexpected end of input");
    }
    return token;
  }

  /** Checks that nothing follows the top-level value. */
  protected void expectEnd() {
    if (parser.nextToken() != null) {
      throw error(location(), "unexpected " + describe() + " after the top-level value");
    }
  }

  protected TokenStreamLocation location() {
    return parser.currentTokenLocation();
  }

  /** The current token for a person: {@code string "abc"}, {@code number 7}, {@code an object}. */
  protected String describe() {
    JsonToken token = parser.currentToken();
    if (token == null) {
      return "end of input";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case END_OBJECT -> "'}'";
      case END_ARRAY -> "']'";
      case PROPERTY_NAME -> "field '" + parser.currentName() + "'";
      default -> describe(token, parser.getString());
    };
  }

  /** A scalar token and its text for a person. */
  public static String describe(JsonToken token, String text) {
    return switch (token) {
      case VALUE_STRING -> "string \"" + abbreviate(text) + "\"";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number " + text;
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      case VALUE_NULL -> "null";
      default -> token.name().toLowerCase(Locale.ROOT);
    };
  }

  public static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  public static TraceFileException error(TokenStreamLocation at, String problem) {
    return error(at, problem, null);
  }

  private static TraceFileException error(TokenStreamLocation at, String problem, Throwable cause) {
    return new TraceFileException(
        at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(), problem, cause);
  }

  // ---- scalars ----

  protected String string(String what) {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw error(location(), what + " must be a string, found " + describe());
    }
    return parser.getString();
  }

  protected boolean bool(String what) {
    return switch (parser.currentToken()) {
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      default -> throw error(location(), what + " must be true or false, found " + describe());
    };
  }

  /** The text of an integer given as a JSON number or a decimal string. */
  protected String integerText(String what) {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_STRING) {
      return parser.getString();
    }
    throw error(location(), what + " must be an integer, found " + describe());
  }

  /** A signed 64-bit integer, as a JSON number or a decimal string. */
  protected long int64(String what) {
    return integer(what, "a 64-bit integer", Long::parseLong);
  }

  /**
   * An unsigned 64-bit integer, as a JSON number or a decimal string. Values beyond {@code
   * Long.MAX_VALUE} keep their bits, as Go's {@code int64(u)} does.
   */
  protected long uint64(String what) {
    return integer(
        what,
        "an unsigned 64-bit integer",
        text -> {
          if (text.startsWith("-")) {
            throw new NumberFormatException();
          }
          return Long.parseUnsignedLong(text);
        });
  }

  protected long uint32(String what) {
    return integer(
        what,
        "an unsigned 32-bit integer",
        text -> {
          long value = Long.parseLong(text);
          if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new NumberFormatException();
          }
          return value;
        });
  }

  /** {@link #integerText}, parsed; a {@link NumberFormatException} means it is not {@code kind}. */
  private long integer(String what, String kind, ToLongFunction<String> parse) {
    String text = integerText(what);
    try {
      return parse.applyAsLong(text);
    } catch (NumberFormatException e) {
      throw error(location(), what + " " + abbreviate(text) + " is not " + kind);
    }
  }

  /**
   * A number, also {@code "NaN"} and {@code "±Infinity"} or a number in a string (protobuf JSON).
   */
  protected double float64(String what) {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      return parser.getDoubleValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      String text = parser.getString();
      Double value = specialOrNumber(text);
      if (value == null) {
        throw error(location(), what + " \"" + abbreviate(text) + "\" is not a number");
      }
      return value;
    }
    throw error(location(), what + " must be a number, found " + describe());
  }

  /** {@code NaN}, {@code Infinity}, {@code -Infinity} or a JSON number's text; else null. */
  public static Double specialOrNumber(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> JSON_NUMBER.matcher(text).matches() ? Double.parseDouble(text) : null;
    };
  }

  /** An enum as its number or, when {@code names} has it, its name. */
  protected int enumValue(String what, Map<String, Integer> names) {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT) {
      if (parser.getNumberType() != JsonParser.NumberType.INT) {
        throw error(location(), what + " " + abbreviate(parser.getString()) + " is out of range");
      }
      return parser.getIntValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      Integer value = names.get(parser.getString());
      if (value == null) {
        throw error(
            location(),
            what + " \"" + abbreviate(parser.getString()) + "\" is not one of " + names.keySet());
      }
      return value;
    }
    throw error(location(), what + " must be a number or a name, found " + describe());
  }

  /** Bytes in standard or URL-safe base64. */
  protected byte[] bytes(String what) {
    String text = string(what);
    byte[] decoded = base64(text);
    if (decoded == null) {
      throw error(location(), what + " \"" + abbreviate(text) + "\" is not base64");
    }
    return decoded;
  }

  /** Standard or URL-safe base64, or null when the text is neither. */
  public static byte[] base64(String text) {
    try {
      boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
      return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Hex digits (either case) as bytes, or null when the text is not an even run of them. */
  public static byte[] hex(String text) {
    byte[] bytes = new byte[text.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      int high = Character.digit(text.charAt(2 * i), 16);
      int low = Character.digit(text.charAt(2 * i + 1), 16);
      if (high < 0 || low < 0) {
        return null;
      }
      bytes[i] = (byte) (high << 4 | low);
    }
    return bytes;
  }
}
