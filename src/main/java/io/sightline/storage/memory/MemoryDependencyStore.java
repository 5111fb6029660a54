package io.sightline.storage.memory;

import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyQuery;
import io.sightline.trace.DependencyReader;
import io.sightline.trace.DependencyWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Dependency documents in memory, read as Jaeger's Elasticsearch reader reads {@code
 * jaeger-dependencies-*}: every document whose timestamp lies in {@code [endTs − lookback, endTs]}
 * (both ends included, compared in milliseconds like an Elasticsearch {@code date}), with the
 * documents' links concatenated as stored. Merging duplicate (parent, child) pairs is the API's
 * job.
 *
 * <p>At most {@value #MAX_DOCUMENTS} documents are kept (the oldest timestamps go first); that is
 * also the most Jaeger's reader fetches ({@code max_doc_count}). The dependencies job writes one a
 * day.
 */
public final class MemoryDependencyStore implements DependencyReader, DependencyWriter {

  static final int MAX_DOCUMENTS = 10_000;

  /** Documents by timestamp in epoch milliseconds; several may share a timestamp. */
  private final TreeMap<Long, List<List<DependencyLink>>> documents = new TreeMap<>();

  private int documentCount;

  @Override
  public synchronized void writeDependencies(Instant timestamp, List<DependencyLink> links) {
    Objects.requireNonNull(timestamp, "timestamp");
    documents
        .computeIfAbsent(timestamp.toEpochMilli(), t -> new ArrayList<>(1))
        .add(List.copyOf(links));
    documentCount++;
    while (documentCount > MAX_DOCUMENTS) {
      Map.Entry<Long, List<List<DependencyLink>>> oldest = documents.firstEntry();
      oldest.getValue().remove(0);
      if (oldest.getValue().isEmpty()) {
        documents.remove(oldest.getKey());
      }
      documentCount--;
    }
  }

  @Override
  public synchronized void replaceDependencies(Instant timestamp, List<DependencyLink> links) {
    Objects.requireNonNull(timestamp, "timestamp");
    List<List<DependencyLink>> replaced = documents.remove(timestamp.toEpochMilli());
    if (replaced != null) {
      documentCount -= replaced.size();
    }
    if (!links.isEmpty()) {
      writeDependencies(timestamp, links);
    }
  }

  @Override
  public synchronized List<DependencyLink> getDependencies(DependencyQuery query) {
    List<DependencyLink> links = new ArrayList<>();
    for (List<List<DependencyLink>> atTime :
        documents
            .subMap(query.startTs().toEpochMilli(), true, query.endTs().toEpochMilli(), true)
            .values()) {
      for (List<DependencyLink> document : atTime) {
        links.addAll(document);
      }
    }
    return links;
  }
}
