package io.sightline.storage.elasticsearch.document;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One day's dependency links in a {@code jaeger-dependencies-*} index, as spark-dependencies (or
 * Jaeger's writer) stores them.
 *
 * @param timestamp RFC 3339; spark-dependencies stamps 00:00Z of the day it processed
 * @param dependencies the links; may be null in stored data
 */
@JsonPropertyOrder({"timestamp", "dependencies"})
public record DependenciesDocument(String timestamp, List<Link> dependencies) {

  /**
   * A link.
   *
   * @param parent the calling service
   * @param child the called service
   * @param callCount how many calls
   */
  @JsonPropertyOrder({"parent", "child", "callCount"})
  public record Link(String parent, String child, Long callCount) {}
}
