package io.sightline.storage.elasticsearch.write;

import io.sightline.storage.elasticsearch.client.BulkOperation;
import io.sightline.storage.elasticsearch.client.BulkResponse;
import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.document.DependenciesDocument;
import io.sightline.storage.elasticsearch.index.IndexRotation;
import io.sightline.storage.elasticsearch.index.IndexRotation.Kind;
import io.sightline.storage.elasticsearch.index.TemplateInstaller;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes a dependencies document {@code {timestamp, dependencies[]}} into the daily dependencies
 * index of its timestamp, as spark-dependencies and Jaeger's writer do, and waits until it is
 * searchable (a document a day needs no batching).
 */
public final class ElasticsearchDependencyWriter implements DependencyWriter {

  private final EsClient client;
  private final IndexRotation rotation;
  private final TemplateInstaller templates;

  public ElasticsearchDependencyWriter(
      EsClient client, IndexRotation rotation, TemplateInstaller templates) {
    this.client = client;
    this.rotation = rotation;
    this.templates = templates;
  }

  @Override
  public void writeDependencies(Instant timestamp, List<DependencyLink> links) {
    templates.ensureInstalled();
    List<DependenciesDocument.Link> stored =
        links.stream()
            .map(l -> new DependenciesDocument.Link(l.parent(), l.child(), l.callCount()))
            .toList();
    DependenciesDocument doc = new DependenciesDocument(rfc3339Nano(timestamp), stored);
    BulkResponse response =
        client.bulk(
            List.of(
                BulkOperation.index(rotation.writeIndex(Kind.DEPENDENCIES, timestamp), null, doc)),
            Map.of("refresh", "wait_for"));
    if (response.hasFailures()) {
      throw ElasticsearchSpanWriter.bulkFailure("writing dependencies", response);
    }
  }

  /** Go's RFC3339Nano in UTC: fraction without trailing zeros, none when whole seconds. */
  @SuppressWarnings("JavaInstantGetSecondsGetNano") // the seconds are formatted, then the fraction
  public static String rfc3339Nano(Instant instant) {
    String seconds =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC)
            .format(instant);
    int nanos = instant.getNano();
    if (nanos == 0) {
      return seconds + "Z";
    }
    String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
    return seconds + "." + fraction + "Z";
  }
}
