package io.sightline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The benchmark's options ({@code bench/run --help}).
 *
 * @param phases which parts run: {@code es} (Sightline vs raw Elasticsearch 8.19, with the trace
 *     page), {@code browser} (the trace page in Chromium), {@code zipkin} (Sightline vs Zipkin on
 *     Elasticsearch 7.17), {@code jmh} (hot paths)
 * @param spans spans of request traces in the data set
 * @param largeTraces sizes of the single large traces
 * @param window how far back the data reaches
 * @param warmup warm-up per scenario and concurrency
 * @param measure measured time per scenario and concurrency
 * @param clients the concurrencies
 * @param blocks how many alternating blocks the measured time is cut into (see {@link
 *     LoadRunner#compare})
 * @param heap the products' heap ({@code -Xmx}), except where a scenario sets its own
 * @param esHeap Elasticsearch's heap
 * @param browserLoads page loads per trace size in Chromium (the first is the cold one)
 * @param jmhForks JMH forks per benchmark
 * @param out the Markdown report
 * @param work where servers, logs and downloads live
 * @param jfr whether the measured Sightline processes write Flight Recordings (profiling)
 * @param scenarios which scenarios run (found in their names)
 * @param estimateOnly print the estimated wall time and stop
 */
record BenchOptions(
    boolean quick,
    Set<String> phases,
    long spans,
    List<Integer> largeTraces,
    Duration window,
    long seed,
    Instant now,
    Duration warmup,
    Duration measure,
    List<Integer> clients,
    int blocks,
    String heap,
    String esHeap,
    int browserLoads,
    int jmhForks,
    Path out,
    Path work,
    Path jar,
    boolean jfr,
    Pattern scenarios,
    boolean estimateOnly) {

  static final Set<String> ALL_PHASES = Set.of("es", "browser", "zipkin", "jmh");

  static final String USAGE =
      """
      Usage: bench/run [options]

      Measures Sightline against raw Elasticsearch (the same requests replayed) and against
      Zipkin 3.5.1 on the same data, and JMH hot paths; prints one report (Markdown) and writes it
      to --out.

        --quick                100k spans, large traces 1k and 10k, 2 s warm-up, 4 s measured,
                               heavy scenarios (1,500 traces, 100k spans) at 1 client only
        --only PHASES          comma-separated: es, browser, zipkin, jmh (default: all)
        --skip PHASES          all but these
        --spans N              spans of request traces (default 1,000,000)
        --large-traces LIST    sizes of single large traces (default 1000,10000,100000)
        --days D               the data's window in days (default 3)
        --seed S               demo generator seed (default 42)
        --warmup SECONDS       warm-up per scenario and target, once, at the highest
                               concurrency (default 5; quick 2)
        --measure SECONDS      measured time per scenario, target and concurrency
                               (default 10; quick 4)
        --clients LIST         concurrent clients (default 1,16)
        --blocks N             alternating measured blocks per target (default 2)
        --heap SIZE            Sightline's and Zipkin's -Xmx (default 1g)
        --es-heap SIZE         Elasticsearch's heap (default 2g)
        --browser-loads N      page loads per trace in Chromium (default 4; quick 3)
        --jmh-forks N          JMH forks (default 2; quick 1)
        --out FILE             the report (default target/bench/report.md)
        --jar FILE             Sightline's jar (default target/sightline-*.jar)
        --scenarios REGEX      only the scenarios whose names this finds (e.g. 'search|trace')
        --jfr                  measured Sightline processes write a Flight Recording each
                               (target/bench/logs/sightline-<scenario>.jfr), for profiling
        --estimate             print the estimated wall time of the run these options ask
                               for and stop (rates: target/bench/timings.properties, which
                               every run writes; a quick run is enough)
      """;

  static BenchOptions parse(String[] args, Path projectDir) {
    boolean quick = Arrays.asList(args).contains("--quick");
    Set<String> phases = new LinkedHashSet<>(List.of("es", "browser", "zipkin", "jmh"));
    long spans = quick ? 100_000 : 1_000_000;
    List<Integer> large = quick ? List.of(1_000, 10_000) : List.of(1_000, 10_000, 100_000);
    int days = 3;
    long seed = 42;
    // The full run's 5 s + 10 s keep it within about 50 minutes on 2 cores (see Estimate).
    int warmup = quick ? 2 : 5;
    int measure = quick ? 4 : 10;
    List<Integer> clients = List.of(1, 16);
    int blocks = 2;
    String heap = "1g";
    String esHeap = "2g";
    int browserLoads = quick ? 3 : 4;
    int jmhForks = quick ? 1 : 2;
    Path work = projectDir.resolve("target").resolve("bench");
    Path out = work.resolve("report.md");
    Path jar = null;
    boolean jfr = false;
    Pattern scenarios = Pattern.compile("");
    boolean estimateOnly = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--quick" -> {}
        case "-h", "--help" -> throw new UsageException(null);
        case "--only" -> phases = phases(value(args, ++i, arg));
        case "--skip" -> {
          Set<String> skipped = phases(value(args, ++i, arg));
          phases.removeAll(skipped);
        }
        case "--spans" -> spans = count(value(args, ++i, arg), arg);
        case "--large-traces" -> large = list(value(args, ++i, arg), arg);
        case "--days" -> days = (int) count(value(args, ++i, arg), arg);
        case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
        case "--warmup" -> warmup = (int) count(value(args, ++i, arg), arg);
        case "--measure" -> measure = (int) count(value(args, ++i, arg), arg);
        case "--clients" -> clients = list(value(args, ++i, arg), arg);
        case "--blocks" -> blocks = Math.max(1, (int) count(value(args, ++i, arg), arg));
        case "--heap" -> heap = value(args, ++i, arg);
        case "--es-heap" -> esHeap = value(args, ++i, arg);
        case "--browser-loads" -> browserLoads = (int) count(value(args, ++i, arg), arg);
        case "--jmh-forks" -> jmhForks = (int) count(value(args, ++i, arg), arg);
        case "--out" -> out = Path.of(value(args, ++i, arg));
        case "--jar" -> jar = Path.of(value(args, ++i, arg));
        case "--jfr" -> jfr = true;
        case "--estimate" -> estimateOnly = true;
        case "--scenarios" -> scenarios = Pattern.compile(value(args, ++i, arg));
        default -> throw new UsageException("unknown option " + arg);
      }
    }
    if (days < 1) {
      throw new UsageException("--days must be at least 1");
    }
    return new BenchOptions(
        quick,
        phases,
        spans,
        large,
        Duration.ofDays(days),
        seed,
        // Whole seconds: the loader takes --now in RFC 3339.
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        Duration.ofSeconds(warmup),
        Duration.ofSeconds(measure),
        clients,
        blocks,
        heap,
        esHeap,
        browserLoads,
        jmhForks,
        out,
        work,
        jar,
        jfr,
        scenarios,
        estimateOnly);
  }

  DataSet dataSet() {
    return new DataSet(seed, now, spans, window, largeTraces);
  }

  boolean runs(String phase) {
    return phases.contains(phase);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  private static Set<String> phases(String list) {
    Set<String> phases = new LinkedHashSet<>();
    for (String p : list.split(",")) {
      String phase = p.trim().toLowerCase(Locale.ROOT);
      if (!ALL_PHASES.contains(phase)) {
        throw new UsageException("unknown phase " + p + " (es, browser, zipkin, jmh)");
      }
      phases.add(phase);
    }
    return phases;
  }

  private static long count(String text, String option) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace("_", "").replace(",", "");
    long factor = 1;
    if (t.endsWith("k")) {
      factor = 1_000;
      t = t.substring(0, t.length() - 1);
    } else if (t.endsWith("m")) {
      factor = 1_000_000;
      t = t.substring(0, t.length() - 1);
    }
    try {
      long value = Long.parseLong(t) * factor;
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new UsageException(option + ": not a count: " + text);
    }
  }

  private static List<Integer> list(String text, String option) {
    List<Integer> values = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        values.add((int) count(part, option));
      }
    }
    return List.copyOf(values);
  }

  /** A wrong option; a null message asks for the usage alone. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
