package io.sightline.testing.search;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    if (state instanceof RuntimeException failure) {
      throw new IllegalStateException(
          server.id() + " is not available: " + failure.getMessage(), failure);
    }
    return ((LocalServer) state).url();
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
