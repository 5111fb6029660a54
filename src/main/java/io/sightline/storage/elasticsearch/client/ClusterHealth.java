package io.sightline.storage.elasticsearch.client;

/**
 * The answer of {@code GET /_cluster/health}.
 *
 * @param clusterName the cluster's name
 * @param status {@code green}, {@code yellow} or {@code red}
 * @param numberOfNodes nodes in the cluster
 * @param timedOut whether a {@code wait_for_status} condition was not reached in time
 */
public record ClusterHealth(
    String clusterName, String status, int numberOfNodes, boolean timedOut) {

  /** Green or yellow: every primary shard is assigned, so every document can be read. */
  public boolean isUsable() {
    return "green".equals(status) || "yellow".equals(status);
  }
}
