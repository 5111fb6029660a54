package io.sightline.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run's expected wall time, printed at its start: a model of what the run does (servers
 * started, spans loaded, warm-up and measured seconds per scenario and concurrency, the tail of the
 * requests in flight at the end of each block, browser loads, JMH) fed with the rates the last run
 * measured ({@link Timings}, {@code target/bench/timings.properties}; a quick run is enough), or
 * with built-in rates measured on the 2-core development machine when there is no such file.
 *
 * <p>Not a promise: a busy machine makes every part slower, and the 100,000-span scenarios, which a
 * quick run does not measure, are extrapolated from the 10,000-span ones (10× per request).
 */
final class Estimate {

  /**
   * Rates from a quick run on the 2-core development machine under a load average of about 5 (other
   * builds running): the fallback when no timings file exists.
   */
  static final Map<String, Double> BUILT_IN =
      Map.ofEntries(
          Map.entry("es.start_s", 30.0),
          Map.entry("load.es-8.19.0.spans_per_s", 1_500.0),
          Map.entry("load.es-7.17.0.spans_per_s", 1_500.0),
          Map.entry("zipkin.feed.spans_per_s", 1_500.0),
          Map.entry("sightline.start_s", 8.0),
          Map.entry("zipkin.start_s", 8.0),
          Map.entry("sightline.stop_s", 1.5),
          Map.entry("recording.per_scenario_s", 2.0),
          Map.entry("latency_s.trace by ID: 1,000 spans", 0.02),
          Map.entry("latency_s.trace by ID: 10,000 spans", 0.2),
          Map.entry("latency_s.search: service, limit 1500, 3 days", 1.5),
          Map.entry("browser.load_s.1000", 2.0),
          Map.entry("browser.load_s.10000", 4.0),
          Map.entry("browser.start_s", 3.0),
          Map.entry("jmh.factor", 1.3));

  private final Map<String, Double> rates;
  private final List<String> parts = new ArrayList<>();
  private double total;

  private Estimate(Map<String, Double> rates) {
    this.rates = rates;
  }

  /**
   * @param measured rates from the last run (may be empty): they win over the built-in ones
   * @param esScenarios the scenarios measured against raw Elasticsearch (with the trace page's)
   * @param zipkinScenarios the scenarios measured against Zipkin
   * @param levels the concurrencies a scenario is measured at
   */
  static Estimate of(
      BenchOptions options,
      Map<String, Double> measured,
      List<Scenario> esScenarios,
      List<Scenario> zipkinScenarios,
      java.util.function.Function<Scenario, List<Integer>> levels,
      int jmhBenchmarks) {
    Map<String, Double> rates = new java.util.HashMap<>(BUILT_IN);
    rates.putAll(measured);
    Estimate e = new Estimate(rates);
    DataSet data = options.dataSet();
    long spans = data.spans() + data.largeTraces().stream().mapToLong(Integer::longValue).sum();
    double warmup = options.warmup().toSeconds();
    double measure = options.measure().toSeconds();
    double start = e.rate("sightline.start_s") + e.rate("sightline.stop_s");
    if (options.runs("es") || options.runs("browser")) {
      e.add(
          "Elasticsearch 8.19: start + load",
          e.rate("es.start_s")
              + spans / e.rate("load.es-" + Bench.ES_MAIN.substring(3) + ".spans_per_s")
              + start);
    }
    if (options.runs("es")) {
      double recording = esScenarios.isEmpty() ? 0 : start;
      double measuring = 0;
      for (Scenario s : esScenarios) {
        int targets = s.raw() ? 2 : 1;
        recording += s.raw() ? e.rate("recording.per_scenario_s") + 2 * e.latency(s) : 0;
        measuring += start + e.scenario(s, targets, levels.apply(s), warmup, measure, options);
      }
      e.add("recording Sightline's Elasticsearch requests", recording);
      e.add("Sightline vs raw Elasticsearch (" + esScenarios.size() + " scenarios)", measuring);
    }
    if (options.runs("es") && options.scenarios().matcher(OverloadBench.NAME).find()) {
      // Recording (a Sightline of its own), then a Sightline for the blocks; each block ends with
      // the big requests in flight, which 32 clients on 2 cores slow to about a block's third.
      double block = OverloadBench.blockLength(options).toSeconds();
      e.add(
          "overload",
          2 * start
              + 2 * e.rate("recording.per_scenario_s")
              + 2 * options.blocks() * block * 4 / 3);
    }
    if (options.runs("browser")) {
      double browser = 0;
      for (int size : data.largeTraces()) {
        browser +=
            start
                + e.rate("browser.start_s")
                // the timeline's loads, then as many of each of the 5 other views (BrowserViews)
                + 6 * Math.max(2, options.browserLoads()) * e.browserLoad(size);
      }
      e.add("trace page in Chromium", browser);
    }
    if (options.runs("zipkin")) {
      double zstart = e.rate("zipkin.start_s") + e.rate("sightline.stop_s");
      e.add(
          "Elasticsearch 7.17: start + load + Zipkin feed",
          e.rate("es.start_s")
              + spans / e.rate("load.es-" + Bench.ES_ZIPKIN.substring(3) + ".spans_per_s")
              + zstart
              + spans / e.rate("zipkin.feed.spans_per_s"));
      double measuring = 0;
      for (Scenario s : zipkinScenarios) {
        measuring += start + zstart + e.scenario(s, 2, levels.apply(s), warmup, measure, options);
      }
      e.add("Sightline vs Zipkin (" + zipkinScenarios.size() + " scenarios)", measuring);
    }
    if (options.runs("jmh")) {
      double nominal =
          jmhBenchmarks
              * options.jmhForks()
              * (JmhSuite.warmupIterations(options.quick())
                      * JmhSuite.iterationSeconds(options.quick())
                  + JmhSuite.measurementIterations(options.quick())
                      * JmhSuite.iterationSeconds(options.quick()));
      e.add("JMH (" + jmhBenchmarks + " benchmarks)", nominal * e.rate("jmh.factor"));
    }
    return e;
  }

  /**
   * One scenario: warm-up of every target (at the highest concurrency; the lowest for a heavy
   * scenario), then each concurrency's measured blocks; every block (and the warm-up) ends with the
   * requests in flight, about one request's latency at that concurrency (on 2 cores, 16 clients
   * queue about 8 deep).
   */
  private double scenario(
      Scenario s,
      int targets,
      List<Integer> levels,
      double warmup,
      double measure,
      BenchOptions options) {
    double single = latency(s);
    int warm = s.heavy() ? Collections.min(levels) : Collections.max(levels);
    double seconds = targets * (warmup + single * Math.max(1, warm / 2.0)) + 2 * single;
    for (int clients : levels) {
      seconds +=
          targets * measure + targets * options.blocks() * single * Math.max(1, clients / 2.0);
    }
    return seconds;
  }

  /** One request alone (s), as measured (p50 at 1 client) or extrapolated. */
  private double latency(Scenario s) {
    Double known = rates.get("latency_s." + s.name());
    if (known != null) {
      return known;
    }
    if (s.name().contains("100,000")) {
      Double tenK = rates.get("latency_s." + s.name().replace("100,000", "10,000"));
      if (tenK == null) {
        tenK = rates.get("latency_s.trace by ID: 10,000 spans");
      }
      return 10 * (tenK == null ? 0.2 : tenK);
    }
    return 0.01;
  }

  private double browserLoad(int size) {
    Double known = rates.get("browser.load_s." + size);
    if (known != null) {
      return known;
    }
    Double tenK = rates.get("browser.load_s.10000");
    return (tenK == null ? 4.0 : tenK) * size / 10_000.0;
  }

  private double rate(String key) {
    Double value = rates.get(key);
    if (value == null || value <= 0) {
      throw new IllegalStateException("no rate " + key);
    }
    return value;
  }

  private void add(String part, double seconds) {
    parts.add(String.format(Locale.ROOT, "%s ~%s", part, Timings.minutes(seconds)));
    total += seconds;
  }

  double totalSeconds() {
    return total;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "~%s (%s)", Timings.minutes(total), String.join("; ", parts));
  }
}
