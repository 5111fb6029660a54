package io.sightline.storage.elasticsearch.write;

import com.fasterxml.jackson.databind.JsonNode;
import io.sightline.storage.elasticsearch.client.BulkOperation;
import io.sightline.storage.elasticsearch.client.BulkResponse;
import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.client.EsResponse;
import io.sightline.storage.elasticsearch.client.EsStatusException;
import io.sightline.storage.elasticsearch.document.DependenciesDocument;
import io.sightline.storage.elasticsearch.index.IndexRotation;
import io.sightline.storage.elasticsearch.index.IndexRotation.Kind;
import io.sightline.storage.elasticsearch.index.TemplateInstaller;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
    write(timestamp, links, null);
  }

  /**
   * Writes the document with its timestamp as its ID, then deletes every other document of that
   * timestamp in the dependencies indices read for it (earlier runs after an index rollover,
   * documents of the Spark job). Without links it only deletes.
   */
  @Override
  public void replaceDependencies(Instant timestamp, List<DependencyLink> links) {
    String id = rfc3339Nano(timestamp);
    BulkResponse.Item written = links.isEmpty() ? null : write(timestamp, links, id);
    List<String> indices =
        rotation.readIndices(Kind.DEPENDENCIES, timestamp, timestamp).stream()
            .filter(index -> !index.contains(":")) // remote clusters are read-only here
            .toList();
    Map<String, Object> sameTime =
        Map.of("range", Map.of("timestamp", Map.of("gte", id, "lte", id)));
    // Search and bulk-delete rather than _delete_by_query: that needs the reindex module, which
    // minimal distributions lack. A day has a handful of documents at most.
    List<BulkOperation> deletes = new ArrayList<>();
    try (EsResponse response =
        client.search(
            indices,
            Map.of("size", 1000, "_source", false, "query", sameTime),
            Map.of("ignore_unavailable", "true"))) {
      for (JsonNode hit : response.tree().path("hits").path("hits")) {
        String index = hit.path("_index").asText();
        String hitId = hit.path("_id").asText();
        boolean isNew = written != null && written.index().equals(index) && id.equals(hitId);
        if (!isNew) {
          deletes.add(BulkOperation.delete(index, hitId));
        }
      }
    } catch (EsStatusException e) {
      if (e.status() != 404) {
        throw e;
      }
    }
    if (!deletes.isEmpty()) {
      BulkResponse response = client.bulk(deletes, Map.of("refresh", "wait_for"));
      if (response.hasFailures()) {
        throw ElasticsearchSpanWriter.bulkFailure("replacing dependencies", response);
      }
    }
  }

  private BulkResponse.Item write(Instant timestamp, List<DependencyLink> links, String id) {
    templates.ensureInstalled();
    List<DependenciesDocument.Link> stored =
        links.stream()
            .map(l -> new DependenciesDocument.Link(l.parent(), l.child(), l.callCount()))
            .toList();
    DependenciesDocument doc = new DependenciesDocument(rfc3339Nano(timestamp), stored);
    BulkResponse response =
        client.bulk(
            List.of(
                BulkOperation.index(rotation.writeIndex(Kind.DEPENDENCIES, timestamp), id, doc)),
            Map.of("refresh", "wait_for"));
    if (response.hasFailures()) {
      throw ElasticsearchSpanWriter.bulkFailure("writing dependencies", response);
    }
    return response.items().get(0);
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
