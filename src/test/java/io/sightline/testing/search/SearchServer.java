package io.sightline.testing.search;

import io.sightline.storage.elasticsearch.ElasticsearchProperties;
import io.sightline.storage.elasticsearch.EsClientFactory;
import io.sightline.storage.elasticsearch.client.EsClient;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A search server the current test runs against: one of the locally started releases, or the server
 * named by {@code SIGHTLINE_TEST_ES_URL}. The server starts when a test first asks for its {@link
 * #url()} (or anything built from it) and is shared by every test of this JVM.
 */
public final class SearchServer {

  private final String id;
  private final SearchServerVersion version;
  private final SearchServers registry;
  private EsClient client;

  SearchServer(String id, SearchServerVersion version, SearchServers registry) {
    this.id = id;
    this.version = version;
    this.registry = registry;
  }

  /** {@code es-8.19.0}, {@code os-2.19.1}, or {@code external}. */
  public String id() {
    return id;
  }

  /** The release, or empty for an external server (ask it: {@code client().serverInfo()}). */
  public Optional<SearchServerVersion> version() {
    return Optional.ofNullable(version);
  }

  /**
   * The server's base URL, e.g. {@code http://127.0.0.1:29201}; starts the server if needed.
   *
   * @throws IllegalStateException when it cannot be started (with the end of its log)
   */
  public URI url() {
    return registry.url(this);
  }

  /**
   * The process ID of the server (started if needed), for tests that stop it with {@code SIGSTOP};
   * empty for an external server.
   */
  public OptionalLong pid() {
    return registry.pid(this);
  }

  /** Connection settings for Sightline's client pointing at this server. */
  public ElasticsearchProperties.Connection connection() {
    return ElasticsearchProperties.Connection.of(List.of(url().toString()));
  }

  /** A client for this server, shared by the tests (it is thread-safe). */
  public synchronized EsClient client() {
    if (client == null) {
      client = EsClientFactory.create(connection());
    }
    return client;
  }

  @Override
  public String toString() {
    return id;
  }
}
