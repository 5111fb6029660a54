package io.sightline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class StorageTypeTest {

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "memory", "MEMORY"})
  void unsetMeansTheEmbeddedStore(String value) {
    assertThat(StorageType.parse(value)).isEqualTo(StorageType.MEMORY);
  }

  @ParameterizedTest
  @CsvSource({
    "elasticsearch,ELASTICSEARCH",
    "Elasticsearch,ELASTICSEARCH",
    "opensearch,OPENSEARCH"
  })
  void searchServers(String value, StorageType expected) {
    assertThat(StorageType.parse(value)).isEqualTo(expected);
    assertThat(expected.isElasticsearch()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"cassandra", "badger", "grpc"})
  void otherValuesAreAStartupErrorNamingTheVariable(String value) {
    assertThatThrownBy(() -> StorageType.parse(value))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SPAN_STORAGE_TYPE=" + value)
        .hasMessageContaining("elasticsearch or opensearch");
  }
}
