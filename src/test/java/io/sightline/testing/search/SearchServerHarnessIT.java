package io.sightline.testing.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.client.ServerInfo;
import org.junit.jupiter.api.Test;

/** The harness itself, run like a store's conformance suite: one small subclass. */
@SearchServerTest
class SearchServerHarnessIT extends HarnessContract {

  private final SearchServer server;

  SearchServerHarnessIT(SearchServer server) {
    this.server = server;
  }

  @Override
  protected EsClient client() {
    return server.client();
  }

  @Override
  protected String serverId() {
    return server.id();
  }

  @Test
  void theServerIsTheSelectedRelease() {
    assertThat(server.url().getHost()).isNotBlank();
    ServerInfo info = server.client().serverInfo();
    server
        .version()
        .ifPresent(
            v -> {
              assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
              assertThat(info.version()).isEqualTo(v.version());
              assertThat(info.isOpenSearch()).isEqualTo(v.isOpenSearch());
            });
  }
}
