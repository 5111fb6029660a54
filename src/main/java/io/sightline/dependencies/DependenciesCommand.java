package io.sightline.dependencies;

import io.sightline.dependencies.DependenciesOptions.UsageException;
import io.sightline.load.Progress;
import io.sightline.load.StorageSettings;
import io.sightline.storage.elasticsearch.ElasticsearchStorage;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyLinker;
import io.sightline.trace.DependencyWriter;
import io.sightline.trace.Span;
import io.sightline.trace.SpanScanner;
import io.sightline.trace.StorageException;
import io.sightline.trace.Trace;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code java -jar sightline.jar dependencies [options]}: for each requested UTC day, scans the
 * spans that started on it in {@code traceID} order (one trace in memory at a time), derives the
 * links with {@link DependencyLinker} and replaces that day's dependencies document, exactly as
 * Jaeger's spark-dependencies job writes it. See docs/DEPENDENCIES.md.
 *
 * <p>Exit status: {@link #OK} every day done; {@link #FAILED} no day done; {@link #USAGE} bad
 * arguments or settings, nothing read; {@link #PARTIAL} some days of a range done, others failed.
 */
public final class DependenciesCommand {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int PARTIAL = 3;

  static final String USAGE_TEXT =
      """
      Usage: java -jar sightline.jar dependencies [options]

      Derives one UTC day's service dependency links from the stored spans and writes that day's
      document to jaeger-dependencies-YYYY-MM-DD as Jaeger's spark-dependencies job does
      (re-running a day replaces its document). Storage settings are the server's: ES_SERVER_URLS,
      ES_USERNAME/ES_PASSWORD, TLS, ES_INDEX_PREFIX, ES_INDEX_DATE_SEPARATOR, ES_USE_ALIASES...

        --day YYYY-MM-DD         the day to process (default: yesterday, UTC)
        --from YYYY-MM-DD        first day of a range (--to: last day, included; default yesterday)
        --to YYYY-MM-DD
        --dry-run                print the links, write nothing
        --peer-service-tag TAG   tag naming an uninstrumented callee (default PEER_SERVICE_TAG,
                                 else peer.service)
        --es URL                 Elasticsearch/OpenSearch URL (overrides ES_SERVER_URLS)
        --index-prefix PREFIX    overrides ES_INDEX_PREFIX
        --page-size N            spans per request (default 5000; per slice)
        --slices N               Elasticsearch 8+: scan N point-in-time slices in parallel,
                                 merged by traceID (default 1)
        --progress SECONDS       progress on stderr every SECONDS (default 5; 0: none)
        --help

      Exit status: 0 every day done, 1 failure (no day done), 2 bad arguments or settings,
      3 partial (some days of a range failed).
      """;

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;
  private final Map<String, String> environment;

  DependenciesCommand(
      PrintStream out, PrintStream err, Clock clock, Map<String, String> environment) {
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.environment = environment;
  }

  /**
   * Runs the command with the arguments that follow {@code dependencies}.
   *
   * @return the exit status
   */
  public static int run(String... args) {
    return new DependenciesCommand(System.out, System.err, Clock.systemUTC(), System.getenv())
        .execute(List.of(args));
  }

  int execute(List<String> args) {
    DependenciesOptions options;
    try {
      options =
          DependenciesOptions.parse(
              args, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), environment);
    } catch (UsageException e) {
      err.println("sightline dependencies: " + e.getMessage());
      err.println("Run with --help for the options.");
      return USAGE;
    }
    if (options.help()) {
      out.print(USAGE_TEXT);
      out.flush();
      return OK;
    }
    ElasticsearchStorage storage;
    try {
      StorageSettings settings = StorageSettings.resolve(options.settings());
      storage = ElasticsearchStorage.open(settings.elasticsearch(), clock);
    } catch (IllegalStateException | IllegalArgumentException e) {
      err.println("sightline dependencies: invalid setting: " + e.getMessage());
      return USAGE;
    }
    try {
      out.println("Reading spans from " + storage.describeServers());
    } catch (StorageException e) {
      err.println("sightline dependencies: cannot use the trace storage: " + e.getMessage());
      return FAILED;
    }
    SpanScanner scanner = storage.spanScanner(options.pageSize(), options.slices());
    DependencyWriter writer = storage.dependencyWriter();
    List<LocalDate> failed = new ArrayList<>();
    for (LocalDate day : options.days()) {
      try {
        processDay(day, options, scanner, writer);
      } catch (StorageException e) {
        failed.add(day);
        err.println("sightline dependencies: " + day + " failed: " + e.getMessage());
      }
    }
    out.flush();
    if (failed.isEmpty()) {
      return OK;
    }
    if (failed.size() < options.days().size()) {
      err.println("Days not done: " + failed);
      return PARTIAL;
    }
    return FAILED;
  }

  /** Scans one day, derives its links and writes (or prints) them. */
  List<DependencyLink> processDay(
      LocalDate day, DependenciesOptions options, SpanScanner scanner, DependencyWriter writer) {
    Instant start = DependencyLinker.timestampOf(day);
    Instant end = DependencyLinker.timestampOf(day.plusDays(1));
    DependencyLinker linker = new DependencyLinker(options.peerServiceTag());
    AtomicLong read = new AtomicLong();
    AtomicLong total = new AtomicLong();
    long[] traces = new long[1];
    double seconds;
    try (Progress progress = new Progress(err, read::get, total::get, options.progressInterval())) {
      scanner.scan(
          start,
          end,
          new SpanScanner.Listener() {
            @Override
            public void total(long spans) {
              total.set(spans);
            }

            @Override
            public void read(long spans) {
              read.set(spans);
            }

            @Override
            public void trace(List<Span> spans) {
              traces[0]++;
              linker.add(Trace.of(spans));
            }
          });
      seconds = progress.elapsedSeconds();
    }
    List<DependencyLink> links = linker.byDay().getOrDefault(day, List.of());
    long calls = links.stream().mapToLong(DependencyLink::callCount).sum();
    out.printf(
        Locale.ROOT,
        "%s: %,d spans in %,d traces read in %.1f s (%,.0f spans/s): %d links, %,d calls%n",
        day,
        read.get(),
        traces[0],
        seconds,
        seconds > 0 ? read.get() / seconds : 0,
        links.size(),
        calls);
    if (options.dryRun()) {
      for (DependencyLink link : links) {
        out.println("  " + link.parent() + " -> " + link.child() + " " + link.callCount());
      }
    } else {
      writer.replaceDependencies(start, links);
      out.println(
          links.isEmpty()
              ? "  no links: no document for " + day
              : "  written: the dependencies document of " + day);
    }
    out.flush();
    return links;
  }
}
