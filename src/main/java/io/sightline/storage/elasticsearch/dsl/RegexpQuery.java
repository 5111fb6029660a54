package io.sightline.storage.elasticsearch.dsl;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.Objects;

/**
 * {@code {"regexp": {"<field>": {"value": "<pattern>"}}}}: an anchored Lucene regular expression
 * with the default flags ({@code ALL}).
 *
 * @param field the field
 * @param value the pattern
 */
public record RegexpQuery(String field, String value) implements Query {

  public RegexpQuery {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
  }

  @JsonValue
  Map<String, Map<String, Map<String, String>>> json() {
    return Map.of("regexp", Map.of(field, Map.of("value", value)));
  }
}
