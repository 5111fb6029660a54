package io.sightline.storage.elasticsearch;

import io.sightline.storage.elasticsearch.index.IndexRotation;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Jaeger v1's archive storage ({@code --es-archive.*}, env {@code ES_ARCHIVE_*}): archived traces
 * in {@code [prefix-]jaeger-span-archive} (or behind {@code …-archive-read}/{@code -write}
 * aliases), read by the trace lookup as a fallback and written by {@code POST /api/archive}.
 *
 * @param enabled {@code ES_ARCHIVE_ENABLED}
 * @param connection {@code ES_ARCHIVE_SERVER_URLS}, {@code ES_ARCHIVE_USERNAME}, …; with no server
 *     URLs the primary connection is used
 * @param indexPrefix {@code ES_ARCHIVE_INDEX_PREFIX}
 * @param useAliases {@code ES_ARCHIVE_USE_ALIASES}
 * @param remoteReadClusters {@code ES_ARCHIVE_REMOTE_READ_CLUSTERS}
 * @param maxDocCount {@code ES_ARCHIVE_MAX_DOC_COUNT}
 * @param createTemplates {@code ES_ARCHIVE_CREATE_INDEX_TEMPLATES}
 * @param shards {@code ES_ARCHIVE_NUM_SHARDS}
 * @param replicas {@code ES_ARCHIVE_NUM_REPLICAS}
 * @param tagsAsFields {@code ES_ARCHIVE_TAGS_AS_FIELDS_*}
 */
public record ArchiveProperties(
    @DefaultValue("false") boolean enabled,
    ElasticsearchProperties.Connection connection,
    @DefaultValue("") String indexPrefix,
    @DefaultValue("false") boolean useAliases,
    @DefaultValue("") List<String> remoteReadClusters,
    @DefaultValue("10000") int maxDocCount,
    @DefaultValue("true") boolean createTemplates,
    @DefaultValue("5") int shards,
    @DefaultValue("1") int replicas,
    @DefaultValue TagsAsFieldsProperties tagsAsFields) {

  public ArchiveProperties {
    indexPrefix = SettingValues.trimmed(indexPrefix);
    remoteReadClusters = SettingValues.nonBlank(remoteReadClusters);
    tagsAsFields = tagsAsFields == null ? TagsAsFieldsProperties.defaults() : tagsAsFields;
    SettingValues.requirePositive(maxDocCount, "ES_ARCHIVE_MAX_DOC_COUNT");
  }

  public static ArchiveProperties disabled() {
    return new ArchiveProperties(
        false, null, "", false, List.of(), 10_000, true, 5, 1, TagsAsFieldsProperties.defaults());
  }

  /** An enabled archive with this prefix on the primary connection (tests). */
  public static ArchiveProperties enabled(String indexPrefix, int shards, int replicas) {
    return new ArchiveProperties(
        true,
        null,
        indexPrefix,
        false,
        List.of(),
        10_000,
        true,
        shards,
        replicas,
        TagsAsFieldsProperties.defaults());
  }

  /** Whether the archive has servers of its own; otherwise it shares the primary client. */
  public boolean hasOwnServers() {
    return connection != null && !connection.serverUrls().isEmpty();
  }

  /** The index planning of the archive. */
  public IndexRotation rotation() {
    return IndexRotation.archive(indexPrefix, useAliases, remoteReadClusters);
  }
}
