package io.sightline.bench;

import io.sightline.bench.OverloadLoad.Outcome;
import io.sightline.bench.OverloadLoad.Phase;
import io.sightline.bench.OverloadLoad.Stream;
import io.sightline.bench.OverloadLoad.Tally;
import io.sightline.trace.TraceId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue #12's overload target: Sightline with {@code -Xmx512m} (default read budget) under 16
 * closed-loop clients fetching the largest trace and 16 searching 1,500 traces at once, plus one
 * client asking {@code /api/services} every 20 ms; then the same mix replayed as raw Elasticsearch
 * requests at the same concurrency (the floor), in alternating blocks (Sightline, raw, raw,
 * Sightline …). Reported: answers by outcome, {@code OutOfMemoryError} lines in Sightline's log,
 * spans per second of complete answers against raw Elasticsearch's, and {@code /api/services}
 * latency during the load.
 */
final class OverloadBench {

  /** Found by {@code --scenarios overload}. */
  static final String NAME = "overload";

  static final String HEAP = "512m";
  static final int FETCH_CLIENTS = 16;
  static final int SEARCH_CLIENTS = 16;
  static final Duration SERVICES_PAUSE = Duration.ofMillis(20);

  /** Search limit of the full run and of a quick run. */
  static final int LIMIT = 1500;

  static final int QUICK_LIMIT = 300;

  private final Path jar;
  private final URI es;
  private final ProcStats esStats;
  private final Path log;
  private final boolean jfr;
  private final Duration block;
  private final int blocks;

  OverloadBench(BenchOptions options, Path jar, URI es, ProcStats esStats, Path logs) {
    this.jar = jar;
    this.es = es;
    this.esStats = esStats;
    this.log = logs.resolve("sightline-" + NAME + ".log");
    this.jfr = options.jfr();
    this.block = blockLength(options);
    this.blocks = options.blocks();
  }

  /** Per target and block: a minute (15 s in a quick run), so that many big answers complete. */
  static Duration blockLength(BenchOptions options) {
    return Duration.ofSeconds(options.quick() ? 15 : 60);
  }

  /** The two heavy requests of the mix (the largest trace, the big search), to record. */
  static List<Scenario> parts(DataSet data, Map<Integer, TraceId> largeIds, boolean quick) {
    int size = Collections.max(data.largeTraces());
    int limit = quick ? QUICK_LIMIT : LIMIT;
    return List.of(
        part(
            String.format(Locale.ROOT, "%s: trace by ID: %,d spans", NAME, size),
            "/api/traces/" + largeIds.get(size)),
        part(
            String.format(
                Locale.ROOT, "%s: search limit %d, %d days", NAME, limit, data.window().toDays()),
            "/api/traces" + Scenarios.searchWholeWindow(data, limit)));
  }

  private static Scenario part(String name, String path) {
    return new Scenario(
        name,
        path,
        ResponseSummary.Kind.JAEGER_TRACES,
        Map.of(),
        HEAP,
        true,
        null,
        null,
        null,
        true);
  }

  /** What the run gave: its Markdown section and its lines of the targets summary. */
  record Result(String markdown, List<String> targets) {}

  Result run(List<Scenario> parts, Map<Scenario, List<EsRequest>> recorded) throws Exception {
    Scenario fetch = parts.get(0);
    Scenario search = parts.get(1);
    Map<String, Tally> sightline = new java.util.LinkedHashMap<>();
    Map<String, Tally> raw = new java.util.LinkedHashMap<>();
    double[] seconds = new double[2];
    double[] cpu = new double[2];
    double[] esCpu = new double[2];
    long[] fetchExpected;
    long[] searchExpected;
    double peak;
    try (SightlineServer server = SightlineServer.start(jar, es, HEAP, Map.of(), log, jfr)) {
      fetchExpected = counts(server.uri(fetch.path()));
      searchExpected = counts(server.uri(search.path()));
      Console.info(
          "overload: %s answers %s; %s answers %s",
          fetch.name(), describe(fetchExpected), search.name(), describe(searchExpected));
      List<Stream> product =
          List.of(
              new Stream(
                  "fetch",
                  FETCH_CLIENTS,
                  OverloadLoad.sightline(server.uri(fetch.path()), fetchExpected),
                  Duration.ZERO),
              new Stream(
                  "search",
                  SEARCH_CLIENTS,
                  OverloadLoad.sightline(server.uri(search.path()), searchExpected),
                  Duration.ZERO),
              new Stream(
                  "services",
                  1,
                  OverloadLoad.sightline(server.uri("/api/services"), null),
                  SERVICES_PAUSE));
      List<Stream> floor =
          List.of(
              new Stream(
                  "fetch",
                  FETCH_CLIENTS,
                  OverloadLoad.raw(
                      RecordingProxy.replay(recorded.get(fetch), es), fetchExpected[1]),
                  Duration.ZERO),
              new Stream(
                  "search",
                  SEARCH_CLIENTS,
                  OverloadLoad.raw(
                      RecordingProxy.replay(recorded.get(search), es), searchExpected[1]),
                  Duration.ZERO));
      for (int b = 0; b < blocks; b++) {
        boolean sightlineFirst = b % 2 == 0;
        for (int i = 0; i < 2; i++) {
          boolean isSightline = (i == 0) == sightlineFirst;
          int t = isSightline ? 0 : 1;
          double cpuBefore = server.stats().cpuSeconds();
          double esBefore = esStats.cpuSeconds();
          Phase phase = OverloadLoad.run(isSightline ? product : floor, block);
          seconds[t] += phase.seconds();
          cpu[t] += server.stats().cpuSeconds() - cpuBefore;
          esCpu[t] += esStats.cpuSeconds() - esBefore;
          merge(isSightline ? sightline : raw, phase.tallies());
          Console.info(
              "overload block %d %s: %s",
              b, isSightline ? "Sightline" : "raw", summary(phase.tallies(), phase.seconds()));
        }
      }
      peak = server.stats().peakRssMiB();
    }
    long ooms = outOfMemoryLines(log);
    return new OverloadReport(
            fetch.name(), search.name(), sightline, raw, seconds, cpu, esCpu, peak, ooms, block)
        .result(blocks);
  }

  /** Traces and spans of one answer, alone (before the load): what every 200 must hold. */
  private static long[] counts(URI uri) throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        Http.client()
            .send(
                HttpRequest.newBuilder(uri).timeout(Http.REQUEST_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException(
            "GET " + uri + " answered " + response.statusCode() + " alone, before any load");
      }
      return ResponseSummary.jaegerTraces(in);
    }
  }

  private static String describe(long[] counts) {
    return String.format(Locale.ROOT, "%,d traces / %,d spans", counts[0], counts[1]);
  }

  private static void merge(Map<String, Tally> into, Map<String, Tally> phase) {
    phase.forEach((name, tally) -> into.computeIfAbsent(name, Tally::new).merge(tally));
  }

  private static String summary(Map<String, Tally> tallies, double seconds) {
    List<String> parts = new ArrayList<>();
    tallies.forEach(
        (name, t) ->
            parts.add(
                String.format(
                    Locale.ROOT,
                    "%s %s p99=%s",
                    name,
                    t.counts,
                    Report.millis(t.percentileMillis(99)))));
    return String.format(Locale.ROOT, "%.0f s: %s", seconds, String.join("; ", parts));
  }

  /** Lines of the log that name {@code OutOfMemoryError}. */
  static long outOfMemoryLines(Path log) throws IOException {
    if (!Files.exists(log)) {
      return 0;
    }
    try (java.util.stream.Stream<String> lines =
        Files.lines(log, StandardCharsets.ISO_8859_1)
            .filter(line -> line.contains("OutOfMemoryError"))) {
      return lines.count();
    }
  }

  /** Outcomes that are neither a complete 200 nor a 503 with {@code Retry-After}. */
  static int failures(Tally tally) {
    return tally.count(Outcome.INCOMPLETE) + tally.count(Outcome.FAILED);
  }
}
