package io.sightline.load;

import io.sightline.demo.DemoTraceGenerator;
import io.sightline.load.LoadOptions.UsageException;
import io.sightline.load.SpanPipeline.WriteFailedException;
import io.sightline.load.TraceFiles.CheckedFile;
import io.sightline.load.TraceFiles.InputFileException;
import io.sightline.storage.elasticsearch.ElasticsearchStorage;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyLinker;
import io.sightline.trace.DependencyWriter;
import io.sightline.trace.Span;
import io.sightline.trace.StorageException;
import io.sightline.trace.Trace;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code java -jar sightline.jar load [options] [files…]}: writes generated demo traces and trace
 * files into Elasticsearch/OpenSearch through the storage's own writers, as Jaeger's collector and
 * spark-dependencies would have written them. See {@link Usage} for the options and docs/LOADING.md
 * for the measurements behind the defaults.
 *
 * <p>Order of work, so that failures leave nothing unexplained: options; every file read and
 * checked whole (a bad file stops the load before anything is written); settings and a first
 * request to the server (unreachable or refused: nothing written); then traces streamed through
 * {@link SpanPipeline}; then a refresh; then the dependencies documents. A failure while writing
 * reports exactly what was written before it.
 */
public final class LoadCommand {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int BAD_INPUT = 3;
  static final int UNREACHABLE = 4;

  private final Clock clock;
  private final LoadReport report;

  LoadCommand(PrintStream out, PrintStream err, Clock clock) {
    this.report = new LoadReport(out, err);
    this.clock = clock;
  }

  /**
   * Runs the command with the arguments that follow {@code load}.
   *
   * @return the exit status
   */
  public static int run(String... args) {
    return new LoadCommand(System.out, System.err, Clock.systemUTC()).execute(List.of(args));
  }

  int execute(List<String> args) {
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (UsageException e) {
      return usageError(e.getMessage());
    }
    report.debug(options.debug());
    if (options.help()) {
      report.out.print(Usage.TEXT);
      report.out.flush();
      return OK;
    }
    if (!options.hasWork()) {
      return usageError("nothing to load: give --generate, or trace files");
    }

    List<CheckedFile> files = new ArrayList<>();
    try {
      for (var file : TraceFiles.expand(options.files())) {
        files.add(TraceFiles.check(file));
      }
    } catch (InputFileException e) {
      report.error(e.getMessage(), e);
      report.err.println("Nothing was written.");
      return BAD_INPUT;
    }

    StorageSettings settings;
    ElasticsearchStorage storage;
    try {
      settings = StorageSettings.resolve(options.settings());
      storage = ElasticsearchStorage.open(settings.elasticsearch(), clock);
    } catch (IllegalStateException | IllegalArgumentException e) {
      report.error("invalid setting: " + e.getMessage(), e);
      return USAGE;
    }
    String servers;
    try {
      servers = storage.describeServers();
    } catch (StorageException e) {
      report.error("cannot use the trace storage: " + e.getMessage(), e);
      report.err.println("Nothing was written.");
      return UNREACHABLE;
    }
    String prefix = settings.elasticsearch().indices().prefix();
    report.out.println(
        "Loading into " + servers + (prefix.isEmpty() ? "" : " (index prefix " + prefix + ")"));
    report.out.flush();
    return load(options, files, storage);
  }

  private int load(LoadOptions options, List<CheckedFile> files, ElasticsearchStorage storage) {
    Instant now = options.now() != null ? options.now() : clock.instant();
    long fileSpans = files.stream().mapToLong(CheckedFile::spans).sum();
    long generatedSpans =
        options.generate()
            ? options.spans() + options.largeTraces().stream().mapToLong(Integer::longValue).sum()
            : 0;
    TimeShift shift = TimeShift.NONE;
    if (options.shiftToNow() && fileSpans > 0) {
      long newestEnd = files.stream().mapToLong(CheckedFile::newestEnd).max().orElseThrow();
      shift = TimeShift.toNow(newestEnd, micros(now));
    }

    List<Tally> tallies = new ArrayList<>();
    DependencyLinker links = options.dependencies() ? new DependencyLinker() : null;
    Set<String> services = new HashSet<>();
    try (SpanPipeline pipeline =
            new SpanPipeline(storage.spanWriter(), options.batchSpans(), options.concurrency());
        Progress progress =
            new Progress(
                report.err,
                pipeline::spansWritten,
                generatedSpans + fileSpans,
                options.progressInterval())) {
      Thread interrupted = reportIfInterrupted(pipeline);
      try {
        if (options.generate()) {
          Tally tally = new Tally("generated traces");
          tallies.add(tally);
          Consumer<Trace> write = writer(pipeline, tally, links, services);
          DemoTraceGenerator generator =
              new DemoTraceGenerator(
                  options.seed(), Clock.fixed(now, ZoneOffset.UTC), options.profile());
          generator.tracesWithSpans(options.spans(), options.window()).forEach(write);
          for (int size : options.largeTraces()) {
            write.accept(generator.generateLargeTrace(size));
          }
          pipeline.endOfSource();
          tally.readToEnd();
        }
        for (CheckedFile file : files) {
          Tally tally = new Tally(file.path().toString());
          tallies.add(tally);
          Consumer<Trace> write = writer(pipeline, tally, links, services);
          TimeShift moveBy = shift;
          TraceFiles.read(file.path(), file.format(), trace -> write.accept(moveBy.apply(trace)));
          pipeline.endOfSource();
          tally.readToEnd();
        }
        pipeline.finish();
      } catch (WriteFailedException | StorageException | InputFileException e) {
        pipeline.awaitInFlight();
        report.failure(e, pipeline, tallies);
        return FAILED;
      } finally {
        removeHook(interrupted);
      }
      double seconds = progress.elapsedSeconds();
      progress.close();
      report.out.println(
          String.format(
              Locale.ROOT,
              "Loaded %,d spans in %,d traces (%,d services) in %s: %,.0f spans/s.",
              pipeline.spansWritten(),
              pipeline.tracesWritten(),
              services.size(),
              seconds < 60
                  ? String.format(Locale.ROOT, "%.1f s", seconds)
                  : Progress.duration(seconds),
              seconds > 0 ? pipeline.spansWritten() / seconds : 0));
      report.sources(options, files, tallies, shift);
      if (links != null) {
        return writeDependencies(storage.dependencyWriter(), links);
      }
      report.out.println("Dependencies: not written (--no-dependencies).");
      return OK;
    }
  }

  /**
   * Ctrl-C (or SIGTERM) during the load: say what was written by then. Requests in flight when the
   * JVM stops may be stored or not; they are not counted.
   */
  private Thread reportIfInterrupted(SpanPipeline pipeline) {
    Thread hook =
        new Thread(
            () -> {
              report.err.println();
              report.err.println(
                  String.format(
                      Locale.ROOT,
                      "Interrupted. Written by then: %,d spans; %,d traces complete (requests in"
                          + " flight are not counted). Dependencies were not written.",
                      pipeline.spansWritten(),
                      pipeline.tracesWritten()));
              report.err.flush();
            },
            "sightline-load-interrupted");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook reports.
    }
  }

  private static Consumer<Trace> writer(
      SpanPipeline pipeline, Tally tally, DependencyLinker links, Set<String> services) {
    return trace -> {
      if (links != null) {
        links.add(trace);
      }
      for (Span span : trace.spans()) {
        services.add(span.process().serviceName());
      }
      pipeline.write(trace, tally);
    };
  }

  private int writeDependencies(DependencyWriter writer, DependencyLinker links) {
    Map<LocalDate, List<DependencyLink>> byDay = links.byDay();
    List<LocalDate> written = new ArrayList<>();
    long linkCount = 0;
    long calls = 0;
    try {
      for (Map.Entry<LocalDate, List<DependencyLink>> day : byDay.entrySet()) {
        writer.writeDependencies(DependencyLinker.timestampOf(day.getKey()), day.getValue());
        written.add(day.getKey());
        linkCount += day.getValue().size();
        calls += day.getValue().stream().mapToLong(DependencyLink::callCount).sum();
      }
    } catch (StorageException e) {
      report.error(
          "writing the dependencies document of "
              + nextDay(byDay, written)
              + " failed: "
              + e.getMessage(),
          e);
      report.err.println(
          "All spans were written. Dependencies documents written: "
              + (written.isEmpty() ? "none" : LoadReport.days(written))
              + "; not written: the remaining "
              + (byDay.size() - written.size())
              + " day(s).");
      return FAILED;
    }
    if (written.isEmpty()) {
      report.out.println("Dependencies: none (no span has a parent in another service).");
    } else {
      report.out.println(
          String.format(
              Locale.ROOT,
              "Dependencies: %d document%s, one per UTC day (%s): %,d links, %,d calls.",
              written.size(),
              written.size() == 1 ? "" : "s",
              LoadReport.days(written),
              linkCount,
              calls));
    }
    return OK;
  }

  private static LocalDate nextDay(Map<LocalDate, ?> byDay, List<LocalDate> written) {
    return byDay.keySet().stream().filter(d -> !written.contains(d)).findFirst().orElse(null);
  }

  private int usageError(String message) {
    report.err.println("sightline load: " + message);
    report.err.println("Run 'java -jar sightline.jar load --help' for the options.");
    report.err.flush();
    return USAGE;
  }

  private static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }
}
