package io.sightline.storage.elasticsearch.dsl;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.Objects;

/**
 * {@code {"match": {"<field>": {"query": "<text>"}}}}. On a keyword field this is an exact,
 * case-sensitive match; Jaeger uses it for service, operation and tag keys.
 *
 * @param field the field
 * @param query the text
 */
public record MatchQuery(String field, String query) implements Query {

  public MatchQuery {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(query, "query");
  }

  @JsonValue
  Map<String, Map<String, Map<String, String>>> json() {
    return Map.of("match", Map.of(field, Map.of("query", query)));
  }
}
