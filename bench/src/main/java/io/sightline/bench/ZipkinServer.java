package io.sightline.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Zipkin 3.5.1 ({@code io.zipkin:zipkin-server:3.5.1:exec}) on Elasticsearch storage, on a free
 * port. Its query lookback (which also bounds its service and span-name lookups) is set to the data
 * set's window so that it sees what Sightline sees.
 */
final class ZipkinServer implements AutoCloseable {

  private final ChildProcess process;
  private final URI base;
  private double startSeconds;

  private ZipkinServer(ChildProcess process, URI base) {
    this.process = process;
    this.base = base;
  }

  static ZipkinServer start(Path jar, URI elasticsearch, String heap, Duration lookback, Path log)
      throws IOException {
    return start(jar, elasticsearch, heap, lookback, log, Map.of());
  }

  /**
   * As above, with more environment variables (the feeding Zipkin raises {@code ES_TIMEOUT}: its
   * default of 10 s drops whole bulk requests, silently, on a busy machine).
   */
  static ZipkinServer start(
      Path jar,
      URI elasticsearch,
      String heap,
      Duration lookback,
      Path log,
      Map<String, String> extraEnv)
      throws IOException {
    int port = Java.freePort();
    List<String> command =
        List.of(Java.executable(), "-Xms" + heap, "-Xmx" + heap, "-jar", jar.toString());
    Map<String, String> env = new LinkedHashMap<>();
    env.put("STORAGE_TYPE", "elasticsearch");
    env.put("ES_HOSTS", elasticsearch.toString());
    env.put("QUERY_PORT", Integer.toString(port));
    env.put("QUERY_LOOKBACK", Long.toString(lookback.toMillis()));
    env.put("JAVA_OPTS", null);
    env.putAll(extraEnv);
    long started = System.nanoTime();
    ChildProcess process = ChildProcess.start("zipkin", command, env, log);
    URI base = URI.create("http://127.0.0.1:" + port);
    try {
      process.await(() -> Http.status(base.resolve("/health")) == 200, Duration.ofMinutes(3));
    } catch (IOException | RuntimeException e) {
      process.close();
      throw e;
    }
    ZipkinServer server = new ZipkinServer(process, base);
    server.startSeconds = Bench.since(started);
    return server;
  }

  /** Seconds from the start of the process until it answered. */
  double startSeconds() {
    return startSeconds;
  }

  URI uri(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }

  ProcStats stats() {
    return process.stats();
  }

  @Override
  public void close() {
    process.close();
  }
}
