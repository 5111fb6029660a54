package io.sightline.bench;

import java.util.Map;

/**
 * One thing the benchmark asks, of Sightline and (when shared) of Zipkin.
 *
 * @param name for the report
 * @param path Sightline's path and query
 * @param kind what Sightline answers, for the result column
 * @param properties Spring properties for the Sightline process measuring it
 * @param heap Sightline's {@code -Xmx} for it, or null for the run's default
 * @param raw whether its Elasticsearch requests are recorded and replayed as the raw floor
 * @param zipkinPath Zipkin's equivalent path and query, or null when Zipkin has none
 * @param zipkinKind what Zipkin answers
 * @param note said under the table when this scenario is in it, or null
 * @param heavy takes many seconds per request even alone: a quick run measures it at the lowest
 *     concurrency only
 */
record Scenario(
    String name,
    String path,
    ResponseSummary.Kind kind,
    Map<String, String> properties,
    String heap,
    boolean raw,
    String zipkinPath,
    ResponseSummary.Kind zipkinKind,
    String note,
    boolean heavy) {

  Scenario {
    properties = Map.copyOf(properties);
  }

  boolean sharedWithZipkin() {
    return zipkinPath != null;
  }
}
