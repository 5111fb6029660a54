package io.sightline.storage.elasticsearch.dsl;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code {"bool": {"filter": …, "must": …, "should": …, "must_not": …}}}. An occurrence with one
 * clause is written as that clause, with several as an array (the form Jaeger's requests have;
 * Elasticsearch reads both). Empty occurrences are left out.
 *
 * @param filter clauses that must hold, without scoring
 * @param must clauses that must hold
 * @param should clauses of which at least one must hold (when there is no filter or must)
 * @param mustNot clauses that must not hold
 */
public record BoolQuery(
    List<Query> filter, List<Query> must, List<Query> should, List<Query> mustNot)
    implements Query {

  public BoolQuery {
    filter = List.copyOf(filter);
    must = List.copyOf(must);
    should = List.copyOf(should);
    mustNot = List.copyOf(mustNot);
  }

  public static BoolQuery filter(List<Query> clauses) {
    return new BoolQuery(clauses, List.of(), List.of(), List.of());
  }

  public static BoolQuery filter(Query clause) {
    return filter(List.of(clause));
  }

  public static BoolQuery must(List<Query> clauses) {
    return new BoolQuery(List.of(), clauses, List.of(), List.of());
  }

  public static BoolQuery must(Query clause) {
    return must(List.of(clause));
  }

  public static BoolQuery should(List<Query> clauses) {
    return new BoolQuery(List.of(), List.of(), clauses, List.of());
  }

  @JsonValue
  Map<String, Map<String, Object>> json() {
    Map<String, Object> body = new LinkedHashMap<>();
    put(body, "filter", filter);
    put(body, "must", must);
    put(body, "should", should);
    put(body, "must_not", mustNot);
    return Map.of("bool", body);
  }

  private static void put(Map<String, Object> body, String occurrence, List<Query> clauses) {
    if (clauses.size() == 1) {
      body.put(occurrence, clauses.get(0));
    } else if (!clauses.isEmpty()) {
      body.put(occurrence, clauses);
    }
  }
}
