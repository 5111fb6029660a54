package io.sightline.storage.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.storage.elasticsearch.read.ElasticsearchDependencyReader;
import io.sightline.storage.elasticsearch.read.ElasticsearchSpanReader;
import io.sightline.storage.elasticsearch.write.ElasticsearchSpanWriter;
import io.sightline.trace.ArchiveStorage;
import io.sightline.trace.DependencyReader;
import io.sightline.trace.SpanReader;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.StorageHealth;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * The whole application starts with {@code SPAN_STORAGE_TYPE=elasticsearch} and the Elasticsearch
 * storage in place of the embedded one, without a reachable server (nothing connects at startup).
 */
@SpringBootTest(
    properties = {
      "sightline.storage.type=elasticsearch",
      "sightline.elasticsearch.connection.server-urls=http://127.0.0.1:9",
      "sightline.elasticsearch.archive.enabled=true"
    })
class ElasticsearchApplicationTest {

  @Autowired ApplicationContext context;

  @Test
  void theElasticsearchStorageServesThePorts() {
    assertThat(context.getBean(SpanReader.class)).isInstanceOf(ElasticsearchSpanReader.class);
    assertThat(context.getBean(SpanWriter.class)).isInstanceOf(ElasticsearchSpanWriter.class);
    assertThat(context.getBean(DependencyReader.class))
        .isInstanceOf(ElasticsearchDependencyReader.class);
    assertThat(context.getBean(StorageHealth.class)).isInstanceOf(ElasticsearchStorageHealth.class);
    assertThat(context.getBean(ArchiveStorage.class).reader())
        .isInstanceOf(ElasticsearchSpanReader.class);
  }
}
