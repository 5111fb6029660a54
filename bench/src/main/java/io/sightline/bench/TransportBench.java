package io.sightline.bench;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.RequestOptions;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sightline.storage.elasticsearch.ElasticsearchProperties;
import io.sightline.storage.elasticsearch.EsClientFactory;
import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.client.EsResponse;
import io.sightline.testing.search.BenchSearchServer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The transport benchmark ({@code bench/run transport}, issue #16): the same streaming reads sent
 * through (a) Sightline's transport ({@link EsClient}: the JDK's {@code HttpClient}, the body
 * streamed) and (b) the official low-level client ({@code co.elastic.clients:
 * elasticsearch-rest5-client}, Apache HttpClient 5, its default response consumer), each response
 * decoded by the same Jackson streaming pass. The reads: a search answering 1,000 spans, a
 * 10,000-span trace, and the first 5,000-span page of a scroll; one node per server id.
 *
 * <p>Per read and transport: p50 wall time, p50 time to the first hit (how soon a streaming reader
 * can start), the bench process's CPU per request (every thread: the low-level client decodes on
 * its I/O threads; a mean, the clock ticks in 10 ms), bytes allocated per request by all live
 * threads (the low-level client's default consumer holds the whole body), bytes decoded, whether
 * the answer came gzip-compressed, and cancellation: the trace read abandoned after its first 16 KB
 * (JDK: the body closed; low-level client: {@code Cancellable.cancel()} of an asynchronous
 * request), then one more request on the same client.
 *
 * <p>Options: {@code --servers es-8.19.0,os-2.19.1} (any of the harness's six ids), {@code --runs
 * 30}, {@code --warmup 10}, {@code --es-heap 1g}. The report (Markdown) goes to standard output.
 */
public final class TransportBench {

  private static final JsonFactory JSON = new JsonFactory();
  private static final String INDEX = "bench-transport-span";
  private static final int TRACE_SPANS = 10_000;
  private static final int OTHER_SPANS = 20_000;
  private static final int SERVICES = 20;

  private final Path work;
  private final List<String> servers;
  private final int runs;
  private final int warmup;
  private final String heap;

  private TransportBench(Path project, Map<String, String> options) {
    this.work = project.resolve("target").resolve("bench");
    this.servers =
        Arrays.stream(options.getOrDefault("--servers", "es-8.19.0,os-2.19.1").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    this.runs = Integer.parseInt(options.getOrDefault("--runs", "30"));
    this.warmup = Integer.parseInt(options.getOrDefault("--warmup", "10"));
    this.heap = options.getOrDefault("--es-heap", "1g");
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options =
        BenchMain.options(
            args,
            "bench/run transport [--servers es-8.19.0,os-2.19.1] [--runs 30] [--warmup 10]"
                + " [--es-heap 1g]");
    BenchMain.report(() -> new TransportBench(Path.of("").toAbsolutePath(), options).run());
  }

  /** One read: a path and a body. */
  private record Read(String name, String path, String body) {}

  /** What one request measured. */
  private record Sample(
      long wallNanos,
      long firstHitNanos,
      long cpuNanos,
      long allocated,
      long bytes,
      int hits,
      boolean gzip) {}

  private static final List<Read> READS =
      List.of(
          new Read(
              "search, 1,000 spans",
              "/" + INDEX + "/_search",
              "{\"size\":1000,\"query\":{\"term\":{\"process.serviceName\":\"svc-3\"}}}"),
          new Read(
              "trace, 10,000 spans",
              "/" + INDEX + "/_search",
              "{\"size\":10000,\"query\":{\"term\":{\"traceID\":\"big\"}},\"sort\":[\"startTime\"]}"),
          new Read(
              "scroll page, 5,000 spans",
              "/" + INDEX + "/_search?scroll=1m",
              "{\"size\":5000,\"sort\":[\"_doc\"]}"));

  private String run() throws Exception {
    Instant began = Instant.now();
    StringBuilder out = new StringBuilder();
    out.append("# Transport: JDK HttpClient (today) vs elasticsearch-rest5-client\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "%s, %d runs after %d warm-up, load average %s at" + " start, %d cores\n\n",
                began,
                runs,
                warmup,
                loadAverage(),
                Runtime.getRuntime().availableProcessors()))
        .append(
            "| server | read | transport | p50 ms | p50 first hit ms | CPU ms/req (mean)"
                + " | MB allocated/req (p50, all threads) | MB decoded"
                + " | hits | gzip |\n")
        .append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    StringBuilder cancels = new StringBuilder();
    for (String id : servers) {
      try (BenchSearchServer node = BenchSearchServer.start(id, work.resolve("dists"), work, heap);
          Rest5Client rest = Rest5Client.builder(node.url()).setCompressionEnabled(true).build()) {
        EsClient jdk =
            EsClientFactory.create(
                ElasticsearchProperties.Connection.of(List.of(node.url().toString())));
        TransportData.load(jdk, INDEX, TRACE_SPANS, OTHER_SPANS, SERVICES);
        Console.info("%s: %,d spans loaded", id, TRACE_SPANS + OTHER_SPANS);
        for (Read read : READS) {
          List<Sample> a = new ArrayList<>();
          List<Sample> b = new ArrayList<>();
          for (int i = 0; i < warmup + runs; i++) {
            Sample x = viaJdk(jdk, read);
            Sample y = viaRest(rest, read, jdk);
            if (i >= warmup) {
              a.add(x);
              b.add(y);
            }
          }
          row(out, id, read, "JDK HttpClient (EsTransport)", a);
          row(out, id, read, "rest5-client (default consumer)", b);
          Console.info("%s: %s done", id, read.name());
        }
        cancels.append(
            TransportCancel.probe(id, jdk, rest, READS.get(1).path(), READS.get(1).body()));
      }
    }
    out.append("\nCancellation (the trace read abandoned after 16 KB, then one more request):\n\n")
        .append(cancels)
        .append(
            String.format(
                Locale.ROOT,
                "\nTook %d s.\n",
                java.time.Duration.between(began, Instant.now()).toSeconds()));
    return out.toString();
  }

  private static Sample viaJdk(EsClient client, Read read) throws IOException {
    long cpu = cpuNanos();
    long allocated = allocatedBytes();
    long start = System.nanoTime();
    String[] pathAndQuery = read.path().split("\\?", 2);
    Map<String, String> params = pathAndQuery.length == 1 ? Map.of() : Map.of("scroll", "1m");
    try (EsResponse response =
        client.execute(
            "POST",
            pathAndQuery[0],
            params,
            read.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      boolean gzip =
          response.header("Content-Encoding").map("gzip"::equalsIgnoreCase).orElse(false);
      return decode(response.body(), start, cpu, allocated, gzip, client);
    }
  }

  private static Sample viaRest(Rest5Client client, Read read, EsClient clearWith)
      throws IOException {
    long cpu = cpuNanos();
    long allocated = allocatedBytes();
    long start = System.nanoTime();
    Request request = new Request("POST", read.path().split("\\?", 2)[0]);
    if (read.path().contains("scroll=")) {
      request.addParameter("scroll", "1m");
    }
    request.setJsonEntity(read.body());
    // Asked for explicitly, as EsTransport does (the builder's compression flag alone did not).
    request.setOptions(RequestOptions.DEFAULT.toBuilder().addHeader("Accept-Encoding", "gzip"));
    var response = client.performRequest(request);
    String encoding = response.getHeader("Content-Encoding");
    try (InputStream in = response.getEntity().getContent()) {
      // The client has already decompressed when the server compressed (GzipDecompressingEntity).
      return decode(
          in, start, cpu, allocated, encoding != null && encoding.contains("gzip"), clearWith);
    }
  }

  /** The common decoder: one Jackson streaming pass, counting hits and bytes. */
  private static Sample decode(
      InputStream body, long start, long cpu, long allocated, boolean gzip, EsClient clearWith)
      throws IOException {
    Counting in = new Counting(body);
    long firstHit = 0;
    int hits = 0;
    String scrollId = null;
    try (JsonParser parser = JSON.createParser(in)) {
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        if (t == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          if (name.equals("_id")) {
            if (hits++ == 0) {
              firstHit = System.nanoTime() - start;
            }
          } else if (name.equals("_scroll_id")) {
            parser.nextToken();
            scrollId = parser.getText();
          }
        }
      }
    }
    long wall = System.nanoTime() - start;
    long cpuUsed = cpuNanos() - cpu;
    long allocatedNow = allocatedBytes() - allocated;
    if (scrollId != null) {
      TransportData.clearScroll(clearWith, scrollId);
    }
    return new Sample(wall, firstHit, cpuUsed, allocatedNow, in.count, hits, gzip);
  }

  private static void row(
      StringBuilder out, String id, Read read, String transport, List<Sample> samples) {
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %s | %.1f | %.1f | %.1f | %.1f | %.2f | %,d | %s |\n",
            id,
            read.name(),
            transport,
            p50(samples.stream().mapToLong(Sample::wallNanos).toArray()) / 1e6,
            p50(samples.stream().mapToLong(Sample::firstHitNanos).toArray()) / 1e6,
            samples.stream().mapToLong(Sample::cpuNanos).average().orElse(0) / 1e6,
            p50(samples.stream().mapToLong(Sample::allocated).toArray()) / 1e6,
            samples.get(0).bytes() / 1e6,
            samples.get(0).hits(),
            samples.get(0).gzip() ? "yes" : "no"));
  }

  private static double p50(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** CPU of the whole bench process (every thread, the low-level client's I/O threads too). */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Bytes allocated so far by the bench's live threads (the client's I/O threads too). */
  private static long allocatedBytes() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      if (bytes > 0) {
        sum += bytes;
      }
    }
    return sum;
  }

  private static String loadAverage() {
    return String.format(
        Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** Counts the bytes read (decoded bytes: after gzip). */
  private static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
