package io.sightline.testing;

import io.sightline.demo.DemoProfile;
import io.sightline.demo.DemoTraceGenerator;
import io.sightline.testing.search.IndexPrefix;
import io.sightline.testing.search.SearchServer;
import io.sightline.trace.Trace;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Demo shop traces written into a real search server by Sightline's loader ({@code java -jar … load
 * --generate}, so templates, daily indices, service entries and a dependencies document per day are
 * exactly what the loader writes), and the packaged jar serving them with Jaeger's variables, as it
 * would run in place of jaeger-query. The same traces are generated here from the same seed and
 * "now", so tests know what the server must answer.
 */
public final class LoadedSightline implements AutoCloseable {

  private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration STARTUP = Duration.ofMinutes(3);

  private final PackagedJar.Server server;
  private final List<Trace> traces;
  private final Instant now;

  private LoadedSightline(PackagedJar.Server server, List<Trace> traces, Instant now) {
    this.server = server;
    this.traces = traces;
    this.now = now;
  }

  /**
   * Loads request traces of about {@code spans} spans in all over the {@code window} before now
   * (seed {@code seed}), then starts the server on them.
   */
  public static LoadedSightline start(
      SearchServer search, IndexPrefix prefix, long seed, long spans, Duration window)
      throws IOException, InterruptedException {
    Loaded loaded = load(search, prefix, seed, spans, window);
    PackagedJar.Server server = PackagedJar.startServer(loaded.environment(), STARTUP);
    return new LoadedSightline(server, loaded.traces(), loaded.now());
  }

  /**
   * What {@link #load} wrote.
   *
   * @param environment the jar's environment for this server and prefix (mutable: a test may add
   *     settings before it starts its own server on the data)
   * @param traces the request traces, regenerated from the same seed and now
   * @param now the loader's "now"
   */
  public record Loaded(Map<String, String> environment, List<Trace> traces, Instant now) {}

  /**
   * Runs the packaged loader: request traces of about {@code spans} spans in all over the {@code
   * window} before now (seed {@code seed}), plus {@code extraArgs} (e.g. {@code --large-trace
   * 10000}); and regenerates the request traces it wrote.
   */
  public static Loaded load(
      SearchServer search,
      IndexPrefix prefix,
      long seed,
      long spans,
      Duration window,
      String... extraArgs)
      throws IOException, InterruptedException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Map<String, String> env = environment(search, prefix);
    String days = String.format(Locale.ROOT, "%.6f", window.toSeconds() / 86_400.0);
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "load",
                "--generate",
                "--spans",
                Long.toString(spans),
                "--days",
                days,
                "--seed",
                Long.toString(seed),
                "--now",
                now.toString(),
                "--progress",
                "0"));
    args.addAll(List.of(extraArgs));
    PackagedJar.Result load = PackagedJar.run(env, LOAD_TIMEOUT, args);
    if (load.exitCode() != 0) {
      throw new IllegalStateException("the loader failed: " + load);
    }
    // The loader's own arithmetic for the window: days as given, in whole seconds.
    Duration loaded = Duration.ofSeconds(Math.round(Double.parseDouble(days) * 86_400));
    List<Trace> traces =
        new DemoTraceGenerator(seed, Clock.fixed(now, ZoneOffset.UTC), DemoProfile.SHOP)
            .tracesWithSpans(spans, loaded)
            .toList();
    return new Loaded(env, traces, now);
  }

  /**
   * Jaeger's variables for a jar (server or loader) on this search server and prefix: the storage
   * type of the server's product, 1 shard and 0 replicas; a fresh, mutable map.
   */
  public static Map<String, String> environment(SearchServer search, IndexPrefix prefix) {
    Map<String, String> env = new HashMap<>();
    env.put("ES_SERVER_URLS", search.url().toString());
    env.put("ES_INDEX_PREFIX", prefix.value());
    env.put("ES_NUM_SHARDS", "1");
    env.put("ES_NUM_REPLICAS", "0");
    env.put(
        "SPAN_STORAGE_TYPE",
        search.version().map(v -> v.isOpenSearch()).orElse(false) ? "opensearch" : "elasticsearch");
    return env;
  }

  /** The running server (port 16686's role on a free port). */
  public PackagedJar.Server server() {
    return server;
  }

  /** Base URL of the UI and API, without a trailing slash. */
  public String baseUrl() {
    return "http://localhost:" + server.port();
  }

  /** The traces loaded, as generated. */
  public List<Trace> traces() {
    return traces;
  }

  /** The loader's "now": the end of the window the traces were spread over. */
  public Instant now() {
    return now;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
