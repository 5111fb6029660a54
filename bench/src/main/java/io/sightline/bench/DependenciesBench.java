package io.sightline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.testing.search.BenchSearchServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The {@code dependencies} job's benchmark ({@code bench/run dependencies}, issue #15): per day
 * size (100,000 and 1,000,000 spans by default), one UTC day of demo-shop spans written by
 * Sightline's loader as Jaeger's collector writes them (daily index, Jaeger's template, 5 shards)
 * into Elasticsearch 8.19; then, in turns, the floor — Elasticsearch's own scan of the same spans
 * with the same requests the job sends (a point-in-time, {@code search_after} pages of the same
 * size sorted by {@code traceID} and {@code _shard_doc}, gzip), timed here, the pages drained and
 * not decoded — and the job itself ({@code java -Xmx256m -jar sightline.jar dependencies --day …},
 * the packaged jar), its spans/s (its own summary line: scan and link, without JVM start-up) and
 * its peak RSS ({@code VmHWM} of {@code /proc/<pid>/status}, polled until it exits).
 *
 * <p>One unsliced floor scan per size warms Elasticsearch up first and is not counted.
 *
 * <p>Options: {@code --sizes 100000,1000000}, {@code --runs 2} (floor/job turns per size), {@code
 * --page-size 5000}, {@code --job-heap 256m}, {@code --es-heap 2g}, {@code --slices 1,4} (the
 * slicings measured in turn on the same data: the job's {@code --slices}, and the floor scans the
 * same slices in parallel). The report (Markdown) goes to standard output, progress to standard
 * error.
 *
 * <p>{@code --jars a.jar,b.jar} measures the job of each jar in turn on the same data (before and
 * after a change; default: this build's jar, which also loads the data). Each jar's job also runs
 * once over an empty day, so that its CPU per span leaves out the JVM's start-up: (CPU of the day −
 * CPU of the empty day) ÷ spans.
 *
 * <p>The load writes Jaeger's indices with the loader, as the collector would, but with the span
 * index's translog synced asynchronously and its refreshes off while it lasts (restored, then
 * refreshed and flushed before any scan): no fsync per bulk request and shard, no refresh per
 * second, on a disk shared with other builds.
 */
public final class DependenciesBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SUMMARY =
      Pattern.compile("([\\d,]+) spans in ([\\d,]+) traces read in ([\\d.]+) s");
  private static final Pattern SORT = Pattern.compile("\"sort\":\\[");
  private static final String LOAD_SETTINGS =
      "{\"index\":{\"refresh_interval\":\"-1\",\"translog.durability\":\"async\"}}";
  private static final String LOAD_SETTINGS_RESTORED =
      "{\"index\":{\"refresh_interval\":null,\"translog.durability\":null}}";

  private final Path jar;
  private final List<Path> jobJars;
  private final Path work;
  private final Path logs;
  private final List<Long> sizes;
  private final int runs;
  private final int pageSize;
  private final String jobHeap;
  private final String esHeap;
  private final List<Integer> slicings;
  private final LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(2);

  private DependenciesBench(Path project, Map<String, String> options) throws IOException {
    this.jar = Bench.findJar(project.resolve("target"));
    List<Path> jars = new ArrayList<>();
    for (String j : options.getOrDefault("--jars", "").split(",")) {
      if (!j.isBlank()) {
        jars.add(Path.of(j.trim()).toAbsolutePath());
      }
    }
    this.jobJars = jars.isEmpty() ? List.of(jar) : List.copyOf(jars);
    this.work = project.resolve("target").resolve("bench");
    this.logs = work.resolve("logs");
    List<Long> parsed = new ArrayList<>();
    for (String size : options.getOrDefault("--sizes", "100000,1000000").split(",")) {
      parsed.add(Long.parseLong(size.trim()));
    }
    this.sizes = List.copyOf(parsed);
    this.runs = Integer.parseInt(options.getOrDefault("--runs", "2"));
    this.pageSize = Integer.parseInt(options.getOrDefault("--page-size", "5000"));
    this.jobHeap = options.getOrDefault("--job-heap", "256m");
    this.esHeap = options.getOrDefault("--es-heap", "2g");
    List<Integer> slicing = new ArrayList<>();
    for (String n : options.getOrDefault("--slices", "1").split(",")) {
      slicing.add(Integer.parseInt(n.trim()));
    }
    this.slicings = List.copyOf(slicing);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options =
        BenchMain.options(
            args,
            "bench/run dependencies [--sizes 100000,1000000] [--runs 2] [--page-size 5000]"
                + " [--job-heap 256m] [--es-heap 2g] [--slices 1,4] [--jars a.jar,b.jar]");
    BenchMain.report(() -> new DependenciesBench(Path.of("").toAbsolutePath(), options).run());
  }

  /** One size's figures with one slicing. */
  private record Row(
      String jar,
      double emptyDayCpuSeconds,
      int slices,
      long spans,
      long traces,
      List<Double> floorSeconds,
      List<Double> jobScanSeconds,
      List<Double> jobWallSeconds,
      List<Double> jobCpuSeconds,
      List<Double> peakRssMiB) {}

  private String run() throws Exception {
    Instant began = Instant.now();
    String load = Machine.loadAverage();
    List<Row> rows = new ArrayList<>();
    try (BenchSearchServer es =
        BenchSearchServer.start("es-8.19.0", work.resolve("dists"), work, esHeap)) {
      for (long size : sizes) {
        rows.addAll(measure(es.url(), size));
      }
    }
    return report(rows, began, load);
  }

  private List<Row> measure(URI es, long size) throws Exception {
    String prefix = "deps" + size;
    loadDay(es, prefix, size);
    String index = prefix + "-jaeger-span-" + day;
    post(es, "/" + index + "/_refresh", null);
    long count = JSON.readTree(get(es, "/" + index + "/_count")).path("count").asLong();
    Console.info("%s holds %,d spans", index, count);
    // Warm-up, not counted: the first sorted scan of a fresh index also loads what sorting by
    // traceID needs (a first run measured it at 46 s for 100,000 spans, 15 s once warm).
    Console.info("warm-up scan: %.1f s", floorScan(es, index, count, 1));
    List<Row> rows = new ArrayList<>();
    for (Path jobJar : jobJars) {
      rows.addAll(measureJar(es, prefix, count, jobJar));
    }
    return rows;
  }

  /** Floor and job turns for each slicing with one jar's job. */
  private List<Row> measureJar(URI es, String prefix, long count, Path jobJar) throws Exception {
    String label = jobJars.size() == 1 ? "" : jobJar.toString();
    Job empty = runJob(es, prefix, 0, 1, jobJar, day.minusDays(1));
    Console.info("job over an empty day (start-up): CPU %.1f s", empty.cpuSeconds);
    int n = slicings.size();
    List<List<Double>> floor = lists(n);
    List<List<Double>> scan = lists(n);
    List<List<Double>> wall = lists(n);
    List<List<Double>> cpu = lists(n);
    List<List<Double>> rss = lists(n);
    long traces = 0;
    for (int run = 1; run <= runs; run++) {
      for (int k = 0; k < n; k++) {
        int slices = slicings.get(k);
        double f = floorScan(es, prefix + "-jaeger-span-" + day, count, slices);
        floor.get(k).add(f);
        Console.info(
            "floor, %d slice(s), run %d: %,d spans in %.1f s (%,.0f spans/s)",
            slices, run, count, f, count / f);
        Job job = runJob(es, prefix, run, slices, jobJar, day);
        if (job.spans != count) {
          throw new IOException("the job read " + job.spans + " spans, the index holds " + count);
        }
        traces = job.traces;
        scan.get(k).add(job.scanSeconds);
        wall.get(k).add(job.wallSeconds);
        cpu.get(k).add(job.cpuSeconds);
        rss.get(k).add(job.peakRssMiB);
        Console.info(
            "job %s, %d slice(s), run %d: %,d spans, %,d traces in %.1f s (%,.0f spans/s), wall"
                + " %.1f s, CPU %.1f s, peak RSS %.0f MiB",
            label,
            slices,
            run,
            job.spans,
            job.traces,
            job.scanSeconds,
            job.spans / job.scanSeconds,
            job.wallSeconds,
            job.cpuSeconds,
            job.peakRssMiB);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      rows.add(
          new Row(
              label,
              empty.cpuSeconds,
              slicings.get(k),
              count,
              traces,
              floor.get(k),
              scan.get(k),
              wall.get(k),
              cpu.get(k),
              rss.get(k)));
    }
    return rows;
  }

  private static List<List<Double>> lists(int n) {
    List<List<Double>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ArrayList<>());
    }
    return out;
  }

  /** The day's spans from 01:00 to 23:00 UTC, written by the loader. */
  private void loadDay(URI es, String prefix, long spans) throws Exception {
    Instant now = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(23));
    List<String> command =
        List.of(
            Java.executable(),
            "-Xmx1g",
            "-jar",
            jar.toString(),
            "load",
            "--generate",
            "--spans",
            Long.toString(spans),
            "--days",
            String.format(Locale.ROOT, "%.6f", 22 / 24.0),
            "--seed",
            "15",
            "--now",
            now.toString(),
            "--es",
            es.toString(),
            "--progress",
            "30");
    long started = System.nanoTime();
    ChildProcess loader =
        ChildProcess.start(
            "loader",
            command,
            Map.of("SPAN_STORAGE_TYPE", "elasticsearch", "ES_INDEX_PREFIX", prefix),
            logs.resolve("deps-loader-" + spans + ".log"));
    String index = prefix + "-jaeger-span-" + day;
    boolean fast = loadSettings(es, index, loader);
    int status = loader.waitFor(Duration.ofHours(2));
    if (status != 0) {
      throw new IOException("the loader exited with " + status + ChildProcess.tail(loader.log()));
    }
    Console.info(
        "loaded %,d spans in %.0f s%s",
        spans,
        (System.nanoTime() - started) / 1e9,
        fast ? "" : " (the span index appeared too late for the load settings)");
    // Back to Jaeger's settings before anything is measured; the segments on disk.
    put(es, "/" + index + "/_settings", LOAD_SETTINGS_RESTORED);
    post(es, "/" + index + "/_refresh", null);
    post(es, "/" + index + "/_flush", null);
  }

  /**
   * The load's settings: once the loader has created the day's span index (from Jaeger's template,
   * on its first bulk request), its translog is synced asynchronously and its refreshes are off.
   *
   * @return whether the index appeared while the loader ran
   */
  private static boolean loadSettings(URI es, String index, ChildProcess loader) throws Exception {
    while (loader.isAlive()) {
      try {
        get(es, "/" + index + "/_settings");
      } catch (IOException notYet) {
        ChildProcess.sleep(100);
        continue;
      }
      put(es, "/" + index + "/_settings", LOAD_SETTINGS);
      return true;
    }
    return false;
  }

  private record Job(
      long spans,
      long traces,
      double scanSeconds,
      double wallSeconds,
      double cpuSeconds,
      double peakRssMiB) {}

  private Job runJob(URI es, String prefix, int run, int slices, Path jobJar, LocalDate jobDay)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Java.executable(),
                "-Xmx" + jobHeap,
                "-jar",
                jobJar.toString(),
                "dependencies",
                "--day",
                jobDay.toString(),
                "--es",
                es.toString(),
                "--index-prefix",
                prefix,
                "--page-size",
                Integer.toString(pageSize),
                "--progress",
                "0"));
    if (slices > 1) {
      command.add("--slices");
      command.add(Integer.toString(slices));
    }
    Path log =
        logs.resolve(
            "deps-job-"
                + prefix
                + "-"
                + jobJars.indexOf(jobJar)
                + "-s"
                + slices
                + "-"
                + run
                + (jobDay.equals(day) ? "" : "-empty")
                + ".log");
    long started = System.nanoTime();
    ChildProcess job =
        ChildProcess.start(
            "dependencies", command, Map.of("SPAN_STORAGE_TYPE", "elasticsearch"), log);
    ProcStats stats = job.stats();
    double peak = 0;
    double cpu = 0;
    while (job.isAlive()) {
      double p = stats.peakRssMiB();
      double c = stats.cpuSeconds();
      if (!Double.isNaN(p)) {
        peak = Math.max(peak, p);
      }
      if (!Double.isNaN(c)) {
        cpu = c;
      }
      ChildProcess.sleep(50);
    }
    int status = job.waitFor(Duration.ofMinutes(1));
    double wall = (System.nanoTime() - started) / 1e9;
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Matcher m = SUMMARY.matcher(output);
    if (status != 0 || !m.find()) {
      throw new IOException("the job exited with " + status + ChildProcess.tail(log));
    }
    return new Job(
        Long.parseLong(m.group(1).replace(",", "")),
        Long.parseLong(m.group(2).replace(",", "")),
        Double.parseDouble(m.group(3)),
        wall,
        cpu,
        peak);
  }

  /**
   * Elasticsearch's scan of the index as the job asks for it, timed: seconds from opening the
   * point-in-time to the last page (in parallel slices when {@code --slices} is given).
   */
  private double floorScan(URI es, String index, long expected, int slices) throws Exception {
    long started = System.nanoTime();
    String pit =
        JSON.readTree(post(es, "/" + index + "/_pit?keep_alive=5m&ignore_unavailable=true", null))
            .path("id")
            .asText();
    long read;
    try {
      if (slices <= 1) {
        read = scanSlice(es, pit, -1, slices);
      } else {
        List<Thread> threads = new ArrayList<>();
        long[] counts = new long[slices];
        Exception[] failure = new Exception[1];
        for (int s = 0; s < slices; s++) {
          int slice = s;
          Thread t =
              new Thread(
                  () -> {
                    try {
                      counts[slice] = scanSlice(es, pit, slice, slices);
                    } catch (Exception e) {
                      failure[0] = e;
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
        read = 0;
        for (long c : counts) {
          read += c;
        }
      }
    } finally {
      send("DELETE", es, "/_pit", JSON.writeValueAsString(Map.of("id", pit)));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (read != expected) {
      throw new IOException("the floor scan read " + read + " spans of " + expected);
    }
    return seconds;
  }

  /** One slice's pages (or all of them, for slice {@code -1}); returns the hits read. */
  private long scanSlice(URI es, String pit, int slice, int slices) throws Exception {
    Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    Map<String, Object> query =
        Map.of(
            "range",
            Map.of(
                "startTimeMillis",
                Map.of(
                    "gte", start.toEpochMilli(),
                    "lt", start.plus(Duration.ofDays(1)).toEpochMilli())));
    long read = 0;
    JsonNode after = null;
    while (true) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("size", pageSize);
      body.put("query", query);
      body.put("pit", Map.of("id", pit, "keep_alive", "5m"));
      if (slice >= 0) {
        body.put("slice", Map.of("id", slice, "max", slices));
      }
      body.put("sort", List.of(Map.of("traceID", "asc"), Map.of("_shard_doc", "asc")));
      body.put("track_total_hits", after == null);
      if (after != null) {
        body.put("search_after", after);
      }
      String page = post(es, "/_search", JSON.writeValueAsString(body));
      // Hits are counted by their sort values; the last one's are the next page's start.
      int hits = 0;
      int last = -1;
      Matcher m = SORT.matcher(page);
      while (m.find()) {
        hits++;
        last = m.end() - 1;
      }
      read += hits;
      if (hits < pageSize || last < 0) {
        return read;
      }
      after = JSON.readTree(page.substring(last, page.indexOf(']', last) + 1));
    }
  }

  private static String get(URI es, String path) throws IOException, InterruptedException {
    return send("GET", es, path, null);
  }

  private static String put(URI es, String path, String body)
      throws IOException, InterruptedException {
    return send("PUT", es, path, body);
  }

  private static String post(URI es, String path, String body)
      throws IOException, InterruptedException {
    return send("POST", es, path, body);
  }

  /** A request as the job's client sends it (JSON, gzip accepted); the body as text. */
  private static String send(String method, URI es, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(es.resolve(path))
            .timeout(Http.REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Accept-Encoding", "gzip")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<InputStream> response =
        Http.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
    boolean gzip =
        response
            .headers()
            .firstValue("Content-Encoding")
            .map("gzip"::equalsIgnoreCase)
            .orElse(false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = gzip ? new GZIPInputStream(response.body()) : response.body()) {
      in.transferTo(out);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          method + " " + path + " answered " + response.statusCode() + ": " + text);
    }
    return text;
  }

  private String report(List<Row> rows, Instant began, String loadBefore) {
    StringBuilder out = new StringBuilder();
    out.append("# Dependencies job benchmark\n\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%s UTC · %s · %s · Elasticsearch 8.19.0 (heap %s, one node, 5 shards per daily index)"
                + " · job `-Xmx%s`, page size %,d · load average %s → %s · %.1f min\n\n",
            began.toString().substring(0, 16).replace('T', ' '),
            Machine.describe(),
            Machine.gitDescribe(),
            esHeap,
            jobHeap,
            pageSize,
            loadBefore,
            Machine.loadAverage(),
            Duration.between(began, Instant.now()).toSeconds() / 60.0));
    out.append(
        "| job | spans | traces | slices | floor s (ES scan) | floor spans/s | job s (scan + link) |"
            + " job spans/s | job ÷ floor | job wall s (JVM incl.) | job CPU s | job CPU µs/span"
            + " | job peak RSS MiB |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      double floor = best(r.floorSeconds());
      double job = best(r.jobScanSeconds());
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %,d | %d | %s | %,.0f | %s | %,.0f | %.0f %% | %s | %s | %.1f | %s |\n",
              r.jar().isEmpty() ? "this build" : r.jar(),
              r.spans(),
              r.traces(),
              r.slices(),
              all(r.floorSeconds(), "%.1f"),
              r.spans() / floor,
              all(r.jobScanSeconds(), "%.1f"),
              r.spans() / job,
              100 * floor / job,
              all(r.jobWallSeconds(), "%.1f"),
              all(r.jobCpuSeconds(), "%.1f"),
              1e6 * (best(r.jobCpuSeconds()) - r.emptyDayCpuSeconds()) / r.spans(),
              all(r.peakRssMiB(), "%.0f")));
    }
    out.append(
        "\nSeconds per run, in run order (floor and job alternate). spans/s from each one's best"
            + " run; job ÷ floor is the job's spans/s as a share of the floor's. job CPU µs/span:"
            + " (the lowest job CPU s − the CPU of the same job over an empty day, i.e. its JVM's"
            + " start-up) ÷ spans.\n");
    return out.toString();
  }

  private static double best(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static String all(List<Double> values, String format) {
    List<String> parts = new ArrayList<>();
    for (double v : values) {
      parts.add(String.format(Locale.ROOT, format, v));
    }
    return String.join(" / ", parts);
  }
}
