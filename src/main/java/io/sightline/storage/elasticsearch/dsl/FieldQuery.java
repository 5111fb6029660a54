package io.sightline.storage.elasticsearch.dsl;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.Objects;

/**
 * {@code {"<kind>": {"<field>": {"<parameter>": "<value>"}}}}: a query on one field with one
 * parameter, {@code match} or {@code regexp}.
 *
 * @param kind which query
 * @param field the field
 * @param value the text or the pattern
 */
public record FieldQuery(Kind kind, String field, String value) implements Query {

  /** The queries of this shape and the name of their one parameter. */
  public enum Kind {
    /**
     * {@code {"match": {"<field>": {"query": "<text>"}}}}. On a keyword field this is an exact,
     * case-sensitive match; Jaeger uses it for service, operation and tag keys.
     */
    MATCH("match", "query"),
    /**
     * {@code {"regexp": {"<field>": {"value": "<pattern>"}}}}: an anchored Lucene regular
     * expression with the default flags ({@code ALL}).
     */
    REGEXP("regexp", "value");

    private final String key;
    private final String parameter;

    Kind(String key, String parameter) {
      this.key = key;
      this.parameter = parameter;
    }
  }

  public FieldQuery {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
  }

  @JsonValue
  Map<String, Map<String, Map<String, String>>> json() {
    return Map.of(kind.key, Map.of(field, Map.of(kind.parameter, value)));
  }
}
