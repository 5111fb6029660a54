package io.sightline.bench;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH benchmarks of the hot paths (document → domain, domain → Jaeger UI JSON, timeline
 * assembly), each in forked JVMs with the GC profiler; JMH's own output goes to a log file and the
 * scores into the report.
 */
final class JmhSuite {

  static final String INCLUDE =
      "io\\.sightline\\.(storage\\.elasticsearch\\.read\\.HitDecoding|http\\.json\\.UiJsonWriting"
          + "|web\\.trace\\.TimelineAssembly)Benchmark\\..*";

  /** The benchmark methods {@link #INCLUDE} selects (for the run's time estimate). */
  static final int BENCHMARKS = 5;

  private JmhSuite() {}

  static int warmupIterations(boolean quick) {
    return quick ? 2 : 3;
  }

  static int measurementIterations(boolean quick) {
    return quick ? 3 : 5;
  }

  /**
   * Seconds per warm-up and measurement iteration: 1 s is dozens of operations of the 10,000-span
   * benchmarks, and keeps JMH within 2 minutes of the full run.
   */
  static int iterationSeconds(boolean quick) {
    return 1;
  }

  static String run(int forks, boolean quick, Path log) throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include(INCLUDE)
            .forks(forks)
            .warmupIterations(warmupIterations(quick))
            .warmupTime(TimeValue.seconds(iterationSeconds(quick)))
            .measurementIterations(measurementIterations(quick))
            .measurementTime(TimeValue.seconds(iterationSeconds(quick)))
            .jvmArgs("-Xms1g", "-Xmx1g")
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true)
            .output(log.toString())
            .build();
    Console.info("JMH: %s (log: %s)", INCLUDE, log);
    Collection<RunResult> results = new Runner(options).run();
    StringBuilder out = new StringBuilder();
    out.append("## JMH: hot paths (10,000-span demo re-index trace)\n\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%d fork(s), %d × %d s warm-up, %d × %d s measured, -Xmx1g, `-prof gc`. Full output:"
                + " `%s`.%n%n",
            forks,
            warmupIterations(quick),
            iterationSeconds(quick),
            measurementIterations(quick),
            iterationSeconds(quick),
            log.getFileName()));
    out.append("| benchmark | ops/s | ± (99.9 %) | ms/op | alloc MB/s | alloc per op |\n");
    out.append("|---|--:|--:|--:|--:|--:|\n");
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      Result<?> primary = result.getPrimaryResult();
      Map<String, Result> secondary = result.getSecondaryResults();
      double rate = secondary(secondary, "gc.alloc.rate");
      double norm = secondary(secondary, "gc.alloc.rate.norm");
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.1f | %.2f | %.0f | %s |%n",
              name,
              primary.getScore(),
              primary.getScoreError(),
              1000.0 / primary.getScore(),
              rate,
              bytes(norm)));
      Console.info("JMH %s: %.1f ops/s, %s per op", name, primary.getScore(), bytes(norm));
    }
    return out.toString();
  }

  private static double secondary(Map<String, Result> results, String key) {
    for (Map.Entry<String, Result> e : results.entrySet()) {
      String k = e.getKey().replace("·", "");
      if (k.equals(key)) {
        return e.getValue().getScore();
      }
    }
    return Double.NaN;
  }

  private static String bytes(double b) {
    if (Double.isNaN(b)) {
      return "–";
    }
    return b >= 1 << 20
        ? String.format(Locale.ROOT, "%.1f MiB", b / 1048576.0)
        : String.format(Locale.ROOT, "%.0f KiB", b / 1024.0);
  }
}
