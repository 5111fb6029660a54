package io.sightline.storage.elasticsearch;

import io.sightline.storage.elasticsearch.client.ClusterHealth;
import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.client.ServerInfo;
import io.sightline.trace.StorageException;
import io.sightline.trace.StorageHealth;

/**
 * The trace store's health: the cluster answers {@code GET /_cluster/health} with green or yellow
 * (every primary shard assigned). Red, an error status or no answer is unhealthy. Bounded by the
 * request timeout, or 10 s when there is none.
 */
public final class ElasticsearchStorageHealth implements StorageHealth {

  private final EsClient client;

  public ElasticsearchStorageHealth(EsClient client) {
    this.client = client;
  }

  /**
   * @return e.g. {@code Elasticsearch 8.19.0 (cluster green)}
   */
  @Override
  public String check() {
    ClusterHealth health = client.clusterHealth();
    ServerInfo info = client.serverInfo();
    if (!health.isUsable()) {
      throw new StorageException(
          StorageException.Kind.UNAVAILABLE,
          info.description() + " cluster " + health.clusterName() + " is " + health.status());
    }
    return info.description() + " (cluster " + health.status() + ")";
  }
}
