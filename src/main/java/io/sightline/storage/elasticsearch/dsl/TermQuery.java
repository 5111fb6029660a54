package io.sightline.storage.elasticsearch.dsl;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.Objects;

/**
 * {@code {"term": {"<field>": "<value>"}}}: an exact match on a keyword field.
 *
 * @param field the field
 * @param value the exact value
 */
public record TermQuery(String field, String value) implements Query {

  public TermQuery {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
  }

  @JsonValue
  Map<String, Map<String, String>> json() {
    return Map.of("term", Map.of(field, value));
  }
}
