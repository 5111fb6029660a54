package io.sightline.storage.elasticsearch.dsl;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.Objects;

/**
 * {@code {"nested": {"path": "<path>", "query": {…}}}}: a query on the objects of a nested field,
 * each object matched on its own.
 *
 * @param path the nested field
 * @param query the query every clause of which must hold on one nested object
 */
public record NestedQuery(String path, Query query) implements Query {

  public NestedQuery {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
  }

  @JsonValue
  Map<String, Body> json() {
    return Map.of("nested", new Body(path, query));
  }

  record Body(String path, Query query) {}
}
