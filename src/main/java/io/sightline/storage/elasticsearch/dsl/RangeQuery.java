package io.sightline.storage.elasticsearch.dsl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.Objects;

/**
 * {@code {"range": {"<field>": {"gte": …, "lte": …}}}}, both bounds inclusive.
 *
 * @param field the field
 * @param bounds the bounds (numbers or date strings); a null bound is left out
 */
public record RangeQuery(String field, Bounds bounds) implements Query {

  public RangeQuery {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(bounds, "bounds");
  }

  /** A range of whole numbers (epoch millis, microseconds…). */
  public static RangeQuery between(String field, long gte, long lte) {
    return new RangeQuery(field, new Bounds(gte, lte));
  }

  /** A range of dates given as text (RFC 3339). */
  public static RangeQuery between(String field, String gte, String lte) {
    return new RangeQuery(field, new Bounds(gte, lte));
  }

  @JsonValue
  Map<String, Map<String, Bounds>> json() {
    return Map.of("range", Map.of(field, bounds));
  }

  /**
   * Inclusive bounds.
   *
   * @param gte the lower bound, or null
   * @param lte the upper bound, or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Bounds(Object gte, Object lte) {}
}
