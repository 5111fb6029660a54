package io.sightline.storage.elasticsearch.dsl;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code {"terms": {"<field>": ["<v1>", …]}}}: a match on any of several exact values.
 *
 * @param field the field
 * @param values the values, in order
 */
public record TermsQuery(String field, List<String> values) implements Query {

  public TermsQuery {
    Objects.requireNonNull(field, "field");
    values = List.copyOf(values);
  }

  @JsonValue
  Map<String, Map<String, List<String>>> json() {
    return Map.of("terms", Map.of(field, values));
  }
}
