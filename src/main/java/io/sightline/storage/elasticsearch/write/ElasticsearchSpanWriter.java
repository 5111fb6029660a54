package io.sightline.storage.elasticsearch.write;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.sightline.storage.elasticsearch.client.BulkOperation;
import io.sightline.storage.elasticsearch.client.BulkResponse;
import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.document.ServiceDocument;
import io.sightline.storage.elasticsearch.document.SpanToDocument;
import io.sightline.storage.elasticsearch.index.IndexRotation;
import io.sightline.storage.elasticsearch.index.IndexRotation.Kind;
import io.sightline.storage.elasticsearch.index.TemplateInstaller;
import io.sightline.trace.Span;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.StorageException;
import io.sightline.trace.TraceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Writes spans the way Jaeger's collector does: one document per span into the span index of its
 * start date, and one service document per (service, operation) into the service index of that date
 * (ID: Jaeger's FNV hash, written once per index and cache TTL). Templates are installed before the
 * first write. {@link #flush()} refreshes what was written.
 */
public final class ElasticsearchSpanWriter implements SpanWriter {

  /** How a span's trace ID is spelled in its document. */
  @SuppressWarnings("ImmutableEnumChecker") // the functions are stateless
  public enum TraceIdSpelling {
    /** Jaeger v1 (and v2 before 2.7): 16 characters when the high bits are zero, else 32. */
    JAEGER_V1(TraceId::toString),
    /** Jaeger v2 since 2.7: always 32 characters. */
    PADDED_32(TraceId::toPaddedHex),
    /** Jaeger before 1.16: leading zeros stripped. */
    LEGACY(TraceId::toLegacyHex);

    private final Function<TraceId, String> spell;

    TraceIdSpelling(Function<TraceId, String> spell) {
      this.spell = spell;
    }

    String spell(TraceId id) {
      return spell.apply(id);
    }
  }

  /** Bulk requests stay below this many actions. */
  static final int MAX_ACTIONS_PER_BULK = 2_000;

  private final EsClient client;
  private final IndexRotation rotation;
  private final SpanToDocument mapper;
  private final TemplateInstaller templates;
  private final boolean writeServices;
  private final Cache<String, Boolean> writtenServices;
  private final Set<String> unflushed = ConcurrentHashMap.newKeySet();

  /**
   * @param writeServices whether to write service documents (not in the archive, like Jaeger)
   * @param serviceCacheTtl how long a written service document is not written again ({@code
   *     ES_SERVICE_CACHE_TTL}; Jaeger's default 12h)
   */
  public ElasticsearchSpanWriter(
      EsClient client,
      IndexRotation rotation,
      SpanToDocument mapper,
      TemplateInstaller templates,
      boolean writeServices,
      Duration serviceCacheTtl) {
    this.client = client;
    this.rotation = rotation;
    this.mapper = mapper;
    this.templates = templates;
    this.writeServices = writeServices;
    this.writtenServices =
        Caffeine.newBuilder().expireAfterWrite(serviceCacheTtl).maximumSize(100_000).build();
  }

  @Override
  public void writeSpans(List<Span> spans) {
    writeSpans(spans, TraceIdSpelling.JAEGER_V1);
  }

  /**
   * Writes spans with their trace IDs spelled as another writer would have (tests of mixed data).
   */
  public void writeSpans(List<Span> spans, TraceIdSpelling spelling) {
    if (spans.isEmpty()) {
      return;
    }
    templates.ensureInstalled();
    List<BulkOperation> operations = new ArrayList<>();
    List<String> newServiceKeys = new ArrayList<>();
    for (Span span : spans) {
      Instant start =
          Instant.ofEpochSecond(
              Math.floorDiv(span.startTime(), 1_000_000L),
              Math.floorMod(span.startTime(), 1_000_000L) * 1_000L);
      String spanIndex = rotation.writeIndex(Kind.SPAN, start);
      operations.add(
          BulkOperation.index(
              spanIndex, null, mapper.toDocument(span, spelling.spell(span.traceId()))));
      unflushed.add(spanIndex);
      if (writeServices) {
        ServiceDocument service =
            new ServiceDocument(span.process().serviceName(), span.operationName());
        String serviceIndex = rotation.writeIndex(Kind.SERVICE, start);
        String key = serviceIndex + "/" + service.documentId();
        if (writtenServices.asMap().putIfAbsent(key, Boolean.TRUE) == null) {
          newServiceKeys.add(key);
          operations.add(BulkOperation.index(serviceIndex, service.documentId(), service));
          unflushed.add(serviceIndex);
        }
      }
      if (operations.size() >= MAX_ACTIONS_PER_BULK) {
        send(operations, newServiceKeys);
        operations = new ArrayList<>();
        newServiceKeys = new ArrayList<>();
      }
    }
    send(operations, newServiceKeys);
  }

  private void send(List<BulkOperation> operations, List<String> newServiceKeys) {
    if (operations.isEmpty()) {
      return;
    }
    BulkResponse response;
    try {
      response = client.bulk(operations, Map.of());
    } catch (RuntimeException e) {
      newServiceKeys.forEach(writtenServices::invalidate);
      throw e;
    }
    if (response.hasFailures()) {
      // Service documents of this batch may not have been stored: write them again next time.
      newServiceKeys.forEach(writtenServices::invalidate);
      throw bulkFailure("writing spans", response);
    }
  }

  static StorageException bulkFailure(String operation, BulkResponse response) {
    List<BulkResponse.Item> failures = response.failures();
    StringBuilder message =
        new StringBuilder(operation)
            .append(" failed: ")
            .append(failures.size())
            .append(" of ")
            .append(response.items().size())
            .append(" documents were rejected");
    failures.stream()
        .limit(3)
        .forEach(
            f ->
                message
                    .append("; ")
                    .append(f.index())
                    .append(": HTTP ")
                    .append(f.status())
                    .append(f.error() == null ? "" : " " + f.error()));
    return new StorageException(StorageException.Kind.FAILED, message.toString());
  }

  /** Refreshes every index written to since the last flush, making the spans searchable. */
  @Override
  public void flush() {
    if (unflushed.isEmpty()) {
      return;
    }
    List<String> indices = List.copyOf(unflushed);
    client.refresh(indices);
    indices.forEach(unflushed::remove);
  }
}
