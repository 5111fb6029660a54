package io.sightline.bench;

import io.sightline.testing.search.BenchSearchServer;
import io.sightline.trace.TraceId;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark driver ({@code bench/run}): starts the servers, loads the data, measures every
 * scenario against Sightline, raw Elasticsearch and Zipkin, runs JMH, and prints the report.
 *
 * <p>The load generator runs in this JVM; Sightline, Zipkin and Elasticsearch are separate
 * processes on the same machine (so they share its cores with the load generator).
 */
public final class Bench {

  static final String ES_MAIN = "es-8.19.0";
  static final String ES_ZIPKIN = "es-7.17.0";

  private final BenchOptions options;
  private final DataSet data;
  private final Report report = new Report();
  private final Path logs;
  private final Path dists;
  private final Path jar;
  private final LoadRunner runner;
  private final Timings timings;
  private final long started = System.nanoTime();

  /** Rows by scenario, target and concurrency, for the targets summary. */
  private final Map<String, Report.Row> rows = new HashMap<>();

  private final List<String> targets = new ArrayList<>();
  private Map<Integer, TraceId> largeIds;

  private Bench(BenchOptions options, Path jar) {
    this.options = options;
    this.data = options.dataSet();
    this.logs = options.work().resolve("logs");
    this.dists = options.work().resolve("dists");
    this.jar = jar;
    this.runner = new LoadRunner(options.warmup(), options.measure(), 1);
    this.timings = new Timings(options.work().resolve("timings.properties"));
  }

  public static void main(String[] args) {
    // Standard output is the report alone: what else prints there (the search-server harness's
    // start lines, Selenium) goes to standard error with the progress.
    java.io.PrintStream stdout = System.out;
    System.setOut(System.err);
    Path project = Path.of("").toAbsolutePath();
    BenchOptions options;
    try {
      options = BenchOptions.parse(args, project);
    } catch (BenchOptions.UsageException e) {
      if (e.getMessage() != null) {
        System.err.println("bench: " + e.getMessage());
      }
      System.err.print(BenchOptions.USAGE);
      System.exit(e.getMessage() == null ? 0 : 2);
      return;
    }
    try {
      Path jar = options.jar() != null ? options.jar() : findJar(project.resolve("target"));
      String markdown = new Bench(options, jar).run();
      if (markdown != null) {
        stdout.println(markdown);
        stdout.flush();
      }
      System.exit(0);
    } catch (Exception e) {
      System.err.println("bench: failed: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }

  /**
   * Runs the benchmark; returns the report (Markdown), or null when only the estimate was asked.
   */
  private String run() throws Exception {
    Files.createDirectories(logs);
    header();
    largeIds = new LinkedHashMap<>();
    for (int size : data.largeTraces()) {
      largeIds.put(size, data.largeTraceId(size));
    }
    estimate();
    if (options.estimateOnly()) {
      return null;
    }
    if (options.runs("es") || options.runs("browser")) {
      elasticsearchPhase();
    }
    if (options.runs("zipkin")) {
      zipkinPhase();
    }
    if (options.runs("jmh")) {
      long t0 = System.nanoTime();
      report.text(JmhSuite.run(options.jmhForks(), options.quick(), logs.resolve("jmh.log")));
      double seconds = since(t0);
      double nominal =
          JmhSuite.BENCHMARKS
              * options.jmhForks()
              * (JmhSuite.warmupIterations(options.quick())
                  + JmhSuite.measurementIterations(options.quick()))
              * JmhSuite.iterationSeconds(options.quick());
      timings.observe("jmh.factor", seconds / nominal);
      timings.phase("JMH", seconds);
    }
    report.header("load average at the end: " + loadAverage());
    report.text(timings.markdown(since(started)));
    if (!targets.isEmpty()) {
      report.text("## Targets (reported, not asserted)\n\n" + String.join("\n", targets));
    }
    String markdown = report.markdown();
    report.write(options.out());
    Console.info("report written to %s", options.out());
    return markdown;
  }

  // ---------------------------------------------------------------- Sightline vs raw (ES 8.19)

  private void elasticsearchPhase() throws Exception {
    Console.info("starting %s (heap %s)", ES_MAIN, options.esHeap());
    long t0 = System.nanoTime();
    try (BenchSearchServer es =
        BenchSearchServer.start(ES_MAIN, dists, options.work(), options.esHeap())) {
      timings.observe("es.start_s", since(t0));
      ProcStats esStats = new ProcStats(es.pid().orElseThrow());
      report.header(
          String.format(
              Locale.ROOT,
              "Elasticsearch %s (integ-test zip, Java %d, heap %s): %s",
              ES_MAIN.substring(3),
              es.javaVersion(),
              options.esHeap(),
              es.url()));
      load(ES_MAIN, es.url());
      boolean pages = hasTracePage(es.url());
      timings.phase("Elasticsearch 8.19: start, load", since(t0));
      List<Scenario> scenarios = selected(Scenarios.all(data, pages, largeIds));
      if (options.runs("es")) {
        long t1 = System.nanoTime();
        Map<Scenario, List<EsRequest>> recorded =
            scenarios.isEmpty() ? Map.of() : record(es.url(), scenarios);
        timings.phase("recording Sightline's Elasticsearch requests", since(t1));
        long t2 = System.nanoTime();
        Report.Section section =
            report.section(
                "Sightline vs raw Elasticsearch " + ES_MAIN.substring(3),
                "Each Sightline request is also replayed as the exact Elasticsearch requests"
                    + " Sightline sent for it (recorded once through a proxy, then sent directly,"
                    + " in order): the floor. Ratio = Sightline p50 ÷ raw p50 at the same"
                    + " concurrency. CPU s: the product's process during the measured phase; ES"
                    + " CPU s: the Elasticsearch node's. Peak RSS: Sightline's VmHWM over the"
                    + " scenario (a fresh process per scenario).",
                "÷ raw p50");
        for (Scenario scenario : scenarios) {
          measureAgainstRaw(section, scenario, es, esStats, recorded.get(scenario));
        }
        timings.phase("Sightline vs raw Elasticsearch", since(t2));
        for (Scenario scenario : scenarios) {
          if (scenario.note() != null && !section.notes.contains(scenario.note())) {
            section.notes.add(scenario.note());
          }
        }
        section.notes.add(
            "Recorded Elasticsearch requests per scenario: "
                + describeRecorded(scenarios, recorded)
                + ".");
        if (!pages) {
          section.notes.add("The trace page is not in this build: its rows are missing.");
        }
        esTargets();
        if (options.scenarios().matcher(OverloadBench.NAME).find()) {
          overload(es.url(), esStats);
        }
      }
      if (options.runs("browser")) {
        if (pages) {
          long t3 = System.nanoTime();
          browserPhase(es.url());
          timings.phase("trace page in Chromium", since(t3));
        } else {
          report.text("## Trace page in Chromium\n\nNot measured: this build has no trace page.");
        }
      }
    }
  }

  /** Issue #12's overload target ({@link OverloadBench}): its section and target lines. */
  private void overload(URI es, ProcStats esStats) throws Exception {
    long t0 = System.nanoTime();
    List<Scenario> parts = OverloadBench.parts(data, largeIds, options.quick());
    Map<Scenario, List<EsRequest>> recorded = record(es, parts);
    OverloadBench.Result result =
        new OverloadBench(options, jar, es, esStats, logs).run(parts, recorded);
    report.text(result.markdown());
    targets.addAll(result.targets());
    timings.phase("overload", since(t0));
  }

  /** Is the trace page in this build? Asked of a short-lived Sightline (while it runs). */
  private boolean hasTracePage(URI es) throws IOException {
    try (SightlineServer sightline =
        SightlineServer.start(
            jar, es, options.heap(), Map.of(), logs.resolve("sightline-probe.log"))) {
      return Http.status(sightline.uri("/trace/" + largeIds.values().iterator().next())) == 200;
    }
  }

  /** Runs each scenario once through the recording proxy and keeps what Sightline sent. */
  private Map<Scenario, List<EsRequest>> record(URI es, List<Scenario> scenarios) throws Exception {
    Map<Scenario, List<EsRequest>> recorded = new LinkedHashMap<>();
    try (RecordingProxy proxy = new RecordingProxy(es);
        SightlineServer sightline =
            SightlineServer.start(
                jar,
                proxy.url(),
                options.heap(),
                Scenarios.NO_NAME_CACHE,
                logs.resolve("sightline-recording.log"))) {
      for (Scenario scenario : scenarios) {
        if (!scenario.raw()) {
          continue;
        }
        long t0 = System.nanoTime();
        Operation request = Http.get(sightline.uri(scenario.path()));
        request.run(); // once unrecorded: one-time requests (server version) stay out
        proxy.start();
        request.run();
        List<EsRequest> requests = proxy.stop();
        recorded.put(scenario, requests);
        Console.info(
            "recorded %s: %s",
            scenario.name(), requests.stream().map(EsRequest::describe).toList());
        Files.writeString(
            logs.resolve("recorded-" + slug(scenario.name()) + ".txt"),
            String.join(
                "\n\n", requests.stream().map(r -> r.describe() + "\n" + r.bodyText()).toList()),
            StandardCharsets.UTF_8);
        timings.observe("recording.per_scenario_s", since(t0));
      }
    }
    return recorded;
  }

  private void measureAgainstRaw(
      Report.Section section,
      Scenario scenario,
      BenchSearchServer es,
      ProcStats esStats,
      List<EsRequest> recorded)
      throws Exception {
    String heap = scenario.heap() == null ? options.heap() : scenario.heap();
    boolean withRaw = recorded != null && !recorded.isEmpty();
    List<Map<String, Measurement>> measured = new ArrayList<>();
    String result;
    double peak;
    long stopping;
    try (SightlineServer server =
        SightlineServer.start(
            jar,
            es.url(),
            heap,
            scenario.properties(),
            logs.resolve("sightline-" + slug(scenario.name()) + ".log"),
            options.jfr())) {
      timings.observe("sightline.start_s", server.startSeconds());
      result = ResponseSummary.fetch(server.uri(scenario.path()), scenario.kind());
      List<LoadRunner.Target> targets = new ArrayList<>();
      targets.add(
          new LoadRunner.Target(
              "sightline", Http.get(server.uri(scenario.path())), server.stats()));
      if (withRaw) {
        targets.add(new LoadRunner.Target("raw", RecordingProxy.replay(recorded, es.url()), null));
      }
      List<Integer> levels = levels(scenario);
      runner.warmUp(targets, warmupClients(scenario));
      for (int clients : levels) {
        measured.add(runner.compare(targets, clients, options.blocks(), esStats));
      }
      peak = server.stats().peakRssMiB();
      stopping = System.nanoTime();
    }
    timings.observe("sightline.stop_s", since(stopping));
    observeLatency(scenario, measured.get(0));
    List<Integer> levels = levels(scenario);
    for (int i = 0; i < levels.size(); i++) {
      int clients = levels.get(i);
      Measurement s = measured.get(i).get("sightline");
      Measurement raw = measured.get(i).get("raw");
      double ratio = raw == null ? Double.NaN : s.p50Millis() / raw.p50Millis();
      add(
          section,
          new Report.Row(
              scenario.name(), "Sightline -Xmx" + heap, clients, s, peak, ratio, result));
      if (raw != null) {
        add(
            section,
            new Report.Row(
                scenario.name(),
                "raw Elasticsearch",
                clients,
                raw,
                Double.NaN,
                Double.NaN,
                recorded.size() + (recorded.size() == 1 ? " request" : " requests")));
      }
    }
  }

  /**
   * The warm-up's concurrency: the highest (it opens every connection), but the lowest for a heavy
   * scenario, where 16 requests of several seconds each would only add minutes of queueing.
   */
  private int warmupClients(Scenario scenario) {
    List<Integer> levels = levels(scenario);
    return scenario.heavy() ? Collections.min(levels) : Collections.max(levels);
  }

  /** Keeps the slowest target's p50 at the lowest concurrency: the next run's estimate. */
  private void observeLatency(Scenario scenario, Map<String, Measurement> lowest) {
    double seconds =
        lowest.values().stream()
                .mapToDouble(Measurement::p50Millis)
                .filter(v -> !Double.isNaN(v))
                .max()
                .orElse(Double.NaN)
            / 1000;
    timings.observe("latency_s." + scenario.name(), seconds);
  }

  /** Loads the data set with Sightline's loader, then refreshes (the spans per second are kept). */
  private void load(String id, URI es) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Loader.load(jar, es, data, logs.resolve("loader-" + id + ".log"));
    settle(es);
    long spans = data.spans() + data.largeTraces().stream().mapToLong(Integer::longValue).sum();
    timings.observe("load." + id + ".spans_per_s", spans / since(t0));
  }

  /**
   * The concurrencies a scenario is measured at: all, except heavy ones in a quick run, and the
   * lowest only for a scenario with its own (small) heap: the 512 MB target is about serving one
   * 100,000-span trace, and 16 of them at once in 512 MB only measure how the JVM fails.
   */
  private List<Integer> levels(Scenario scenario) {
    if ((options.quick() && scenario.heavy()) || scenario.heap() != null) {
      return List.of(Collections.min(options.clients()));
    }
    return options.clients();
  }

  private List<Scenario> selected(List<Scenario> scenarios) {
    return scenarios.stream().filter(s -> options.scenarios().matcher(s.name()).find()).toList();
  }

  private void add(Report.Section section, Report.Row row) {
    section.add(row);
    rows.put(key(row.scenario(), row.target(), row.clients()), row);
  }

  private static String key(String scenario, String target, int clients) {
    return scenario + "|" + (target.startsWith("Sightline") ? "Sightline" : target) + "|" + clients;
  }

  private static String describeRecorded(
      List<Scenario> scenarios, Map<Scenario, List<EsRequest>> recorded) {
    List<String> parts = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      List<EsRequest> requests = recorded.get(scenario);
      if (requests != null) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (EsRequest r : requests) {
          String path = r.pathAndQuery();
          int q = path.indexOf('?');
          String endpoint = path.substring(0, q < 0 ? path.length() : q);
          endpoint = endpoint.substring(endpoint.lastIndexOf('/') + 1);
          counts.merge(r.method() + " " + endpoint, 1, Integer::sum);
        }
        parts.add(scenario.name() + ": " + counts);
      }
    }
    return String.join("; ", parts);
  }

  // ---------------------------------------------------------------- the page in Chromium

  private void browserPhase(URI es) throws Exception {
    StringBuilder out = new StringBuilder();
    StringBuilder views = new StringBuilder();
    out.append("## Trace page in headless Chromium: time until the timeline is usable\n\n");
    out.append(
        "Debian's Chromium (`--headless=new --no-sandbox --disable-gpu"
            + " --disable-background-networking`) through chromedriver, 1280×800. usable = the"
            + " page's `sightlineTrace.timings.painted` (first interactive rows painted, ms since"
            + " navigation start) + the latency of a key press dispatched then (`s`, scroll one"
            + " row: until the next frame after its handler ran). cold = the first load after"
            + " Sightline started (nothing JIT-compiled, trace not cached); warm = median of the"
            + " following loads. Sightline -Xmx"
            + options.heap()
            + ", same machine.\n\n");
    out.append(
        "| trace | loads | cold usable ms | warm usable ms | warm painted ms | warm input ms |"
            + " HTML first byte ms | timeline JSON end ms | timeline JSON |\n");
    out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (int size : data.largeTraces()) {
      // A fresh Sightline per size: the cold load is really cold.
      try (SightlineServer sightline =
              SightlineServer.start(
                  jar,
                  es,
                  options.heap(),
                  Map.of(),
                  logs.resolve("sightline-browser-" + size + ".log"));
          BrowserProbe browser = new BrowserProbe()) {
        timings.observe("browser.start_s", browser.startSeconds());
        URI page = sightline.uri("/trace/" + largeIds.get(size));
        long loading = System.nanoTime();
        List<BrowserProbe.Load> loads = new ArrayList<>();
        for (int i = 0; i < Math.max(2, options.browserLoads()); i++) {
          BrowserProbe.Load load = browser.load(page);
          if (load.spans() != size) {
            throw new IllegalStateException(
                "the page shows " + load.spans() + " spans, not " + size);
          }
          loads.add(load);
          Console.info("browser %,d spans, load %d: %s", size, i, load);
        }
        timings.observe("browser.load_s." + size, since(loading) / loads.size());
        BrowserProbe.Load cold = loads.get(0);
        List<BrowserProbe.Load> warm = loads.subList(1, loads.size());
        out.append(
            String.format(
                Locale.ROOT,
                "| %,d spans | %d | %d | %d | %d | %d | %d | %d | %.1f MiB |%n",
                size,
                loads.size(),
                cold.usable(),
                median(warm, BrowserProbe.Load::usable),
                median(warm, BrowserProbe.Load::painted),
                median(warm, BrowserProbe.Load::inputLatency),
                median(warm, BrowserProbe.Load::htmlFirstByte),
                median(warm, BrowserProbe.Load::jsonEnd),
                cold.jsonBytes() / 1048576.0));
        BrowserViews.measure(browser, page, size, Math.max(2, options.browserLoads()), views);
      }
    }
    report.text(out.toString());
    report.text(views.toString());
  }

  private static long median(
      List<BrowserProbe.Load> loads, java.util.function.ToLongFunction<BrowserProbe.Load> f) {
    long[] values = loads.stream().mapToLong(f).sorted().toArray();
    return values[(values.length - 1) / 2];
  }

  // ---------------------------------------------------------------- Sightline vs Zipkin (ES 7.17)

  private void zipkinPhase() throws Exception {
    Path zipkinJar = dists.resolve("zipkin-server-exec.jar");
    Console.info("starting %s (heap %s) for Zipkin", ES_ZIPKIN, options.esHeap());
    long t0 = System.nanoTime();
    try (BenchSearchServer es =
        BenchSearchServer.start(ES_ZIPKIN, dists, options.work(), options.esHeap())) {
      timings.observe("es.start_s", since(t0));
      ProcStats esStats = new ProcStats(es.pid().orElseThrow());
      report.header(
          String.format(
              Locale.ROOT,
              "Elasticsearch %s for the Zipkin comparison (Java %d, heap %s): %s",
              ES_ZIPKIN.substring(3),
              es.javaVersion(),
              options.esHeap(),
              es.url()));
      load(ES_ZIPKIN, es.url());
      Duration lookback = data.window().plusHours(1);
      ZipkinFeeder.Fed fed;
      try (ZipkinServer zipkin =
          ZipkinServer.start(
              zipkinJar,
              es.url(),
              options.heap(),
              lookback,
              logs.resolve("zipkin-feed.log"),
              Map.of("ES_TIMEOUT", "120000"))) {
        timings.observe("zipkin.start_s", zipkin.startSeconds());
        long feeding = System.nanoTime();
        fed = ZipkinFeeder.feed(zipkin, es.url(), data.allTraces());
        timings.observe("zipkin.feed.spans_per_s", fed.posted() / since(feeding));
      }
      settle(es.url());
      timings.phase("Elasticsearch 7.17: start, load, Zipkin feed", since(t0));
      long t1 = System.nanoTime();
      Report.Section section =
          report.section(
              "Sightline vs Zipkin 3.5.1, both on Elasticsearch " + ES_ZIPKIN.substring(3),
              "The same traces: loaded for Sightline by its loader (Jaeger's indices), and"
                  + " converted to Zipkin's v2 model and posted to Zipkin's collector (Zipkin's"
                  + " indices), in one Elasticsearch node. Both products get the same heap, a fresh"
                  + " process per scenario, and are measured one after the other. Ratio ="
                  + " Sightline p50 ÷ Zipkin p50 at the same concurrency (below 1: Sightline is"
                  + " faster).",
              "÷ Zipkin p50");
      for (Scenario scenario : selected(Scenarios.all(data, false, largeIds))) {
        if (!scenario.sharedWithZipkin()) {
          continue;
        }
        List<Map<String, Measurement>> measured = new ArrayList<>();
        String sightlineResult;
        String zipkinResult;
        double sightlinePeak;
        double zipkinPeak;
        try (SightlineServer sightline =
                SightlineServer.start(
                    jar,
                    es.url(),
                    options.heap(),
                    scenario.properties(),
                    logs.resolve("sightline-es7-" + slug(scenario.name()) + ".log"),
                    options.jfr());
            ZipkinServer zipkin =
                ZipkinServer.start(
                    zipkinJar,
                    es.url(),
                    options.heap(),
                    lookback,
                    logs.resolve("zipkin-" + slug(scenario.name()) + ".log"))) {
          sightlineResult = ResponseSummary.fetch(sightline.uri(scenario.path()), scenario.kind());
          zipkinResult =
              ResponseSummary.fetch(zipkin.uri(scenario.zipkinPath()), scenario.zipkinKind());
          List<LoadRunner.Target> targets =
              List.of(
                  new LoadRunner.Target(
                      "sightline", Http.get(sightline.uri(scenario.path())), sightline.stats()),
                  new LoadRunner.Target(
                      "zipkin", Http.get(zipkin.uri(scenario.zipkinPath())), zipkin.stats()));
          // When Zipkin cannot answer at all (e.g. a response over its 10 MiB client limit),
          // there is nothing to compare: both rows say so instead of measuring errors.
          if (!zipkinResult.startsWith(ResponseSummary.FAILED)) {
            runner.warmUp(targets, warmupClients(scenario));
            for (int clients : levels(scenario)) {
              measured.add(runner.compare(targets, clients, options.blocks(), esStats));
            }
          }
          sightlinePeak = sightline.stats().peakRssMiB();
          zipkinPeak = zipkin.stats().peakRssMiB();
          timings.observe("sightline.start_s", sightline.startSeconds());
          timings.observe("zipkin.start_s", zipkin.startSeconds());
        }
        List<Integer> levels = levels(scenario);
        if (!measured.isEmpty()) {
          observeLatency(scenario, measured.get(0));
        }
        for (int i = 0; i < levels.size(); i++) {
          // Nothing measured when Zipkin failed its one-off request: both rows say so.
          Measurement s = measured.isEmpty() ? Measurement.NONE : measured.get(i).get("sightline");
          Measurement z = measured.isEmpty() ? Measurement.NONE : measured.get(i).get("zipkin");
          String sightlineTarget = "Sightline -Xmx" + options.heap() + " (ES 7.17)";
          add(
              section,
              new Report.Row(
                  scenario.name(),
                  sightlineTarget,
                  levels.get(i),
                  s,
                  sightlinePeak,
                  s.p50Millis() / z.p50Millis(),
                  measured.isEmpty()
                      ? "not measured: Zipkin failed it (next row); Sightline answered "
                          + sightlineResult
                      : sightlineResult));
          add(
              section,
              new Report.Row(
                  scenario.name(),
                  "Zipkin -Xmx" + options.heap(),
                  levels.get(i),
                  z,
                  zipkinPeak,
                  Double.NaN,
                  measured.isEmpty() ? "not measured: " + zipkinResult : zipkinResult));
        }
      }
      section.notes.add(
          "Not apples to apples: Zipkin returns at most 10,000 spans per query (its fixed"
              + " `size`), and its Elasticsearch client refuses responses over 10 MiB (HTTP 500),"
              + " so its large traces and its 1,500-trace search come back incomplete or fail"
              + " while Sightline pages until every span is read (see the result column); Zipkin searches and names read its span index (names by aggregation"
              + " over spans), Sightline reads Jaeger's service index for names; Jaeger's span"
              + " documents (typed tag objects, process) are larger than Zipkin's; Zipkin"
              + " lower-cases span names.");
      if (fed.stored() < fed.posted()) {
        section.notes.add(
            String.format(
                Locale.ROOT,
                "**Zipkin stored only %,d of the %,d spans posted to it** (its collector answers"
                    + " before it stores, and drops what it cannot store): its rows ran on"
                    + " incomplete data.",
                fed.stored(),
                fed.posted()));
      }
      section.notes.add(
          "Zipkin's query lookback (also its names lookback) is set to the data window + 1 h"
              + " (QUERY_LOOKBACK), so both see the same days; Sightline reads names over"
              + " ES_MAX_SPAN_AGE (72 h).");
      timings.phase("Sightline vs Zipkin", since(t1));
      zipkinTargets();
    }
  }

  // ---------------------------------------------------------------- targets

  private void esTargets() {
    for (Scenario s : Scenarios.all(data, false, largeIds)) {
      if (s.name().startsWith("search:")) {
        target(s.name(), "Sightline ÷ raw p50 ≤ 1.2", 1.2);
      }
    }
    if (data.largeTraces().contains(10_000)) {
      target("trace by ID: 10,000 spans", "Sightline ÷ raw p50 ≤ 1.3", 1.3);
    }
    if (data.largeTraces().contains(100_000)) {
      String name = "trace by ID: 100,000 spans, -Xmx512m";
      for (int clients : options.clients()) {
        Report.Row row = rows.get(key(name, "Sightline", clients));
        if (row != null) {
          boolean ok = row.m().errors() == 0 && row.m().operations() > 0;
          targets.add(
              String.format(
                  Locale.ROOT,
                  "- 100,000-span trace with -Xmx512m, %d client(s): %s (%d served, %d errors, p50"
                      + " %s ms, peak RSS %.0f MiB)",
                  clients,
                  ok ? "**met**" : "**missed**",
                  row.m().operations(),
                  row.m().errors(),
                  Report.millis(row.m().p50Millis()),
                  row.peakRssMiB()));
        }
      }
    }
  }

  private void target(String scenario, String what, double limit) {
    for (int clients : options.clients()) {
      Report.Row row = rows.get(key(scenario, "Sightline", clients));
      if (row != null && !Double.isNaN(row.ratio())) {
        targets.add(
            String.format(
                Locale.ROOT,
                "- %s, %d client(s): %s — %.2f: %s",
                scenario,
                clients,
                what,
                row.ratio(),
                row.ratio() <= limit ? "**met**" : "**missed**"));
      }
    }
  }

  private void zipkinTargets() {
    int ahead = 0;
    int total = 0;
    List<String> behind = new ArrayList<>();
    List<String> incomparable = new ArrayList<>();
    for (Report.Row row : rows.values()) {
      if (row.target().startsWith("Sightline") && row.target().contains("7.17")) {
        if (Double.isNaN(row.ratio())) {
          // One of the two answered nothing (e.g. Zipkin's 10 MiB response limit): see its row.
          incomparable.add(String.format(Locale.ROOT, "%s at %d", row.scenario(), row.clients()));
          continue;
        }
        total++;
        if (row.ratio() < 1) {
          ahead++;
        } else {
          behind.add(
              String.format(
                  Locale.ROOT, "%s at %d (%.2f)", row.scenario(), row.clients(), row.ratio()));
        }
      }
    }
    targets.add(
        String.format(
            Locale.ROOT,
            "- ahead of Zipkin (p50) on every shared scenario and concurrency: %s — %d of %d%s%s",
            ahead == total ? "**met**" : "**missed**",
            ahead,
            total,
            behind.isEmpty() ? "" : "; behind on " + String.join(", ", behind),
            incomparable.isEmpty()
                ? ""
                : "; not comparable (a product failed, see its row): "
                    + String.join(", ", incomparable)));
  }

  // ---------------------------------------------------------------- helpers

  /** Prints (and reports) how long this run should take, from the last run's rates. */
  private void estimate() {
    Path file = options.work().resolve("timings.properties");
    Map<String, Double> measured = Timings.load(file);
    List<Scenario> all = selected(Scenarios.all(data, true, largeIds));
    Estimate estimate =
        Estimate.of(
            options,
            measured,
            all,
            all.stream().filter(Scenario::sharedWithZipkin).toList(),
            this::levels,
            JmhSuite.BENCHMARKS);
    String source =
        measured.isEmpty()
            ? "built-in rates of a quick run on a 2-core machine"
            : "rates measured by the last run, " + options.work().relativize(file);
    Console.info("estimated wall time %s; from %s", estimate, source);
    report.header(
        String.format(
            Locale.ROOT,
            "estimated wall time at the start: %s (from %s)",
            Timings.minutes(estimate.totalSeconds()),
            source));
  }

  static double since(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1e9;
  }

  private void header() {
    report.header("date: " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
    report.header("machine: " + Machine.describe());
    report.header("load average at the start: " + loadAverage());
    report.header("JDK (load generator, Sightline, Zipkin): " + Java.version());
    report.header("Sightline: " + jar.getFileName() + " (" + Machine.gitDescribe() + ")");
    report.header("Zipkin: zipkin-server 3.5.1 (exec jar from Maven Central)");
    report.header(
        String.format(
            Locale.ROOT,
            "data: the demo shop (seed %d), %,d spans of request traces over %d days before %s,"
                + " plus single traces of %s spans",
            data.seed(),
            data.spans(),
            data.window().toDays(),
            data.now(),
            data.largeTraces()));
    report.header(
        String.format(
            Locale.ROOT,
            "method: closed-loop clients (JDK HttpClient, HTTP/1.1 keep-alive) in the driver JVM;"
                + " per scenario and concurrency %s, each target warmed up %d s (a product's fresh"
                + " JVM then %d s more at a time, until its JIT compiled in < %.0f %% of its CPU, at"
                + " most %d times), then measured %d s in %d alternating blocks (ABBA) with the"
                + " target it is compared to; products run as separate processes on the same"
                + " machine%s",
            options.clients(),
            options.warmup().toSeconds(),
            options.warmup().toSeconds(),
            LoadRunner.SETTLED_COMPILE_SHARE * 100,
            LoadRunner.MAX_EXTRA_WARMUP_ROUNDS,
            options.measure().toSeconds(),
            options.blocks(),
            options.quick() ? "; QUICK RUN (not for the record)" : ""));
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void refresh(URI es) throws IOException, InterruptedException {
    Http.post(es.resolve("/_refresh"), "application/json", new byte[0]);
  }

  private static final Pattern MERGES_CURRENT =
      Pattern.compile("\"merges\"\\s*:\\s*\\{\\s*\"current\"\\s*:\\s*(\\d+)");

  /**
   * Refreshes, then waits (at most 3 minutes) until no segment merge runs: the merges a bulk load
   * leaves behind would otherwise burn Elasticsearch's CPU during the first measurements.
   */
  private static void settle(URI es) throws IOException, InterruptedException {
    refresh(es);
    long t0 = System.nanoTime();
    long deadline = t0 + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() - deadline < 0) {
      Matcher m = MERGES_CURRENT.matcher(Http.getString(es.resolve("/_stats/merge")));
      if (!m.find() || Long.parseLong(m.group(1)) == 0) {
        break;
      }
      Thread.sleep(1_000);
    }
    Console.info("merges settled after %.0f s", since(t0));
  }

  static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  static Path findJar(Path target) throws IOException {
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "sightline-*.jar")) {
      for (Path jar : jars) {
        if (!jar.getFileName().toString().endsWith("-plain.jar")) {
          return jar;
        }
      }
    }
    throw new IOException("no target/sightline-*.jar: build it first (bench/run does)");
  }
}
