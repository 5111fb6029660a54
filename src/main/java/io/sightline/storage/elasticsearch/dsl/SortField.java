package io.sightline.storage.elasticsearch.dsl;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.Objects;

/**
 * {@code {"<field>": {"order": "asc"|"desc"}}}.
 *
 * @param field the field to sort on
 * @param ascending the direction
 */
public record SortField(String field, boolean ascending) {

  public SortField {
    Objects.requireNonNull(field, "field");
  }

  public static SortField asc(String field) {
    return new SortField(field, true);
  }

  @JsonValue
  Map<String, Map<String, String>> json() {
    return Map.of(field, Map.of("order", ascending ? "asc" : "desc"));
  }
}
