package io.sightline.storage.elasticsearch.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.trace.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The unsliced scan's fetching one page ahead of decoding, and the tail it reads for it. */
class PageAheadTest {

  /** A point-in-time page as Elasticsearch 8 writes it, hits sorted by traceID, _shard_doc. */
  private static byte[] page(String pit, String... traceIds) {
    StringBuilder hits = new StringBuilder();
    for (int i = 0; i < traceIds.length; i++) {
      hits.append(i == 0 ? "" : ",")
          .append("{\"_index\":\"jaeger-span-2026-12-05\",\"_id\":\"h")
          .append(i)
          .append("\",\"_score\":null,\"_source\":{\"traceID\":\"")
          .append(traceIds[i])
          .append("\",\"spanID\":\"01\",\"tags\":[{\"key\":\"sort\",\"type\":\"string\",")
          .append("\"value\":\"\\\"sort\\\":[\\\"zz\\\",1]\"}],\"tag\":{\"sort\":\"x\"}},")
          .append("\"sort\":[\"")
          .append(traceIds[i])
          .append("\",")
          .append(100 + i)
          .append("]}");
    }
    return ("{\"pit_id\":\""
            + pit
            + "\",\"took\":3,\"timed_out\":false,\"_shards\":{\"total\":5,\"successful\":5,"
            + "\"skipped\":0,\"failed\":0},\"hits\":{\"total\":{\"value\":9,\"relation\":\"eq\"},"
            + "\"max_score\":null,\"hits\":["
            + hits
            + "]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theTailIsTheLastHitsSortValuesAndThePointInTime() {
    PageAhead.Tail tail = PageAhead.tail(page("pit-2", "0a", "0b", "0c"));

    assertThat(tail.lastSort()).containsExactly("0c", 102L);
    assertThat(tail.pit()).isEqualTo("pit-2");
  }

  @Test
  void aPageWithoutHitsHasNoTail() {
    PageAhead.Tail tail = PageAhead.tail(page("pit-1"));

    assertThat(tail.lastSort()).isNull();
    assertThat(tail.pit()).isEqualTo("pit-1");
  }

  @Test
  void thePointInTimeAfterTheHitsIsNotLookedFor() {
    byte[] body =
        "{\"hits\":{\"hits\":[{\"_id\":\"a\",\"sort\":[\"0a\",7]}]},\"pit_id\":\"late\"}"
            .getBytes(StandardCharsets.UTF_8);

    PageAhead.Tail tail = PageAhead.tail(body);

    assertThat(tail.lastSort()).containsExactly("0a", 7L);
    assertThat(tail.pit()).isNull();
  }

  @Test
  void fetchesTheNextPageWhileThisOneIsDecodedButNeverTwoAhead() throws Exception {
    List<String> requests = Collections.synchronizedList(new ArrayList<>());
    List<byte[]> pages =
        List.of(page("p1", "01", "02"), page("p2", "03", "04"), page("p3", "05"), page("p4"));
    try (PageAhead ahead =
        new PageAhead(
            "p0",
            (pit, after) -> {
              requests.add(pit + " after " + after);
              return pages.get(requests.size() - 1);
            })) {
      assertThat(PageAhead.tail(ahead.next()).lastSort()).containsExactly("02", 101L);
      // The caller holds page 1 and has not asked for page 2: page 2 is fetched meanwhile, and
      // nothing beyond it.
      awaitRequests(requests, 2);
      TimeUnit.MILLISECONDS.sleep(200);
      assertThat(requests).containsExactly("p0 after null", "p1 after [02, 101]");

      assertThat(PageAhead.tail(ahead.next()).lastSort()).containsExactly("04", 101L);
      assertThat(PageAhead.tail(ahead.next()).lastSort()).containsExactly("05", 100L);
      assertThat(PageAhead.tail(ahead.next()).lastSort()).isNull();
      assertThat(requests)
          .containsExactly(
              "p0 after null", "p1 after [02, 101]", "p2 after [04, 101]", "p3 after [05, 100]");
    }
  }

  @Test
  void aFailedFetchIsThrownToTheCallerWhenItAsksForThatPage() {
    try (PageAhead ahead =
        new PageAhead(
            "p0",
            (pit, after) -> {
              if (after != null) {
                throw new StorageException(
                    StorageException.Kind.UNAVAILABLE, "search_after failed", null);
              }
              return page("p1", "01");
            })) {
      assertThat(PageAhead.tail(ahead.next()).lastSort()).containsExactly("01", 100L);
      assertThatThrownBy(ahead::next)
          .isInstanceOf(StorageException.class)
          .hasMessage("search_after failed");
    }
  }

  private static void awaitRequests(List<String> requests, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (requests.size() < n && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }
}
