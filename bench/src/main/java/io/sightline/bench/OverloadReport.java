package io.sightline.bench;

import io.sightline.bench.OverloadLoad.Outcome;
import io.sightline.bench.OverloadLoad.Tally;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The overload scenario's section of the report and its lines of the targets summary.
 *
 * @param sightline tallies of Sightline's blocks by stream (fetch, search, services)
 * @param raw tallies of raw Elasticsearch's blocks by stream (fetch, search)
 * @param seconds measured seconds of Sightline [0] and raw [1]
 * @param cpu Sightline's CPU seconds during its blocks [0] and during raw's [1]
 * @param esCpu Elasticsearch's CPU seconds during Sightline's blocks [0] and raw's [1]
 */
record OverloadReport(
    String fetchName,
    String searchName,
    Map<String, Tally> sightline,
    Map<String, Tally> raw,
    double[] seconds,
    double[] cpu,
    double[] esCpu,
    double peakRssMiB,
    long outOfMemoryLines,
    Duration block) {

  /** Complete answers' throughput Sightline must reach, as a share of raw Elasticsearch's. */
  static final double THROUGHPUT_TARGET = 0.8;

  /** {@code /api/services} p99 during the load must stay under this (ms). */
  static final double SERVICES_P99_TARGET_MS = 50;

  OverloadBench.Result result(int blocks) {
    double sightlineRate = spans(sightline) / seconds[0];
    double rawRate = spans(raw) / seconds[1];
    double share = sightlineRate / rawRate;
    Tally services = sightline.get("services");
    int failures = 0;
    for (Tally t : sightline.values()) {
      failures += OverloadBench.failures(t);
    }
    StringBuilder out = new StringBuilder();
    out.append("## Overload: -Xmx")
        .append(OverloadBench.HEAP)
        .append(", big fetches and searches\n\n");
    out.append(
        String.format(
            Locale.ROOT,
            "Sightline -Xmx%s (default read budget) under %d closed-loop clients fetching `%s` and"
                + " %d searching (`%s`) at once, plus 1 client asking `/api/services` every %d ms;"
                + " then the same mix as raw Elasticsearch replays at the same concurrency. %d"
                + " block(s) of %d s per target, alternating. After a 503 a client waits"
                + " min(Retry-After, %d s). Every 200 is parsed as it streams in and must hold the"
                + " traces and spans of the same request answered alone. spans/s: spans of complete"
                + " answers per second (raw: the spans its replayed requests stand for).%n%n",
            OverloadBench.HEAP,
            OverloadBench.FETCH_CLIENTS,
            fetchName,
            OverloadBench.SEARCH_CLIENTS,
            searchName,
            OverloadBench.SERVICES_PAUSE.toMillis(),
            blocks,
            block.toSeconds(),
            OverloadLoad.MAX_BUSY_PAUSE.toSeconds()));
    out.append(
        "| target | requests | n | complete 200 | 503 + Retry-After | incomplete 200 | other |"
            + " p50 ms | p99 ms | spans/s | CPU s | ES CPU s |\n");
    out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    rows(out, "Sightline -Xmx" + OverloadBench.HEAP, sightline, seconds[0], cpu[0], esCpu[0]);
    rows(out, "raw Elasticsearch", raw, seconds[1], Double.NaN, esCpu[1]);
    out.append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "- `OutOfMemoryError` lines in Sightline's log: %d; Sightline's peak RSS %.0f MiB.%n",
            outOfMemoryLines,
            peakRssMiB));
    for (Tally t : sightline.values()) {
      if (t.firstProblem != null) {
        out.append("- first failure of ").append(t.name).append(": ").append(t.firstProblem);
        out.append('\n');
      }
    }
    List<String> targets = new ArrayList<>();
    targets.add(
        String.format(
            Locale.ROOT,
            "- overload, -Xmx%s: zero `OutOfMemoryError`: %s (%d log lines)",
            OverloadBench.HEAP,
            outOfMemoryLines == 0 ? "**met**" : "**missed**",
            outOfMemoryLines));
    targets.add(
        String.format(
            Locale.ROOT,
            "- overload: every answer a complete 200 or a 503 with Retry-After: %s (%d complete"
                + " 200, %d 503-busy, %d incomplete 200, %d other)",
            failures == 0 ? "**met**" : "**missed**",
            sum(sightline, Outcome.COMPLETE),
            sum(sightline, Outcome.BUSY),
            sum(sightline, Outcome.INCOMPLETE),
            sum(sightline, Outcome.FAILED)));
    targets.add(
        String.format(
            Locale.ROOT,
            "- overload: throughput ≥ %.0f %% of raw Elasticsearch's — %.0f %% (%,.0f vs %,.0f"
                + " spans/s): %s",
            THROUGHPUT_TARGET * 100,
            share * 100,
            sightlineRate,
            rawRate,
            share >= THROUGHPUT_TARGET ? "**met**" : "**missed**"));
    double p99 = services == null ? Double.NaN : services.percentileMillis(99);
    boolean servicesOk =
        services != null
            && services.total() > 0
            && services.count(Outcome.COMPLETE) == services.total()
            && p99 < SERVICES_P99_TARGET_MS;
    targets.add(
        String.format(
            Locale.ROOT,
            "- overload: `/api/services` p99 < %.0f ms during the load — p50 %s ms, p99 %s ms,"
                + " max %s ms, %d of %d answered 200: %s",
            SERVICES_P99_TARGET_MS,
            services == null ? "–" : Report.millis(services.percentileMillis(50)),
            Report.millis(p99),
            services == null ? "–" : Report.millis(services.percentileMillis(100)),
            services == null ? 0 : services.count(Outcome.COMPLETE),
            services == null ? 0 : services.total(),
            servicesOk ? "**met**" : "**missed**"));
    return new OverloadBench.Result(out.toString(), targets);
  }

  private static void rows(
      StringBuilder out,
      String target,
      Map<String, Tally> tallies,
      double seconds,
      double cpu,
      double esCpu) {
    boolean first = true;
    for (Tally t : tallies.values()) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %d | %d | %d | %d | %s | %s | %s | %s | %s |%n",
              target,
              t.name,
              t.total(),
              t.count(Outcome.COMPLETE),
              t.count(Outcome.BUSY),
              t.count(Outcome.INCOMPLETE),
              t.count(Outcome.FAILED),
              Report.millis(t.percentileMillis(50)),
              Report.millis(t.percentileMillis(99)),
              t.name.equals("services") ? "–" : Report.number(t.spans / seconds),
              first ? Report.decimal(cpu) : "",
              first ? Report.decimal(esCpu) : ""));
      first = false;
    }
  }

  private static long spans(Map<String, Tally> tallies) {
    return tallies.values().stream().mapToLong(t -> t.spans).sum();
  }

  private static int sum(Map<String, Tally> tallies, Outcome outcome) {
    return tallies.values().stream().mapToInt(t -> t.count(outcome)).sum();
  }
}
