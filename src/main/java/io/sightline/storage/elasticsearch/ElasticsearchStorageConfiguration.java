package io.sightline.storage.elasticsearch;

import io.sightline.config.ConditionalOnStorageType;
import io.sightline.config.StorageType;
import io.sightline.trace.ArchiveStorage;
import io.sightline.trace.DependencyReader;
import io.sightline.trace.DependencyWriter;
import io.sightline.trace.SpanReader;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.StorageHealth;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Elasticsearch/OpenSearch storage, when {@code SPAN_STORAGE_TYPE} is {@code elasticsearch} or
 * {@code opensearch}. Nothing connects at startup; the first request does.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnStorageType({StorageType.ELASTICSEARCH, StorageType.OPENSEARCH})
@EnableConfigurationProperties(ElasticsearchProperties.class)
class ElasticsearchStorageConfiguration {

  @Bean
  EsClient elasticsearchClient(ElasticsearchProperties properties) {
    return EsClientFactory.create(properties.connection(), JsonCodec.mapper());
  }

  @Bean
  ElasticsearchStorage elasticsearchStorage(
      EsClient client, ElasticsearchProperties properties, ObjectProvider<Clock> clock) {
    ArchiveProperties archive = properties.archive();
    EsClient archiveClient =
        archive.enabled() && archive.hasOwnServers()
            ? EsClientFactory.create(archive.connection(), JsonCodec.mapper(), "ES_ARCHIVE")
            : client;
    return ElasticsearchStorage.create(
        client, archiveClient, properties, clock.getIfAvailable(Clock::systemUTC));
  }

  @Bean
  SpanReader spanReader(ElasticsearchStorage storage) {
    return storage.spanReader();
  }

  @Bean
  DependencyReader dependencyReader(ElasticsearchStorage storage) {
    return storage.dependencyReader();
  }

  @Bean
  SpanWriter spanWriter(ElasticsearchStorage storage) {
    return storage.spanWriter();
  }

  @Bean
  DependencyWriter dependencyWriter(ElasticsearchStorage storage) {
    return storage.dependencyWriter();
  }

  @Bean
  StorageHealth storageHealth(EsClient client) {
    return new ElasticsearchStorageHealth(client);
  }

  @Bean
  @ConditionalOnProperty(name = "sightline.elasticsearch.archive.enabled", havingValue = "true")
  ArchiveStorage archiveStorage(ElasticsearchStorage storage) {
    return storage.archive();
  }
}
