package io.sightline.storage.elasticsearch.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import io.sightline.storage.elasticsearch.client.EsErrors;
import io.sightline.storage.elasticsearch.client.JsonCodec;
import io.sightline.storage.elasticsearch.document.SpanDecoder;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.StorageException;
import io.sightline.trace.TraceId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Streaming of {@code _msearch} responses (shapes as Elasticsearch 8 and OpenSearch 2 send them).
 */
class SearchHitsReaderTest {

  private record Hit(int item, String index, String id, Span span, List<Object> sort) {}

  private final List<Hit> hits = new ArrayList<>();
  private final List<long[]> totals = new ArrayList<>();

  private void read(String json) throws Exception {
    try (JsonParser p = JsonCodec.mapper().createParser(json)) {
      new SearchHitsReader(new SpanDecoder("@"))
          .readMultiSearch(
              p,
              "fetching",
              new SearchHitsReader.Sink() {
                @Override
                public void total(int item, long total) {
                  totals.add(new long[] {item, total});
                }

                @Override
                public TraceId traceId(int item) {
                  return new TraceId(0, 0x77);
                }

                @Override
                public void hit(int item, String index, String id, Span span, List<Object> sort) {
                  hits.add(new Hit(item, index, id, span, sort));
                }
              });
    }
  }

  @Test
  void streamsHitsOfEveryItem() throws Exception {
    read(
        """
        {"took":5,"responses":[
          {"took":3,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
           "hits":{"total":{"value":2,"relation":"eq"},"max_score":null,"hits":[
             {"_index":"jaeger-span-2024-05-01","_id":"a1","_score":null,
              "_source":{"traceID":"01","spanID":"02","startTime":5,"operationName":"op","extra":{"x":[1]}},
              "sort":[5,"02"]},
             {"_index":"jaeger-span-2024-05-01","_id":"a2","_score":null,
              "_source":{"traceID":"01","spanID":"03","startTime":"later"},"sort":[6,"03"]},
             {"_index":"jaeger-span-2024-05-01","_id":"a3","_score":null,
              "_source":{"traceID":"xx","spanID":"04","startTime":7},"sort":[7,"04"]}]},
           "status":200},
          {"took":1,"timed_out":false,"_shards":{"total":0,"successful":0,"skipped":0,"failed":0},
           "hits":{"total":0,"max_score":0.0,"hits":[]},"status":200}]}
        """);
    assertThat(totals).extracting(t -> t[0] + ":" + t[1]).containsExactly("0:2", "1:0");
    assertThat(hits).hasSize(3);
    Hit first = hits.get(0);
    assertThat(first.item()).isZero();
    assertThat(first.index()).isEqualTo("jaeger-span-2024-05-01");
    assertThat(first.id()).isEqualTo("a1");
    assertThat(first.span().spanId()).isEqualTo(new SpanId(2));
    assertThat(first.span().traceId()).isEqualTo(new TraceId(0, 1));
    assertThat(first.span().operationName()).isEqualTo("op");
    assertThat(first.span().startTime()).isEqualTo(5);
    assertThat(first.sort()).containsExactly(5L, "02");
    Span second = hits.get(1).span();
    assertThat(second.startTime()).isZero();
    assertThat(second.warnings()).first().asString().contains("startTime").contains("later");
    // Its trace ID is unreadable: the searched trace's is used.
    assertThat(hits.get(2).span().traceId()).isEqualTo(new TraceId(0, 0x77));
    assertThat(hits.get(2).index()).isSameAs(first.index());
  }

  @Test
  void aFailedItemIsAnError() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"responses":[
                      {"hits":{"total":{"value":0,"relation":"eq"},"hits":[]},"status":200},
                      {"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"Fielddata is disabled on [spanID]"}],
                                "type":"search_phase_execution_exception","reason":"all shards failed"},"status":400}]}
                    """))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "fetching failed: search 2 of the multi-search: HTTP 400: illegal_argument_exception: Fielddata is disabled on [spanID]");
  }

  /**
   * Elasticsearch's 503 while shards recover, inside a multi-search (a trace fetch): unavailable,
   * as the same 503 for a whole search is, and its public message names no index.
   */
  @Test
  void anUnavailableItemIsUnavailableLikeAWholeRequest() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"responses":[
                      {"error":{"root_cause":[],"type":"search_phase_execution_exception",
                                "reason":"all shards failed in [jaeger-span-2024-05-01]"},"status":503}]}
                    """))
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> {
              assertThat(e.kind())
                  .isEqualTo(StorageException.Kind.UNAVAILABLE)
                  .isEqualTo(EsErrors.kindOf(503));
              assertThat(e.publicMessage())
                  .isEqualTo("the trace storage is unavailable (HTTP 503)");
              assertThat(e.hasPrivateDetails()).isTrue();
            })
        .hasMessageContaining("jaeger-span-2024-05-01");
  }

  @Test
  void aFailedShardIsAnError() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    {"responses":[{"_shards":{"total":2,"successful":1,"skipped":0,"failed":1,
                      "failures":[{"shard":0,"index":"jaeger-span-2024-05-01","reason":{"type":"x","reason":"boom"}}]},
                      "hits":{"total":{"value":0,"relation":"eq"},"hits":[]},"status":200}]}
                    """))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("1 of 2 shards failed (jaeger-span-2024-05-01: x: boom)");
  }

  @Test
  void predecessorSortsJustBeforeTheId() {
    assertThat(TraceFetcher.predecessor("0000000000000001")).isEqualTo("0000000000000000\uffff");
    assertThat(TraceFetcher.predecessor("00000000000000a0")).isEqualTo("00000000000000a/\uffff");
    assertThat(TraceFetcher.predecessor("")).isEmpty();
    for (String id : List.of("0000000000000001", "00000000000000a0", "ffffffffffffffff", "abc")) {
      String before = TraceFetcher.predecessor(id);
      assertThat(compareUtf8(before, id)).isNegative();
      // No hex ID of the same length lies between.
      String previousHex = previousHex(id);
      if (previousHex != null) {
        assertThat(compareUtf8(previousHex, before)).isNegative();
      }
    }
  }

  private static String previousHex(String id) {
    long value = Long.parseUnsignedLong(id, 16);
    if (value == 0) {
      return null;
    }
    String hex = Long.toHexString(value - 1);
    return "0".repeat(id.length() - hex.length()) + hex;
  }

  private static int compareUtf8(String a, String b) {
    byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return java.util.Arrays.compareUnsigned(x, y);
  }
}
