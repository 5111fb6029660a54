package io.sightline.storage;

import java.util.Locale;

/** Which trace store Sightline reads, chosen by Jaeger's {@code SPAN_STORAGE_TYPE}. */
public enum StorageType {
  /** The embedded in-memory store (the default when {@code SPAN_STORAGE_TYPE} is unset). */
  MEMORY,
  ELASTICSEARCH,
  OPENSEARCH;

  /** The property that {@code SPAN_STORAGE_TYPE} binds to. */
  public static final String PROPERTY = "sightline.storage.type";

  /**
   * Parses the setting. Blank means the embedded store.
   *
   * @throws IllegalStateException naming the variable when the value is not supported
   */
  public static StorageType parse(String value) {
    if (value == null || value.isBlank()) {
      return MEMORY;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "memory" -> MEMORY;
      case "elasticsearch" -> ELASTICSEARCH;
      case "opensearch" -> OPENSEARCH;
      default ->
          throw new IllegalStateException(
              "SPAN_STORAGE_TYPE="
                  + value
                  + " is not supported by Sightline: use elasticsearch or opensearch, or leave it"
                  + " unset for the embedded demo store");
    };
  }

  /** Whether this type is served by the Elasticsearch/OpenSearch backend. */
  public boolean isElasticsearch() {
    return this == ELASTICSEARCH || this == OPENSEARCH;
  }
}
