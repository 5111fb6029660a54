package io.sightline.storage.elasticsearch;

import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.client.JsonCodec;
import io.sightline.storage.elasticsearch.document.SpanToDocument;
import io.sightline.storage.elasticsearch.index.IndexRotation;
import io.sightline.storage.elasticsearch.index.IndexTemplates;
import io.sightline.storage.elasticsearch.index.TemplateInstaller;
import io.sightline.storage.elasticsearch.read.ElasticsearchDependencyReader;
import io.sightline.storage.elasticsearch.read.ElasticsearchSpanReader;
import io.sightline.storage.elasticsearch.read.ElasticsearchSpanScanner;
import io.sightline.storage.elasticsearch.read.ReadSettings;
import io.sightline.storage.elasticsearch.write.ElasticsearchDependencyWriter;
import io.sightline.storage.elasticsearch.write.ElasticsearchSpanWriter;
import io.sightline.trace.ArchiveStorage;
import io.sightline.trace.SpanScanner;
import io.sightline.trace.StorageHealth;
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
  private final EsClient client;
  private final Scanners scanners;

  private ElasticsearchStorage(
      EsClient client,
      Scanners scanners,
      ElasticsearchSpanReader spanReader,
      ElasticsearchSpanWriter spanWriter,
      ElasticsearchDependencyReader dependencyReader,
      ElasticsearchDependencyWriter dependencyWriter,
      ArchiveStorage archive) {
    this.client = client;
    this.scanners = scanners;
    this.spanReader = spanReader;
    this.spanWriter = spanWriter;
    this.dependencyReader = dependencyReader;
    this.dependencyWriter = dependencyWriter;
    this.archive = archive;
  }

  /**
   * The storage as the settings describe it: the one composition of clients, readers and writers
   * that the server and the {@code load} command share. Nothing connects yet.
   *
   * @throws IllegalStateException or IllegalArgumentException naming the setting that cannot be
   *     used (an unreadable secret or certificate file, say)
   */
  public static ElasticsearchStorage open(ElasticsearchProperties properties, Clock clock) {
    EsClient client = EsClientFactory.create(properties.connection(), JsonCodec.mapper());
    ArchiveProperties archive = properties.archive();
    EsClient archiveClient =
        archive.enabled() && archive.hasOwnServers()
            ? EsClientFactory.create(archive.connection(), JsonCodec.mapper(), "ES_ARCHIVE")
            : client;
    return create(client, archiveClient, properties, clock);
  }

  /**
   * The storage over the given clients.
   *
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
    Scanners scanners =
        (pageSize, slices) ->
            new ElasticsearchSpanScanner(client, rotation, dotReplacement, pageSize, slices);
    return new ElasticsearchStorage(
        client, scanners, spanReader, spanWriter, dependencyReader, dependencyWriter, archive);
  }

  /**
   * What the primary servers are, for a person: for example {@code Elasticsearch 8.19.0 at
   * http://es:9200}. Asks the server.
   *
   * @throws io.sightline.trace.StorageException when no server answers
   */
  public String describeServers() {
    return client.serverInfo().description() + " at " + String.join(", ", client.servers());
  }

  /** The health check of the primary servers. */
  public StorageHealth health() {
    return new ElasticsearchStorageHealth(client);
  }

  /**
   * A scanner of whole days of spans (the {@code dependencies} command).
   *
   * @param pageSize spans per request
   */
  public SpanScanner spanScanner(int pageSize) {
    return spanScanner(pageSize, 1);
  }

  /**
   * A scanner of whole days of spans that reads {@code slices} slices of the point-in-time in
   * parallel (Elasticsearch 8 and later; elsewhere {@code slices} is ignored).
   *
   * @param pageSize spans per request (per slice)
   */
  public SpanScanner spanScanner(int pageSize, int slices) {
    return scanners.create(pageSize, slices);
  }

  /** Makes span scanners. */
  @FunctionalInterface
  private interface Scanners {
    SpanScanner create(int pageSize, int slices);
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
