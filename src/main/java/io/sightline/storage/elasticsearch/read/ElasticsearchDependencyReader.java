package io.sightline.storage.elasticsearch.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.client.EsErrors;
import io.sightline.storage.elasticsearch.client.EsResponse;
import io.sightline.storage.elasticsearch.document.DependenciesDocument;
import io.sightline.storage.elasticsearch.index.IndexRotation;
import io.sightline.storage.elasticsearch.index.IndexRotation.Kind;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyQuery;
import io.sightline.trace.DependencyReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the daily dependency documents (docs/JAEGER-COMPAT.md §4.5): those stamped within the
 * window, from the daily dependencies indices (or the read alias). Links are returned as stored;
 * merging duplicate pairs is the API's job.
 */
public final class ElasticsearchDependencyReader implements DependencyReader {

  private final EsClient client;
  private final IndexRotation rotation;
  private final SpanQueries queries = new SpanQueries("@");
  private final int maxDocCount;

  public ElasticsearchDependencyReader(EsClient client, IndexRotation rotation, int maxDocCount) {
    this.client = client;
    this.rotation = rotation;
    this.maxDocCount = maxDocCount;
  }

  @Override
  public List<DependencyLink> getDependencies(DependencyQuery query) {
    List<String> indices = rotation.readIndices(Kind.DEPENDENCIES, query.startTs(), query.endTs());
    String operation = "search dependencies";
    List<DependencyLink> links = new ArrayList<>();
    try (EsResponse response =
            client.search(
                indices,
                queries.dependencies(query.startTs(), query.endTs(), maxDocCount),
                ElasticsearchSpanReader.SEARCH_PARAMS);
        JsonParser p = response.parser()) {
      // Only the _source of each hit matters: walk to hits.hits[]._source and bind it.
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return links;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("hits")) {
          readHits(p, links);
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw EsErrors.whileReading(operation, e);
    }
    return links;
  }

  private static void readHits(JsonParser p, List<DependencyLink> links) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      if (p.nextToken() == JsonToken.START_ARRAY && field.equals("hits")) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String hitField = p.currentName();
            if (p.nextToken() == JsonToken.START_OBJECT && hitField.equals("_source")) {
              add(p.readValueAs(DependenciesDocument.class), links);
            } else {
              p.skipChildren();
            }
          }
        }
      } else {
        p.skipChildren();
      }
    }
  }

  private static void add(DependenciesDocument doc, List<DependencyLink> links) {
    if (doc == null || doc.dependencies() == null) {
      return;
    }
    for (DependenciesDocument.Link link : doc.dependencies()) {
      if (link != null && link.parent() != null && link.child() != null) {
        links.add(
            new DependencyLink(
                link.parent(), link.child(), link.callCount() == null ? 0 : link.callCount()));
      }
    }
  }
}
