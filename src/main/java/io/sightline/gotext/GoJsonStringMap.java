package io.sightline.gotext;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decodes a JSON object of strings the way Go's {@code json.Unmarshal} into a {@code
 * map[string]string} does, with Go's error texts: Jaeger's {@code tags} search parameter. Syntax
 * errors win over type errors (Go checks the whole text first); of several type errors the first is
 * reported. {@code null} (the whole text, or a value) means no tags / an empty value, as in Go.
 */
public final class GoJsonStringMap {

  private final String text;
  private int pos;
  private String typeError;

  private GoJsonStringMap(String text) {
    this.text = text;
  }

  /**
   * Parses the object.
   *
   * @throws IllegalArgumentException with Go's text, e.g. {@code json: cannot unmarshal number into
   *     Go struct field .x of type string} or {@code invalid character 'x' looking for beginning of
   *     value}
   */
  public static Map<String, String> parse(String text) {
    return new GoJsonStringMap(text).parseDocument();
  }

  private Map<String, String> parseDocument() {
    Map<String, String> result = new LinkedHashMap<>();
    skipWhitespace();
    char c = peekMore();
    if (c == '{') {
      parseObject(result);
    } else {
      String kind = skipValue("looking for beginning of value");
      if (!kind.equals("null")) {
        recordTypeError(
            "json: cannot unmarshal " + kind + " into Go value of type map[string]string");
      }
    }
    skipWhitespace();
    if (!atEnd()) {
      throw syntax(peek(), "after top-level value");
    }
    if (typeError != null) {
      throw new IllegalArgumentException(typeError);
    }
    return result;
  }

  private void parseObject(Map<String, String> into) {
    members(
        key -> {
          if (peekMore() == '"') {
            into.put(key, parseString());
            return;
          }
          String kind = skipValue("looking for beginning of value");
          if (kind.equals("null")) {
            into.put(key, ""); // Go leaves the string at its zero value
          } else {
            recordTypeError(
                "json: cannot unmarshal "
                    + kind
                    + " into Go struct field ."
                    + key
                    + " of type string");
          }
        });
  }

  /**
   * Walks an object from its opening brace: each member's key is handed to {@code value}, which
   * reads the value from its first character.
   */
  private void members(Consumer<String> value) {
    if (opensEmpty('}')) {
      return;
    }
    do {
      skipWhitespace();
      if (peekMore() != '"') {
        throw syntax(peek(), "looking for beginning of object key string");
      }
      String key = parseString();
      skipWhitespace();
      if (peekMore() != ':') {
        throw syntax(peek(), "after object key");
      }
      pos++;
      skipWhitespace();
      value.accept(key);
    } while (continues('}', "after object key:value pair"));
  }

  /** Skips any JSON value and names its kind as Go's type errors do. */
  private String skipValue(String context) {
    char c = peekMore();
    switch (c) {
      case '{' -> {
        members(key -> skipValue("looking for beginning of value"));
        return "object";
      }
      case '[' -> {
        skipArray();
        return "array";
      }
      case '"' -> {
        parseString();
        return "string";
      }
      case 't' -> {
        literal("true");
        return "bool";
      }
      case 'f' -> {
        literal("false");
        return "bool";
      }
      case 'n' -> {
        literal("null");
        return "null";
      }
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          skipNumber();
          return "number";
        }
        throw syntax(c, context);
      }
    }
  }

  private void skipArray() {
    if (opensEmpty(']')) {
      return;
    }
    do {
      skipWhitespace();
      skipValue("looking for beginning of value");
    } while (continues(']', "after array element"));
  }

  /** Steps over an object's or array's opening; true (and past {@code close}) when it is empty. */
  private boolean opensEmpty(char close) {
    pos++;
    skipWhitespace();
    if (peekMore() == close) {
      pos++;
      return true;
    }
    return false;
  }

  /** Steps over the separator after an element: true for {@code ','}, false for {@code close}. */
  private boolean continues(char close, String context) {
    skipWhitespace();
    char c = peekMore();
    pos++;
    if (c == close) {
      return false;
    }
    if (c != ',') {
      throw syntax(c, context);
    }
    return true;
  }

  private void literal(String word) {
    for (int i = 0; i < word.length(); i++) {
      char c = peekMore();
      if (c != word.charAt(i)) {
        throw syntax(c, "in literal " + word + " (expecting '" + word.charAt(i) + "')");
      }
      pos++;
    }
  }

  /** Go's number grammar: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
  private void skipNumber() {
    if (peek() == '-') {
      pos++;
      if (!isDigit(peekMore())) {
        throw syntax(peek(), "in numeric literal");
      }
    }
    if (peek() == '0') {
      pos++;
    } else {
      while (!atEnd() && isDigit(peek())) {
        pos++;
      }
    }
    if (!atEnd() && peek() == '.') {
      pos++;
      if (!isDigit(peekMore())) {
        throw syntax(peek(), "after decimal point in numeric literal");
      }
      while (!atEnd() && isDigit(peek())) {
        pos++;
      }
    }
    if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
      pos++;
      if (!atEnd() && (peek() == '+' || peek() == '-')) {
        pos++;
      }
      if (!isDigit(peekMore())) {
        throw syntax(peek(), "in exponent of numeric literal");
      }
      while (!atEnd() && isDigit(peek())) {
        pos++;
      }
    }
  }

  private String parseString() {
    pos++; // opening quote
    StringBuilder out = new StringBuilder();
    while (true) {
      if (atEnd()) {
        throw unexpectedEnd();
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw syntax(c, "in string literal");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (atEnd()) {
        throw unexpectedEnd();
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(hex4());
        default -> throw syntax(e, "in string escape code");
      }
    }
  }

  private char hex4() {
    int value = 0;
    for (int i = 0; i < 4; i++) {
      if (atEnd()) {
        throw unexpectedEnd();
      }
      char h = text.charAt(pos++);
      int digit = h < 0x80 ? Character.digit(h, 16) : -1; // ASCII hex digits only
      if (digit < 0) {
        throw syntax(h, "in \\u hexadecimal character escape");
      }
      value = value * 16 + digit;
    }
    return (char) value;
  }

  private void recordTypeError(String message) {
    if (typeError == null) {
      typeError = message;
    }
  }

  private void skipWhitespace() {
    while (!atEnd()) {
      char c = peek();
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private char peek() {
    return text.charAt(pos);
  }

  /** The next character; the end of the text here is an error. */
  private char peekMore() {
    if (atEnd()) {
      throw unexpectedEnd();
    }
    return peek();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException unexpectedEnd() {
    return new IllegalArgumentException("unexpected end of JSON input");
  }

  /**
   * Go's scanner error. Go looks at bytes: for a non-ASCII character it names the first byte of its
   * UTF-8 form, read as a Latin-1 character (so {@code ö} shows as {@code 'Ã'}).
   */
  private static IllegalArgumentException syntax(char c, String context) {
    int b = c < 0x80 ? c : String.valueOf(c).getBytes(StandardCharsets.UTF_8)[0] & 0xff;
    String shown;
    if (b == '\'') {
      shown = "'\\''";
    } else if (b == '"') {
      shown = "'\"'";
    } else {
      String quoted = GoStrconv.quote(String.valueOf((char) b));
      shown = "'" + quoted.substring(1, quoted.length() - 1) + "'";
    }
    return new IllegalArgumentException("invalid character " + shown + " " + context);
  }
}
