package io.sightline.testing.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.storage.elasticsearch.client.BulkOperation;
import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.client.EsPaths;
import io.sightline.storage.elasticsearch.client.EsStatusException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An abstract suite in the shape of the storage conformance suite: it knows nothing of servers and
 * asks its subclass for a client. {@link SearchServerHarnessIT} runs it on every selected server,
 * proving that inherited tests, constructor injection and per-test prefixes work that way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class HarnessContract {

  /** Indices made by the first test, by server, to check that they were deleted after it. */
  private static final Map<String, String> CREATED = new ConcurrentHashMap<>();

  private static final Set<String> PREFIXES = ConcurrentHashMap.newKeySet();

  private IndexPrefix prefixBeforeEach;

  /** The store under test: here simply a client. */
  protected abstract EsClient client();

  /** Names the server for bookkeeping across tests. */
  protected abstract String serverId();

  @BeforeEach
  void rememberPrefix(IndexPrefix prefix) {
    prefixBeforeEach = prefix;
  }

  @Test
  @Order(1)
  void aTestOwnsItsPrefix(IndexPrefix prefix) {
    assertThat(prefix).isEqualTo(prefixBeforeEach);
    assertThat(PREFIXES.add(prefix.value())).as("prefix reused: %s", prefix).isTrue();
    assertThat(prefix.value()).startsWith("it-searchserverharnessit-atestownsitsprefix-");
    String index = prefix.index("jaeger-span-2024-05-01");
    client()
        .bulk(List.of(BulkOperation.index(index, "1", Map.of("n", 1))), Map.of("refresh", "true"));
    client().execute("GET", EsPaths.path(index), Map.of(), null).close();
    CREATED.put(serverId(), index);
  }

  @Test
  @Order(2)
  void andItsIndicesAreGoneAfterIt(IndexPrefix prefix) {
    assertThat(PREFIXES.add(prefix.value())).isTrue();
    String earlier = CREATED.get(serverId());
    assertThat(earlier).isNotNull();
    try {
      client().execute("GET", EsPaths.path(earlier), Map.of(), null).close();
      throw new AssertionError(earlier + " still exists");
    } catch (EsStatusException e) {
      assertThat(e.status()).isEqualTo(404);
    }
  }
}
