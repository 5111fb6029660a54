package io.sightline.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.sightline.grpc.jaeger.v2.GetTraceRequest;
import io.sightline.grpc.jaeger.v2.QueryServiceGrpc;
import io.sightline.grpc.jaeger.v2.SpansResponseChunk;
import io.sightline.testing.search.BenchSearchServer;
import io.sightline.trace.TraceId;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * gRPC {@code GetTrace} against HTTP {@code /api/traces/{id}} ({@code bench/run grpc}, issue #14):
 * the loader writes the demo shop's large traces (10,000 and 100,000 spans by default) into
 * Elasticsearch 8.19, one Sightline (the packaged jar, its gRPC query port on a free port) serves
 * them, and per trace size and concurrency (1 and 4 clients) three ways of fetching the trace are
 * measured in alternating blocks ({@link LoadRunner}): {@code GET /api/traces/{id}} asking for gzip
 * as a browser does (the body drained, not decoded), {@code jaeger.api_v2.QueryService/GetTrace}
 * (its stream of span chunks) and {@code jaeger.api_v3.QueryService/GetTrace} (OTLP {@code
 * TracesData}), both through the generated blocking stubs on one plaintext HTTP/2 channel shared by
 * the clients, as a gRPC client shares it. Every gRPC answer's spans are counted and must be the
 * trace's size (an answer with another count is an error); the HTTP answer is decoded and its spans
 * counted once before measuring.
 *
 * <p>Options: {@code --sizes 10000,100000}, {@code --clients 1,4}, {@code --warmup 5} and {@code
 * --measure 20} (seconds per concurrency and target), {@code --blocks 2}, {@code --heap 2g}
 * (Sightline), {@code --es-heap 1g}. The report (Markdown) goes to standard output.
 */
public final class GrpcBench {

  private static final Pattern SPAN_ID = Pattern.compile("\"spanID\":");
  private static final String BROWSER_ENCODINGS = "gzip, deflate, br, zstd";

  private final Path jar;
  private final Path work;
  private final Path logs;
  private final List<Integer> sizes;
  private final List<Integer> clients;
  private final Duration warmup;
  private final Duration measure;
  private final int blocks;
  private final String heap;
  private final String esHeap;

  private GrpcBench(Path project, Map<String, String> options) throws IOException {
    this.jar = Bench.findJar(project.resolve("target"));
    this.work = project.resolve("target").resolve("bench");
    this.logs = work.resolve("logs");
    this.sizes = ints(options.getOrDefault("--sizes", "10000,100000"));
    this.clients = ints(options.getOrDefault("--clients", "1,4"));
    this.warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("--warmup", "5")));
    this.measure = Duration.ofSeconds(Long.parseLong(options.getOrDefault("--measure", "20")));
    this.blocks = Integer.parseInt(options.getOrDefault("--blocks", "2"));
    this.heap = options.getOrDefault("--heap", "2g");
    this.esHeap = options.getOrDefault("--es-heap", "1g");
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options =
        BenchMain.options(
            args,
            "bench/run grpc [--sizes 10000,100000] [--clients 1,4] [--warmup 5] [--measure 20]"
                + " [--blocks 2] [--heap 2g] [--es-heap 1g]");
    BenchMain.report(() -> new GrpcBench(Path.of("").toAbsolutePath(), options).run());
  }

  private static List<Integer> ints(String list) {
    List<Integer> out = new ArrayList<>();
    for (String n : list.split(",")) {
      out.add(Integer.parseInt(n.trim()));
    }
    return List.copyOf(out);
  }

  /** One trace size, one concurrency, one way of fetching it. */
  private record Row(int size, int clients, String target, Measurement m, long answerBytes) {}

  private String run() throws Exception {
    Instant began = Instant.now();
    String loadBefore = Machine.loadAverage();
    DataSet data =
        new DataSet(
            14, Instant.now().truncatedTo(ChronoUnit.SECONDS), 1_000, Duration.ofDays(1), sizes);
    List<Row> rows = new ArrayList<>();
    try (BenchSearchServer es =
        BenchSearchServer.start(Bench.ES_MAIN, work.resolve("dists"), work, esHeap)) {
      ProcStats esStats = new ProcStats(es.pid().orElseThrow());
      Loader.load(jar, es.url(), data, logs.resolve("grpc-loader.log"));
      int grpcPort = Java.freePort();
      try (SightlineServer sightline =
          SightlineServer.start(
              jar,
              es.url(),
              heap,
              Map.of("sightline.query.grpc.host-port", "127.0.0.1:" + grpcPort),
              logs.resolve("sightline-grpc.log"))) {
        ManagedChannel channel =
            ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort)
                .usePlaintext()
                .maxInboundMessageSize(Integer.MAX_VALUE)
                .build();
        try {
          for (int size : sizes) {
            rows.addAll(measure(sightline, esStats, channel, data.largeTraceId(size), size));
          }
        } finally {
          channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
      }
    }
    return report(rows, began, loadBefore);
  }

  private List<Row> measure(
      SightlineServer sightline, ProcStats esStats, ManagedChannel channel, TraceId id, int size)
      throws Exception {
    ProcStats process = sightline.stats();
    HttpRequest http =
        HttpRequest.newBuilder(sightline.uri("/api/traces/" + id))
            .timeout(Http.REQUEST_TIMEOUT)
            .header("Accept-Encoding", BROWSER_ENCODINGS)
            .GET()
            .build();
    long httpBytes = httpSpans(http, size);
    long v2Bytes = v2(channel, id, size, true);
    long v3Bytes = v3(channel, id, size, true);
    Console.info(
        "trace %s: %,d spans over HTTP (%,d bytes gzip), api_v2 (%,d bytes), api_v3 (%,d bytes)",
        id, size, httpBytes, v2Bytes, v3Bytes);
    List<LoadRunner.Target> targets =
        List.of(
            new LoadRunner.Target("HTTP /api/traces/{id} (gzip)", () -> Http.send(http), process),
            new LoadRunner.Target(
                "gRPC api_v2 GetTrace (chunks)", () -> v2(channel, id, size, false), process),
            new LoadRunner.Target(
                "gRPC api_v3 GetTrace (OTLP)", () -> v3(channel, id, size, false), process));
    long[] bytes = {httpBytes, v2Bytes, v3Bytes};
    LoadRunner runner = new LoadRunner(warmup, measure, 1);
    runner.warmUp(targets, clients.stream().mapToInt(Integer::intValue).max().orElse(1));
    List<Row> rows = new ArrayList<>();
    for (int n : clients) {
      Map<String, Measurement> measured = runner.compare(targets, n, blocks, esStats);
      for (int t = 0; t < targets.size(); t++) {
        String name = targets.get(t).name();
        Measurement m = measured.get(name);
        Console.info(
            "%,d spans, %d client(s), %s: p50 %.0f ms, p99 %.0f ms, %d requests, %d errors,"
                + " Sightline CPU %.1f s%s",
            size,
            n,
            name,
            m.p50Millis(),
            m.p99Millis(),
            m.operations(),
            m.errors(),
            m.cpuSeconds(),
            m.firstError() == null ? "" : " (" + m.firstError() + ")");
        rows.add(new Row(size, n, name, m, bytes[t]));
      }
    }
    return rows;
  }

  /** The HTTP answer decoded once: its spans must be the trace's size; returns its gzip bytes. */
  private static long httpSpans(HttpRequest request, int size) throws Exception {
    HttpResponse<byte[]> response =
        Http.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException(request.uri() + " answered " + response.statusCode());
    }
    boolean gzip =
        response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip");
    String body;
    try (InputStream in =
        gzip
            ? new GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))
            : new java.io.ByteArrayInputStream(response.body())) {
      body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    int spans = 0;
    Matcher m = SPAN_ID.matcher(body);
    while (m.find()) {
      spans++;
    }
    // Each span's references name a spanID too: count the spans' own IDs only.
    int references = count(body, "\"refType\":");
    if (spans - references != size) {
      throw new IOException(
          "HTTP answered " + (spans - references) + " spans, the trace has " + size);
    }
    if (!gzip) {
      Console.info("HTTP answered without gzip");
    }
    return response.body().length;
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      n++;
    }
    return n;
  }

  /**
   * One {@code api_v2} GetTrace: its chunks' spans counted (an error unless the trace's size);
   * returns the answer's serialized bytes when {@code sized}, else 0.
   */
  private static long v2(ManagedChannel channel, TraceId id, int size, boolean sized)
      throws IOException {
    Iterator<SpansResponseChunk> chunks =
        QueryServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(5, TimeUnit.MINUTES)
            .getTrace(
                GetTraceRequest.newBuilder().setTraceId(ByteString.copyFrom(id.toBytes())).build());
    long spans = 0;
    long bytes = 0;
    while (chunks.hasNext()) {
      SpansResponseChunk chunk = chunks.next();
      spans += chunk.getSpansCount();
      bytes += sized ? chunk.getSerializedSize() : 0;
    }
    if (spans != size) {
      throw new IOException("api_v2 GetTrace answered " + spans + " spans of " + size);
    }
    return bytes;
  }

  /** One {@code api_v3} GetTrace, checked and sized as {@link #v2}. */
  private static long v3(ManagedChannel channel, TraceId id, int size, boolean sized)
      throws IOException {
    Iterator<TracesData> answers =
        io.sightline.grpc.jaeger.v3.QueryServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(5, TimeUnit.MINUTES)
            .getTrace(
                io.sightline.grpc.jaeger.v3.GetTraceRequest.newBuilder()
                    .setTraceId(id.toPaddedHex())
                    .build());
    long spans = 0;
    long bytes = 0;
    while (answers.hasNext()) {
      TracesData data = answers.next();
      for (ResourceSpans resource : data.getResourceSpansList()) {
        for (ScopeSpans scope : resource.getScopeSpansList()) {
          spans += scope.getSpansCount();
        }
      }
      bytes += sized ? data.getSerializedSize() : 0;
    }
    if (spans != size) {
      throw new IOException("api_v3 GetTrace answered " + spans + " spans of " + size);
    }
    return bytes;
  }

  private String report(List<Row> rows, Instant began, String loadBefore) {
    StringBuilder out = new StringBuilder();
    out.append("# gRPC GetTrace vs HTTP /api/traces/{id}\n\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%s UTC · %s · %s · Elasticsearch 8.19.0 (heap %s) · Sightline `-Xmx%s` · warm-up %d s,"
                + " measured %d s in %d ABBA blocks per concurrency · load average %s → %s · %.1f"
                + " min\n\n",
            began.toString().substring(0, 16).replace('T', ' '),
            Machine.describe(),
            Machine.gitDescribe(),
            esHeap,
            heap,
            warmup.toSeconds(),
            measure.toSeconds(),
            blocks,
            loadBefore,
            Machine.loadAverage(),
            Duration.between(began, Instant.now()).toSeconds() / 60.0));
    out.append(
        "| spans | clients | request | p50 ms | p99 ms | req/s | requests | errors |"
            + " Sightline CPU s | CPU ms/request | ES CPU s | answer bytes |\n");
    out.append("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      Measurement m = r.m();
      out.append(
          String.format(
              Locale.ROOT,
              "| %,d | %d | %s | %.0f | %.0f | %.2f | %d | %d | %.1f | %.0f | %.1f | %,d |\n",
              r.size(),
              r.clients(),
              r.target(),
              m.p50Millis(),
              m.p99Millis(),
              m.perSecond(),
              m.operations(),
              m.errors(),
              m.cpuSeconds(),
              m.operations() == 0 ? Double.NaN : 1000 * m.cpuSeconds() / m.operations(),
              m.esCpuSeconds(),
              r.answerBytes()));
    }
    out.append(
        "\nCPU s: user + system seconds of Sightline's process (`/proc/<pid>/stat`) over the"
            + " target's measured blocks; CPU ms/request divides it by the requests completed."
            + " answer bytes: the HTTP body as sent (gzip), the gRPC messages' serialized size"
            + " (uncompressed: the channel asks for no compression).\n");
    for (Row r : rows) {
      if (r.m().firstError() != null) {
        out.append("\nFirst error, ")
            .append(r.target())
            .append(", ")
            .append(r.size())
            .append(" spans: ")
            .append(r.m().firstError())
            .append('\n');
      }
    }
    return out.toString();
  }
}
