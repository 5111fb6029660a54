package io.sightline.storage.elasticsearch.document;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads a tag value without deciding its type: a {@code String}, a {@code Boolean}, a {@link
 * JsonNumber} with the number's original text, a {@link JsonStructure} for an object or array, or
 * null.
 */
final class ScalarDeserializer extends StdDeserializer<Object> {

  private static final long serialVersionUID = 1L;

  ScalarDeserializer() {
    super(Object.class);
  }

  @Override
  public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new JsonNumber(p.getText());
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case START_OBJECT, START_ARRAY -> new JsonStructure(p.readValueAsTree().toString());
      default -> null;
    };
  }

  @Override
  public Object getNullValue(DeserializationContext ctxt) {
    return null;
  }
}
