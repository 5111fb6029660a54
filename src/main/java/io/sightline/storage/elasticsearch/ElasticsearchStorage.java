package io.sightline.storage.elasticsearch;

import io.sightline.storage.elasticsearch.document.SpanToDocument;
import io.sightline.trace.ArchiveStorage;
import java.time.Clock;
import java.util.Objects;

/**
 * The Elasticsearch/OpenSearch storage assembled from its settings: span and dependency readers and
 * writers over one client, and the archive when enabled. The Spring configuration exposes these as
 * beans; tests build one per index prefix.
 */
public final class ElasticsearchStorage {

  private final ElasticsearchSpanReader spanReader;
  private final ElasticsearchSpanWriter spanWriter;
  private final ElasticsearchDependencyReader dependencyReader;
  private final ElasticsearchDependencyWriter dependencyWriter;
  private final ArchiveStorage archive;

  private ElasticsearchStorage(
      ElasticsearchSpanReader spanReader,
      ElasticsearchSpanWriter spanWriter,
      ElasticsearchDependencyReader dependencyReader,
      ElasticsearchDependencyWriter dependencyWriter,
      ArchiveStorage archive) {
    this.spanReader = spanReader;
    this.spanWriter = spanWriter;
    this.dependencyReader = dependencyReader;
    this.dependencyWriter = dependencyWriter;
    this.archive = archive;
  }

  /**
   * @param client the primary client
   * @param archiveClient the archive's client (the primary one unless the archive has its own
   *     servers); ignored when the archive is disabled
   */
  public static ElasticsearchStorage create(
      EsClient client, EsClient archiveClient, ElasticsearchProperties properties, Clock clock) {
    Objects.requireNonNull(client, "client");
    IndexProperties indices = properties.indices();
    ReadingProperties reading = properties.reading();
    IndexRotation rotation = indices.rotation();
    String dotReplacement = properties.tagsAsFields().dotReplacement();
    ReadSettings readSettings =
        new ReadSettings(
            rotation.dated() ? reading.maxSpanAgeDuration() : java.time.Duration.ofDays(365L * 50),
            reading.maxTraceDurationValue(),
            reading.maxDocCount(),
            rotation.dated());
    TemplateInstaller templates =
        new TemplateInstaller(
            client,
            new IndexTemplates(indices.prefix(), indices.templateSettings()),
            indices.createTemplates());
    ElasticsearchSpanReader spanReader =
        new ElasticsearchSpanReader(client, rotation, readSettings, dotReplacement, clock);
    ElasticsearchSpanWriter spanWriter =
        new ElasticsearchSpanWriter(
            client,
            rotation,
            new SpanToDocument(properties.tagsAsFields().selection()),
            templates,
            true,
            reading.serviceCacheTtlValue());
    ElasticsearchDependencyReader dependencyReader =
        new ElasticsearchDependencyReader(client, rotation, reading.maxDocCount());
    ElasticsearchDependencyWriter dependencyWriter =
        new ElasticsearchDependencyWriter(client, rotation, templates);
    ArchiveStorage archive = null;
    ArchiveProperties archiveProperties = properties.archive();
    if (archiveProperties.enabled()) {
      EsClient archiveEs = archiveClient == null ? client : archiveClient;
      IndexRotation archiveRotation = archiveProperties.rotation();
      TagsAsFieldsProperties archiveTags = archiveProperties.tagsAsFields();
      ReadSettings archiveReads =
          new ReadSettings(
              java.time.Duration.ofDays(365L * 50),
              reading.maxTraceDurationValue(),
              archiveProperties.maxDocCount(),
              false);
      IndexTemplates archiveTemplates =
          new IndexTemplates(
              archiveProperties.indexPrefix(),
              new IndexTemplates.Settings(
                  archiveProperties.shards(),
                  archiveProperties.replicas(),
                  0,
                  0,
                  0,
                  false,
                  indices.ilmPolicyName()));
      archive =
          new ArchiveStorage(
              new ElasticsearchSpanReader(
                  archiveEs, archiveRotation, archiveReads, archiveTags.dotReplacement(), clock),
              new ElasticsearchSpanWriter(
                  archiveEs,
                  archiveRotation,
                  new SpanToDocument(archiveTags.selection()),
                  new TemplateInstaller(
                      archiveEs, archiveTemplates, archiveProperties.createTemplates()),
                  false,
                  reading.serviceCacheTtlValue()));
    }
    return new ElasticsearchStorage(
        spanReader, spanWriter, dependencyReader, dependencyWriter, archive);
  }

  public ElasticsearchSpanReader spanReader() {
    return spanReader;
  }

  public ElasticsearchSpanWriter spanWriter() {
    return spanWriter;
  }

  public ElasticsearchDependencyReader dependencyReader() {
    return dependencyReader;
  }

  public ElasticsearchDependencyWriter dependencyWriter() {
    return dependencyWriter;
  }

  /** The archive, or null when {@code ES_ARCHIVE_ENABLED} is not set. */
  public ArchiveStorage archive() {
    return archive;
  }
}
