package io.sightline.storage.elasticsearch.document;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sightline.storage.elasticsearch.client.JsonCodec;
import io.sightline.trace.KeyValue;
import io.sightline.trace.ValueType;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads tags, process tags and log fields straight into {@link KeyValue}s, whichever Jaeger version
 * wrote them: nested {@code {"key", "type", "value"}} objects with values as strings (≤ v1.68) or
 * native JSON types (≥ v1.69), where {@code type} decides what the value means and binary is hex;
 * and tags-as-fields objects ({@code tag}, {@code process.tag}), the type inferred from the JSON
 * value and the dot replacement undone. A value that does not fit its type is kept as a string tag,
 * with a warning.
 *
 * <p>Not thread-safe: one per response being read.
 */
final class TagReader {

  /** What kind of JSON value a tag value was. */
  private enum Kind {
    NULL,
    STRING,
    BOOL,
    /** An integer that fits a long, in {@link #number}. */
    LONG,
    /** Any other number, as written. */
    NUMBER,
    /** An object or array, as compact JSON. */
    STRUCTURE
  }

  private final SourceFields fields;
  private final String dotReplacement;
  private final Map<String, String> restoredKeys = new HashMap<>();

  // The value being read (fields of one object arrive in any order).
  private Kind kind;
  private String text;
  private boolean bool;
  private long number;

  TagReader(SourceFields fields, String dotReplacement) {
    this.fields = fields;
    this.dotReplacement = dotReplacement;
  }

  /** Appends the nested key-values of the list at the parser (null elements skipped). */
  void readList(JsonParser p, String field, List<KeyValue> out, String what, List<String> warnings)
      throws IOException {
    if (!fields.starts(p, JsonToken.START_ARRAY, field)) {
      return;
    }
    while (fields.nextObject(p, field)) {
      out.add(readKeyValue(p, what, warnings));
    }
  }

  /** Appends the tags-as-fields of the object at the parser, in stored order. */
  void readFields(
      JsonParser p, String field, List<KeyValue> out, String what, List<String> warnings)
      throws IOException {
    if (!fields.starts(p, JsonToken.START_OBJECT, field)) {
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = restoredKey(p.currentName());
      p.nextToken();
      readValue(p);
      out.add(inferred(key, what, warnings));
    }
  }

  private String restoredKey(String name) {
    if (dotReplacement.isEmpty()) {
      return name;
    }
    return restoredKeys.computeIfAbsent(name, n -> n.replace(dotReplacement, "."));
  }

  /** One nested key-value; the parser is on its START_OBJECT and is left on its END_OBJECT. */
  private KeyValue readKeyValue(JsonParser p, String what, List<String> warnings)
      throws IOException {
    String key = null;
    String type = null;
    kind = Kind.NULL;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "key" -> key = fields.string(p, field);
        case "type" -> type = fields.string(p, field);
        case "value" -> readValue(p);
        default -> p.skipChildren();
      }
    }
    if (key == null) {
      warnings.add(what + " without a key");
      key = "";
    }
    ValueType valueType = ValueType.fromJaegerName(type);
    if (valueType == null) {
      warnings.add(
          what
              + " \""
              + key
              + "\" has "
              + (type == null ? "no type" : "unknown type \"" + type + "\"")
              + "; read as "
              + inferredName());
      return inferred(key, what, warnings);
    }
    if (kind == Kind.NULL) {
      warnings.add(what + " \"" + key + "\" has no value");
      return KeyValue.string(key, "");
    }
    KeyValue typed = typed(key, valueType);
    if (typed != null) {
      return typed;
    }
    warnings.add(
        what
            + " \""
            + key
            + "\": invalid "
            + valueType.jaegerName()
            + " value "
            + (kind == Kind.STRING ? "\"" + text + "\"" : valueText())
            + "; kept as a string");
    return KeyValue.string(key, valueText());
  }

  private void readValue(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case VALUE_STRING -> {
        kind = Kind.STRING;
        text = fields.text.text(p);
      }
      case VALUE_NUMBER_INT -> {
        // "-0" keeps its text: it is an int64 0 but a string "-0".
        if (p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
            && !(p.getTextLength() == 2 && p.getLongValue() == 0)) {
          kind = Kind.LONG;
          number = p.getLongValue();
        } else {
          kind = Kind.NUMBER;
          text = p.getText();
        }
      }
      case VALUE_NUMBER_FLOAT -> {
        kind = Kind.NUMBER;
        text = p.getText();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        kind = Kind.BOOL;
        bool = p.currentToken() == JsonToken.VALUE_TRUE;
      }
      case START_OBJECT, START_ARRAY -> {
        kind = Kind.STRUCTURE;
        text = JsonCodec.mapper().readTree(p).toString();
      }
      default -> kind = Kind.NULL;
    }
  }

  /** The value as text: strings as they are, numbers as written, JSON structures compact. */
  private String valueText() {
    return switch (kind) {
      case BOOL -> String.valueOf(bool);
      case LONG -> Long.toString(number);
      default -> text;
    };
  }

  private boolean integral() {
    return kind == Kind.LONG || (kind == Kind.NUMBER && isIntegral(text));
  }

  private static boolean isIntegral(String number) {
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if (c == '.' || c == 'e' || c == 'E') {
        return false;
      }
    }
    return true;
  }

  /** The value read as its declared type, or null when it does not fit. */
  private KeyValue typed(String key, ValueType type) {
    return switch (type) {
      case STRING -> kind == Kind.STRUCTURE ? null : KeyValue.string(key, valueText());
      case BOOL -> {
        Boolean b =
            switch (kind) {
              case BOOL -> bool;
              case STRING, LONG, NUMBER -> GoText.parseBool(valueText());
              default -> null;
            };
        yield b == null ? null : KeyValue.bool(key, b);
      }
      case INT64 -> {
        Long l =
            switch (kind) {
              case LONG -> number;
              case STRING -> GoText.parseInt(text);
              case NUMBER -> isIntegral(text) ? GoText.parseInt(text) : exactLong(text);
              default -> null;
            };
        yield l == null ? null : KeyValue.int64(key, l);
      }
      case FLOAT64 -> {
        Double d =
            switch (kind) {
              case LONG -> (double) number;
              case NUMBER -> Double.valueOf(text);
              case STRING -> GoText.parseFloat(text);
              default -> null;
            };
        yield d == null ? null : KeyValue.float64(key, d);
      }
      case BINARY -> {
        byte[] bytes = kind == Kind.STRING ? GoText.parseHex(text) : null;
        yield bytes == null ? null : new KeyValue(key, ValueType.BINARY, bytes);
      }
    };
  }

  /** A number with a fraction or exponent that is an exact int64 ({@code 5.0}), else null. */
  private static Long exactLong(String number) {
    try {
      return new BigDecimal(number).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  /** The value typed by its JSON token (tags-as-fields, or a nested tag without a type). */
  private KeyValue inferred(String key, String what, List<String> warnings) {
    switch (kind) {
      case STRING -> {
        return KeyValue.string(key, text);
      }
      case BOOL -> {
        return KeyValue.bool(key, bool);
      }
      case LONG -> {
        return KeyValue.int64(key, number);
      }
      case NUMBER -> {
        Long l = isIntegral(text) ? GoText.parseInt(text) : null;
        return l != null ? KeyValue.int64(key, l) : KeyValue.float64(key, Double.parseDouble(text));
      }
      case STRUCTURE -> {
        warnings.add(
            what + " \"" + key + "\": a JSON structure is not a tag value; kept as a string");
        return KeyValue.string(key, text);
      }
      default -> {
        warnings.add(what + " \"" + key + "\" has no value");
        return KeyValue.string(key, "");
      }
    }
  }

  private String inferredName() {
    if (kind == Kind.BOOL) {
      return "bool";
    }
    if (kind == Kind.LONG || kind == Kind.NUMBER) {
      return integral() ? "int64" : "float64";
    }
    return "string";
  }
}
