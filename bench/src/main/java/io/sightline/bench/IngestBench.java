package io.sightline.bench;

import io.sightline.testing.search.BenchSearchServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OTLP ingest ({@code bench/run ingest}, issue #14) into the embedded store or, with {@code
 * --storage elasticsearch}, into Elasticsearch 8.19 (the integ-test zip from Maven Central, started
 * as the other benches start it, one index prefix per transport): the packaged jar with the
 * embedded store, no demo data and bounds large enough to keep every span, or with {@code
 * SPAN_STORAGE_TYPE=elasticsearch} and {@code COLLECTOR_OTLP_ENABLED=true}; {@code --spans} spans
 * of demo-shop traces as pre-serialized {@code ExportTraceServiceRequest}s ({@link OtlpRequests})
 * sent by {@code --senders} concurrent senders ({@link OtlpSenders}), over OTLP/gRPC and over
 * OTLP/HTTP protobuf in turn, each into a fresh Sightline. Per transport: spans/s from the first
 * send until the admin port's metrics say every accepted span is written, Sightline's CPU seconds
 * over that time (user + system, {@code /proc}), its peak RSS ({@code VmHWM}), the metrics received
 * / refused / written / dropped, Elasticsearch's CPU seconds over the same time, and a check that
 * every accepted span is readable: every trace fetched through {@code /api/traces/{id}} (after a
 * refresh of the span indices), its spans counted.
 *
 * <p>Options: {@code --spans 1000000}, {@code --warmup 200000} (spans sent first, not measured),
 * {@code --batch 512} (spans per request), {@code --senders 4}, {@code --transports grpc,http},
 * {@code --heap 3g} (Sightline's), {@code --storage memory|elasticsearch}, {@code --es-heap 2g},
 * {@code --jfr true} (a profiling Flight Recording per run, in {@code target/bench/logs/}), {@code
 * --jar} (another Sightline jar, e.g. an earlier build to compare).
 */
public final class IngestBench {

  private static final Pattern OPERATION = Pattern.compile("\"operationName\":");

  private final Path jar;
  private final Path logs;
  private final long spans;
  private final long warmup;
  private final int batch;
  private final int senders;
  private final List<String> transports;
  private final String heap;
  private final boolean jfr;
  private final boolean elasticsearch;
  private final String esHeap;

  private IngestBench(Path project, Map<String, String> options) throws IOException {
    this.jar =
        options.containsKey("--jar")
            ? Path.of(options.get("--jar"))
            : Bench.findJar(project.resolve("target"));
    this.warmup = Long.parseLong(options.getOrDefault("--warmup", "200000"));
    this.logs = project.resolve("target").resolve("bench").resolve("logs");
    this.spans = Long.parseLong(options.getOrDefault("--spans", "1000000"));
    this.batch = Integer.parseInt(options.getOrDefault("--batch", "512"));
    this.senders = Integer.parseInt(options.getOrDefault("--senders", "4"));
    this.transports = List.of(options.getOrDefault("--transports", "grpc,http").split(","));
    this.heap = options.getOrDefault("--heap", "3g");
    this.jfr = Boolean.parseBoolean(options.getOrDefault("--jfr", "false"));
    String storage = options.getOrDefault("--storage", "memory");
    if (!List.of("memory", "elasticsearch").contains(storage)) {
      throw new IllegalArgumentException("--storage is memory or elasticsearch, not " + storage);
    }
    this.elasticsearch = storage.equals("elasticsearch");
    this.esHeap = options.getOrDefault("--es-heap", "2g");
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options =
        BenchMain.options(
            args,
            "bench/run ingest [--spans 1000000] [--batch 512] [--senders 4]"
                + " [--transports grpc,http] [--heap 3g] [--storage memory|elasticsearch]"
                + " [--es-heap 2g] [--jfr false]");
    BenchMain.report(() -> new IngestBench(Path.of("").toAbsolutePath(), options).run());
  }

  /** One transport's figures. */
  private record Row(
      String transport,
      long spans,
      long requests,
      long retries,
      double seconds,
      double cpuSeconds,
      double esCpuSeconds,
      double peakRssMiB,
      Metrics metrics,
      long readBack) {}

  private record Metrics(long received, long refused, long written, long dropped, long depth) {
    /** The counts since {@code before} (the dropped count stays the total). */
    Metrics minus(Metrics before) {
      return new Metrics(
          received - before.received,
          refused - before.refused,
          written - before.written,
          dropped,
          depth);
    }
  }

  private String run() throws Exception {
    Instant began = Instant.now();
    long built = System.nanoTime();
    OtlpRequests payload = OtlpRequests.build(spans, batch, 14);
    OtlpRequests warm = OtlpRequests.build(warmup, batch, 15);
    Console.info(
        "built %,d requests: %,d spans, %,d traces, %,d bytes in %.1f s",
        payload.requests().size(),
        payload.spans(),
        payload.traceIds().size(),
        payload.bytes(),
        Bench.since(built));
    List<Row> rows = new ArrayList<>();
    if (!elasticsearch) {
      for (String transport : transports) {
        rows.add(measure(transport.trim(), warm, payload, null));
      }
      return report(rows, payload, began);
    }
    Path work = logs.getParent();
    try (BenchSearchServer es =
        BenchSearchServer.start("es-8.19.0", work.resolve("dists"), work, esHeap)) {
      for (String transport : transports) {
        rows.add(measure(transport.trim(), warm, payload, es));
      }
    }
    return report(rows, payload, began);
  }

  /**
   * One transport into a fresh Sightline; into {@code es} (one index prefix per transport) when not
   * {@code null}, else into the embedded store.
   */
  private Row measure(
      String transport, OtlpRequests warm, OtlpRequests payload, BenchSearchServer es)
      throws Exception {
    int port = Java.freePort();
    int admin = Java.freePort();
    int grpcPort = Java.freePort();
    int httpPort = Java.freePort();
    Path log = logs.resolve("ingest-" + transport + ".log");
    List<String> command =
        new ArrayList<>(List.of(Java.executable(), "-Xms" + heap, "-Xmx" + heap));
    if (jfr) {
      command.add(
          "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
              + logs.resolve("ingest-" + transport + ".jfr"));
    }
    command.addAll(
        List.of(
            "-jar", jar.toString(), "--server.port=" + port, "--management.server.port=" + admin));
    Map<String, String> env = new LinkedHashMap<>();
    for (String unset : List.of("SPAN_STORAGE_TYPE", "ES_SERVER_URLS", "QUERY_BASE_PATH")) {
      env.put(unset, null);
    }
    env.put("SIGHTLINE_DEMO", "false");
    env.put("COLLECTOR_OTLP_ENABLED", "true");
    env.put("COLLECTOR_OTLP_GRPC_HOST_PORT", "127.0.0.1:" + grpcPort);
    env.put("COLLECTOR_OTLP_HTTP_HOST_PORT", "127.0.0.1:" + httpPort);
    String prefix = "ingest-" + transport;
    if (es != null) {
      env.put("SPAN_STORAGE_TYPE", "elasticsearch");
      env.put("ES_SERVER_URLS", es.url().toString());
      env.put("ES_INDEX_PREFIX", prefix);
    } else {
      env.put("MEMORY_MAX_TRACES", "0");
      env.put("SIGHTLINE_MEMORY_MAX_SPANS", Long.toString((warm.spans() + payload.spans()) * 2));
    }
    URI base = URI.create("http://127.0.0.1:" + port);
    URI metricsUri = URI.create("http://127.0.0.1:" + admin + "/metrics");
    try (ChildProcess server = ChildProcess.start("sightline", command, env, log)) {
      server.await(() -> Http.status(base.resolve("/api/services")) == 200, Duration.ofMinutes(5));
      ProcStats stats = server.stats();
      // Warm-up, not measured: the JIT compiles the ingest path first (it costs more CPU than
      // the first 200,000 spans themselves).
      send(transport, grpcPort, httpPort, warm);
      Metrics w = awaitWritten(metricsUri);
      Console.info("%s: warm-up of %,d spans written", transport, w.written);
      ProcStats esStats = es == null ? null : new ProcStats(es.pid().orElseThrow());
      double esCpuBefore = esStats == null ? 0 : esStats.cpuSeconds();
      double cpuBefore = stats.cpuSeconds();
      long started = System.nanoTime();
      OtlpSenders.Sent sent = send(transport, grpcPort, httpPort, payload);
      Metrics m = awaitWritten(metricsUri);
      double seconds = Bench.since(started);
      double cpu = stats.cpuSeconds() - cpuBefore;
      double esCpu = esStats == null ? Double.NaN : esStats.cpuSeconds() - esCpuBefore;
      double rss = stats.peakRssMiB();
      Console.info(
          "%s: %,d spans in %.1f s (%,.0f spans/s), CPU %.1f s, %,d retries; sent in %.1f s",
          transport,
          payload.spans(),
          seconds,
          payload.spans() / seconds,
          cpu,
          sent.retries(),
          sent.seconds());
      if (es != null) {
        // Written means the bulk requests were answered; searchable after the next refresh.
        Http.post(
            es.url().resolve("/" + prefix + "-jaeger-span-*/_refresh"),
            "application/json",
            new byte[0]);
      }
      long readBack = readBack(base, payload.traceIds());
      m = m.minus(w);
      Console.info("%s: %,d spans read back through /api/traces/{id}", transport, readBack);
      return new Row(
          transport,
          payload.spans(),
          sent.requests(),
          sent.retries(),
          seconds,
          cpu,
          esCpu,
          rss,
          m,
          readBack);
    }
  }

  private OtlpSenders.Sent send(String transport, int grpcPort, int httpPort, OtlpRequests set)
      throws Exception {
    return transport.equals("grpc")
        ? OtlpSenders.grpc("127.0.0.1", grpcPort, set.requests(), senders)
        : OtlpSenders.http(
            URI.create("http://127.0.0.1:" + httpPort + "/v1/traces"), set.requests(), senders);
  }

  /** The metrics once every span received is written or refused. */
  private static Metrics awaitWritten(URI metricsUri) throws IOException, InterruptedException {
    Metrics m = metrics(metricsUri);
    while (m.depth > 0 || m.written + m.refused < m.received) {
      ChildProcess.sleep(20);
      m = metrics(metricsUri);
    }
    return m;
  }

  private static Metrics metrics(URI uri) throws IOException, InterruptedException {
    String text = Http.getString(uri);
    return new Metrics(
        metric(text, "sightline_ingest_spans_received_total"),
        metric(text, "sightline_ingest_spans_refused_total"),
        metric(text, "sightline_ingest_spans_written_total"),
        metric(text, "sightline_ingest_spans_dropped_total"),
        metric(text, "sightline_ingest_queue_depth"));
  }

  /** The sum of a Prometheus metric's samples (over its labels). */
  private static long metric(String exposition, String name) throws IOException {
    Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$").matcher(exposition);
    double sum = 0;
    boolean found = false;
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
      found = true;
    }
    if (!found) {
      throw new IOException(name + " is not in /metrics");
    }
    return Math.round(sum);
  }

  /** Every trace through {@code /api/traces/{id}}, its spans counted (2 clients). */
  private static long readBack(URI base, List<String> traceIds) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicLong spans = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    Exception[] failure = new Exception[1];
    for (int c = 0; c < 2; c++) {
      Thread t =
          new Thread(
              () -> {
                int i;
                try {
                  while ((i = next.getAndIncrement()) < traceIds.size()) {
                    String body = Http.getString(base.resolve("/api/traces/" + traceIds.get(i)));
                    Matcher m = OPERATION.matcher(body);
                    while (m.find()) {
                      spans.incrementAndGet();
                    }
                  }
                } catch (Exception e) {
                  failure[0] = e;
                  next.set(traceIds.size());
                }
              });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return spans.get();
  }

  private String report(List<Row> rows, OtlpRequests payload, Instant began) {
    StringBuilder out = new StringBuilder();
    out.append(
        elasticsearch
            ? "# OTLP ingest into Elasticsearch 8.19 (heap " + esHeap + ", one node)\n\n"
            : "# OTLP ingest into the embedded store\n\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%s, %s; after a warm-up of %,d spans: %,d spans in %,d traces, %,d requests of ~%d"
                + " spans (%,d bytes), %d senders, Sightline -Xmx%s; %.0f s in all.%n%n",
            Machine.describe(),
            began,
            warmup,
            payload.spans(),
            payload.traceIds().size(),
            payload.requests().size(),
            batch,
            payload.bytes(),
            senders,
            heap,
            Duration.between(began, Instant.now()).toMillis() / 1000.0));
    out.append(
        "| transport | spans/s | seconds | Sightline CPU s | CPU µs/span | ES CPU s | peak RSS MiB |"
            + " received | refused | written | dropped | retries | read back | zero loss |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Row r : rows) {
      Metrics m = r.metrics;
      boolean ok =
          m.dropped == 0
              && m.received == m.written + m.refused
              && m.written == r.spans
              && r.readBack == r.spans;
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f | %.1f | %.1f | %.1f | %s | %.0f | %,d | %,d | %,d | %,d | %,d | %,d | %s"
                  + " |%n",
              r.transport,
              r.spans / r.seconds,
              r.seconds,
              r.cpuSeconds,
              r.cpuSeconds * 1e6 / r.spans,
              Double.isNaN(r.esCpuSeconds)
                  ? "–"
                  : String.format(Locale.ROOT, "%.1f", r.esCpuSeconds),
              r.peakRssMiB,
              m.received,
              m.refused,
              m.written,
              m.dropped,
              r.retries,
              r.readBack,
              ok ? "yes" : "**NO**"));
    }
    return out.toString();
  }
}
