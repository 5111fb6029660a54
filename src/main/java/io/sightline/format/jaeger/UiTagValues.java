package io.sightline.format.jaeger;

import static io.sightline.format.StrictJsonReader.base64;
import static io.sightline.format.StrictJsonReader.describe;
import static io.sightline.format.StrictJsonReader.error;
import static io.sightline.format.StrictJsonReader.specialOrNumber;

import io.sightline.trace.KeyValue;
import io.sightline.trace.ValueType;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * A Jaeger UI tag's value, typed: the JSON token and text as read, checked against the tag's {@code
 * type} (or, without one, typed by the token itself).
 */
final class UiTagValues {

  private UiTagValues() {}

  /** The type a tag without {@code type} takes from its JSON value. */
  static ValueType typeOf(JsonToken token) {
    return switch (token) {
      case VALUE_TRUE, VALUE_FALSE -> ValueType.BOOL;
      case VALUE_NUMBER_INT -> ValueType.INT64;
      case VALUE_NUMBER_FLOAT -> ValueType.FLOAT64;
      default -> ValueType.STRING;
    };
  }

  /** The tag, its value read as {@code type}; {@code at} is where the value stands. */
  static KeyValue typed(
      String key, ValueType type, JsonToken token, String text, TokenStreamLocation at) {
    String found = describe(token, text);
    return switch (type) {
      case STRING -> {
        if (token != JsonToken.VALUE_STRING) {
          throw error(at, "tag '" + key + "' of type string has a non-string value: " + found);
        }
        yield KeyValue.string(key, text);
      }
      case BOOL -> {
        if (token == JsonToken.VALUE_TRUE
            || ("true".equals(text) && token == JsonToken.VALUE_STRING)) {
          yield KeyValue.bool(key, true);
        }
        if (token == JsonToken.VALUE_FALSE
            || ("false".equals(text) && token == JsonToken.VALUE_STRING)) {
          yield KeyValue.bool(key, false);
        }
        throw error(at, "tag '" + key + "' of type bool must be true or false, found " + found);
      }
      case INT64 -> {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_STRING) {
          throw error(at, "tag '" + key + "' of type int64 must be an integer, found " + found);
        }
        try {
          yield KeyValue.int64(key, Long.parseLong(text));
        } catch (NumberFormatException e) {
          throw error(at, "tag '" + key + "' of type int64 has " + found + ", not an int64");
        }
      }
      case FLOAT64 -> {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
          yield KeyValue.float64(key, Double.parseDouble(text));
        }
        if (token == JsonToken.VALUE_STRING) {
          Double special =
              switch (text) {
                case "NaN" -> Double.NaN;
                case "+Inf", "Inf", "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
                case "-Inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> specialOrNumber(text);
              };
          if (special != null) {
            yield KeyValue.float64(key, special);
          }
        }
        throw error(at, "tag '" + key + "' of type float64 must be a number, found " + found);
      }
      case BINARY -> {
        if (token != JsonToken.VALUE_STRING) {
          throw error(
              at, "tag '" + key + "' of type binary must be a base64 string, found " + found);
        }
        byte[] bytes = base64(text);
        if (bytes == null) {
          throw error(at, "tag '" + key + "' of type binary is not base64: " + found);
        }
        yield KeyValue.binary(key, bytes);
      }
    };
  }
}
