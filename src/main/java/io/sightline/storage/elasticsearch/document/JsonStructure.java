package io.sightline.storage.elasticsearch.document;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A JSON object or array found where a tag value (a scalar) belongs; kept as its JSON text so that
 * the span can still be shown, with a warning.
 *
 * @param json the structure's compact JSON text
 */
public record JsonStructure(String json) {

  public JsonStructure {
    Objects.requireNonNull(json, "json");
  }

  @JsonValue
  @JsonRawValue
  String raw() {
    return json;
  }

  @Override
  public String toString() {
    return json;
  }
}
