package io.sightline.storage.elasticsearch.dsl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One aggregation: a {@code terms} or a {@code max}, with optional sub-aggregations.
 *
 * @param terms a terms aggregation, or null
 * @param max a max aggregation, or null
 * @param aggregations sub-aggregations by name, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Aggregation(Terms terms, Max max, Map<String, Aggregation> aggregations) {

  /** Distinct values of a field, most frequent first. */
  public static Aggregation terms(String field, int size) {
    return new Aggregation(new Terms(field, size, null), null, null);
  }

  /** Distinct values of a field, ordered by a sub-aggregation. */
  public static Aggregation terms(
      String field, int size, BucketOrder order, Map<String, Aggregation> subAggregations) {
    return new Aggregation(new Terms(field, size, List.of(order)), null, subAggregations);
  }

  /** The largest value of a field. */
  public static Aggregation max(String field) {
    return new Aggregation(null, new Max(field), null);
  }

  /**
   * {@code {"field": …, "size": …, "order": […]}}.
   *
   * @param field the field
   * @param size the most buckets
   * @param order bucket order, or null for Elasticsearch's default (count)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Terms(String field, int size, List<BucketOrder> order) {
    public Terms {
      Objects.requireNonNull(field, "field");
    }
  }

  /**
   * {@code {"field": …}}.
   *
   * @param field the field
   */
  public record Max(String field) {}

  /**
   * {@code {"<key>": "asc"|"desc"}}: a bucket order by a sub-aggregation's value.
   *
   * @param key the sub-aggregation
   * @param ascending the direction
   */
  public record BucketOrder(String key, boolean ascending) {
    public static BucketOrder desc(String key) {
      return new BucketOrder(key, false);
    }

    @JsonValue
    Map<String, String> json() {
      return Map.of(key, ascending ? "asc" : "desc");
    }
  }
}
