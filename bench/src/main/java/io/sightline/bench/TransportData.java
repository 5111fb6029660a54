package io.sightline.bench;

import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.client.EsResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The transport benchmark's data: Jaeger-shaped span documents (tags, process tags, a reference, a
 * log) in one index with string fields as keywords, written with today's client. One trace holds
 * {@code traceSpans} spans; the others have 10 spans each, spread over {@code services} services.
 */
final class TransportData {

  private static final int BATCH = 2_000;

  private TransportData() {}

  static void load(EsClient client, String index, int traceSpans, int otherSpans, int services)
      throws IOException {
    try {
      client.execute("DELETE", "/" + index, Map.of(), null).close();
    } catch (RuntimeException e) {
      // Not there yet.
    }
    String mapping =
        "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0},"
            + "\"mappings\":{\"dynamic_templates\":[{\"strings\":{\"match_mapping_type\":\"string\","
            + "\"mapping\":{\"type\":\"keyword\"}}}]}}";
    client.execute("PUT", "/" + index, Map.of(), bytes(mapping)).close();
    StringBuilder bulk = new StringBuilder();
    int total = traceSpans + otherSpans;
    for (int i = 0; i < total; i++) {
      boolean big = i < traceSpans;
      String trace = big ? "big" : String.format(Locale.ROOT, "t%07d", (i - traceSpans) / 10);
      String service = "svc-" + (big ? i % services : (i / 10) % services);
      bulk.append("{\"index\":{\"_index\":\"").append(index).append("\"}}\n");
      bulk.append(span(trace, i, service)).append('\n');
      if ((i + 1) % BATCH == 0 || i + 1 == total) {
        try (EsResponse r = client.execute("POST", "/_bulk", Map.of(), bytes(bulk.toString()))) {
          if (r.tree().path("errors").asBoolean()) {
            throw new IOException("bulk request had errors");
          }
        }
        bulk.setLength(0);
      }
    }
    client.refresh(java.util.List.of(index));
  }

  private static String span(String trace, int i, String service) {
    long start = 1_765_000_000_000_000L + i * 1_000L;
    return String.format(
        Locale.ROOT,
        "{\"traceID\":\"%s\",\"spanID\":\"%016x\",\"flags\":1,\"operationName\":\"GET"
            + " /api/items/{id}\",\"references\":[{\"refType\":\"CHILD_OF\",\"traceID\":\"%s\","
            + "\"spanID\":\"%016x\"}],\"startTime\":%d,\"startTimeMillis\":%d,\"duration\":%d,"
            + "\"tags\":[{\"key\":\"span.kind\",\"type\":\"string\",\"value\":\"server\"},"
            + "{\"key\":\"http.method\",\"type\":\"string\",\"value\":\"GET\"},"
            + "{\"key\":\"http.status_code\",\"type\":\"int64\",\"value\":\"200\"},"
            + "{\"key\":\"http.url\",\"type\":\"string\",\"value\":\"http://shop/api/items/%d\"},"
            + "{\"key\":\"component\",\"type\":\"string\",\"value\":\"netty\"}],"
            + "\"logs\":[{\"timestamp\":%d,\"fields\":[{\"key\":\"event\",\"type\":\"string\","
            + "\"value\":\"cache miss\"}]}],\"process\":{\"serviceName\":\"%s\",\"tags\":["
            + "{\"key\":\"hostname\",\"type\":\"string\",\"value\":\"host-%d\"},"
            + "{\"key\":\"ip\",\"type\":\"string\",\"value\":\"10.0.0.%d\"}]}}",
        trace,
        i + 1L,
        trace,
        i + 0L,
        start,
        start / 1000,
        1000 + i % 5000,
        i,
        start + 10,
        service,
        i % 7,
        i % 250);
  }

  static void clearScroll(EsClient client, String scrollId) {
    client
        .execute(
            "DELETE", "/_search/scroll", Map.of(), bytes("{\"scroll_id\":[\"" + scrollId + "\"]}"))
        .close();
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
