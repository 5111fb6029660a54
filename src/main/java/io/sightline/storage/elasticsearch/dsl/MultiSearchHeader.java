package io.sightline.storage.elasticsearch.dsl;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The header line of one {@code _msearch} item: {@code {"ignore_unavailable": true, "index":
 * "a,b"}}.
 *
 * @param ignoreUnavailable whether missing indices are skipped rather than an error
 * @param index the comma-joined target indices
 */
@JsonPropertyOrder({"ignore_unavailable", "index"})
public record MultiSearchHeader(
    @JsonProperty("ignore_unavailable") boolean ignoreUnavailable,
    @JsonProperty("index") String index) {

  /** A header reading these indices and skipping those that do not exist. */
  public static MultiSearchHeader of(List<String> indices) {
    return new MultiSearchHeader(true, String.join(",", indices));
  }
}
