package io.sightline.storage.elasticsearch;

import io.sightline.storage.ConditionalOnStorageType;
import io.sightline.storage.StorageType;
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
  ElasticsearchStorage elasticsearchStorage(
      ElasticsearchProperties properties, ObjectProvider<Clock> clock) {
    return ElasticsearchStorage.open(properties, clock.getIfAvailable(Clock::systemUTC));
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
  StorageHealth storageHealth(ElasticsearchStorage storage) {
    return storage.health();
  }

  @Bean
  @ConditionalOnProperty(name = "sightline.elasticsearch.archive.enabled", havingValue = "true")
  ArchiveStorage archiveStorage(ElasticsearchStorage storage) {
    return storage.archive();
  }
}
