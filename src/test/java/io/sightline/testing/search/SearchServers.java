package io.sightline.testing.search;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The servers of one test run (one JVM): which ones were selected, and those started so far. Kept
 * in JUnit's root store, which closes it when the run ends; a shutdown hook stops the servers too
 * if the JVM ends another way, and each server's watchdog stops it if the JVM is killed.
 */
final class SearchServers implements AutoCloseable {

  private final HarnessSettings settings;
  private final List<SearchServer> servers = new ArrayList<>();
  private final Map<String, Object> started = new LinkedHashMap<>(); // LocalServer or failure
  private final Thread shutdownHook = new Thread(this::stopAll, "search-servers-shutdown");
  private final Map<Boolean, SecuredSearchServer> secured = new LinkedHashMap<>();
  private SecuredSetup.Pki pki;
  private boolean closed;

  SearchServers(HarnessSettings settings) {
    this.settings = settings;
    if (settings.externalUrl() != null) {
      servers.add(new SearchServer("external", null, this));
    } else {
      for (SearchServerVersion version : settings.servers()) {
        servers.add(new SearchServer(version.id(), version, this));
      }
    }
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  HarnessSettings settings() {
    return settings;
  }

  /** The selected servers, not started yet. */
  List<SearchServer> servers() {
    return List.copyOf(servers);
  }

  /** Starts the server on first use (one at a time); a failed start is not retried. */
  synchronized URI url(SearchServer server) {
    if (closed) {
      throw new IllegalStateException("the test run has ended");
    }
    if (server.version().isEmpty()) {
      return settings.externalUrl();
    }
    Object state = started.get(server.id());
    if (state == null) {
      try {
        state = LocalServer.start(server.version().get(), settings);
      } catch (RuntimeException e) {
        state = e;
      }
      started.put(server.id(), state);
    }
    return urlOf(server.id(), state);
  }

  /**
   * The secured variant (mutual TLS or not) of the first selected Elasticsearch 8+, not started
   * yet; empty when there is none or an external server is used.
   */
  /** The process ID of a started local server; empty for an external one. */
  synchronized OptionalLong pid(SearchServer server) {
    url(server);
    Object state = started.get(server.id());
    return state instanceof LocalServer local ? OptionalLong.of(local.pid()) : OptionalLong.empty();
  }

  synchronized Optional<SecuredSearchServer> secured(boolean mutualTls) {
    if (settings.externalUrl() != null) {
      return Optional.empty();
    }
    Optional<SearchServerVersion> version =
        settings.servers().stream().filter(v -> !v.isOpenSearch() && v.major() >= 8).findFirst();
    if (version.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        secured.computeIfAbsent(
            mutualTls,
            mutual -> {
              if (pki == null) {
                pki =
                    SecuredSetup.Pki.create(
                        LocalServer.serverDirectory(settings.workDir(), Users.isRoot())
                            .resolve("secured-pki"));
              }
              String name = version.get().id() + (mutual ? "-mtls" : "-secured");
              return new SecuredSearchServer(
                  version.get(), new SecuredSetup(name, pki, mutual), this);
            }));
  }

  /** Starts the secured server on first use; a failed start is not retried. */
  synchronized URI securedUrl(SecuredSearchServer server) {
    if (closed) {
      throw new IllegalStateException("the test run has ended");
    }
    Object state = started.get(server.id());
    if (state == null) {
      try {
        state = LocalServer.start(server.version(), settings, server.setup());
      } catch (RuntimeException e) {
        state = e;
      }
      started.put(server.id(), state);
    }
    return urlOf(server.id(), state);
  }

  /**
   * The URL of a started server, or why it cannot be used: its start failed, or it died since (then
   * the failure is recorded once, with its log, so every later test names the cause).
   */
  private URI urlOf(String id, Object state) {
    if (state instanceof LocalServer local) {
      String death = local.deathNotice();
      if (death == null) {
        return local.url();
      }
      System.out.println("[search-harness] " + death);
      local.close(); // lets its watchdog go
      state = new IllegalStateException(death);
      started.put(id, state);
    }
    RuntimeException failure = (RuntimeException) state;
    throw new IllegalStateException(id + " is not available: " + failure.getMessage(), failure);
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down already.
    }
  }

  private synchronized void stopAll() {
    closed = true;
    for (Object state : started.values()) {
      if (state instanceof LocalServer server) {
        server.close();
      }
    }
    started.clear();
  }
}
