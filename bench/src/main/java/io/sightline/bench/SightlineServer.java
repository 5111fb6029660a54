package io.sightline.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sightline from its packaged jar ({@code java -jar target/sightline-*.jar}), reading one
 * Elasticsearch through Jaeger's variables, on free ports.
 */
final class SightlineServer implements AutoCloseable {

  private final ChildProcess process;
  private final URI base;
  private double startSeconds;
  private final String heap;

  private SightlineServer(ChildProcess process, URI base, String heap) {
    this.process = process;
    this.base = base;
    this.heap = heap;
  }

  /**
   * Starts Sightline and waits until {@code /api/services} answers.
   *
   * @param heap the {@code -Xmx} value, e.g. {@code 1g}
   * @param properties extra Spring properties ({@code --name=value})
   */
  static SightlineServer start(
      Path jar, URI elasticsearch, String heap, Map<String, String> properties, Path log)
      throws IOException {
    return start(jar, elasticsearch, heap, properties, log, false);
  }

  /**
   * As above; with {@code jfr}, a Flight Recording (profiling settings) is written beside the log
   * when the process stops ({@code <log without .log>.jfr}).
   */
  static SightlineServer start(
      Path jar,
      URI elasticsearch,
      String heap,
      Map<String, String> properties,
      Path log,
      boolean jfr)
      throws IOException {
    int port = Java.freePort();
    int adminPort = Java.freePort();
    List<String> command = new ArrayList<>();
    command.add(Java.executable());
    command.add("-Xms" + heap);
    command.add("-Xmx" + heap);
    if (jfr) {
      String name = log.getFileName().toString().replaceFirst("\\.log$", "") + ".jfr";
      command.add(
          "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
              + log.resolveSibling(name));
    }
    command.add("-jar");
    command.add(jar.toString());
    command.add("--server.port=" + port);
    command.add("--management.server.port=" + adminPort);
    properties.forEach((k, v) -> command.add("--" + k + "=" + v));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SPAN_STORAGE_TYPE", "elasticsearch");
    env.put("ES_SERVER_URLS", elasticsearch.toString());
    for (String unset : List.of("ES_INDEX_PREFIX", "QUERY_BASE_PATH", "ES_TAGS_AS_FIELDS_ALL")) {
      env.put(unset, null);
    }
    long started = System.nanoTime();
    ChildProcess process = ChildProcess.start("sightline", command, env, log);
    URI base = URI.create("http://127.0.0.1:" + port);
    try {
      process.await(() -> Http.status(base.resolve("/api/services")) == 200, Duration.ofMinutes(3));
    } catch (IOException | RuntimeException e) {
      process.close();
      throw e;
    }
    SightlineServer server = new SightlineServer(process, base, heap);
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

  String heap() {
    return heap;
  }

  @Override
  public void close() {
    process.close();
  }
}
