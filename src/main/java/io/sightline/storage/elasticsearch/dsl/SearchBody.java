package io.sightline.storage.elasticsearch.dsl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The body of a {@code _search} (or of one {@code _msearch} item). Absent parts are left out.
 *
 * @param size how many hits to return ({@code 0} for aggregations only); always sent
 * @param query the query, or null for all documents
 * @param sort the hit order, or null
 * @param searchAfter the sort values of the last hit of the previous page, or null
 * @param trackTotalHits whether to count all hits exactly (beyond 10,000), or null
 * @param aggregations aggregations by name, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"size", "query", "sort", "search_after", "track_total_hits", "aggregations"})
public record SearchBody(
    int size,
    Query query,
    List<SortField> sort,
    @JsonProperty("search_after") List<Object> searchAfter,
    @JsonProperty("track_total_hits") Boolean trackTotalHits,
    Map<String, Aggregation> aggregations) {

  /** An aggregation-only search ({@code size: 0}). */
  public static SearchBody aggregate(Query query, Map<String, Aggregation> aggregations) {
    return new SearchBody(0, query, null, null, null, aggregations);
  }

  /** A search for hits. */
  public static SearchBody hits(int size, Query query) {
    return new SearchBody(size, query, null, null, null, null);
  }
}
