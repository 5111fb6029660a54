package io.sightline.storage.elasticsearch;

import io.sightline.storage.SpanStoreConformanceSuite;
import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.client.JsonCodec;
import io.sightline.testing.search.IndexPrefix;
import io.sightline.testing.search.SearchServer;
import io.sightline.testing.search.SearchServerTest;
import org.junit.jupiter.api.BeforeEach;

/**
 * The Elasticsearch storage against the storage conformance suite (Jaeger's queries.json and our
 * own cases), on every selected server, each test in indices of its own prefix (1 shard, 0
 * replicas, Jaeger's templates).
 */
@SearchServerTest
class ElasticsearchSpanStoreConformanceIT extends SpanStoreConformanceSuite {

  private final SearchServer server;
  private IndexPrefix prefix;

  ElasticsearchSpanStoreConformanceIT(SearchServer server) {
    this.server = server;
  }

  @BeforeEach
  void usePrefix(IndexPrefix prefix) {
    this.prefix = prefix;
  }

  @Override
  protected StoreUnderTest openStore() {
    EsClient client = EsClientFactory.create(server.connection(), JsonCodec.mapper());
    ElasticsearchProperties properties =
        new ElasticsearchProperties(
            server.connection(),
            IndexProperties.defaults().withPrefix(prefix.value()).withShards(1, 0),
            ReadingProperties.defaults(),
            TagsAsFieldsProperties.defaults(),
            ArchiveProperties.disabled());
    ElasticsearchStorage storage = ElasticsearchStorage.create(client, client, properties, clock());
    return new StoreUnderTest(
        storage.spanWriter(),
        storage.spanReader(),
        storage.dependencyWriter(),
        storage.dependencyReader(),
        () -> {});
  }
}
