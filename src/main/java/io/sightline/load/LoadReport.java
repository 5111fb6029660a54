package io.sightline.load;

import io.sightline.load.TraceFiles.CheckedFile;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@link LoadCommand} tells people: what was loaded from where, what a failure left written,
 * and errors (with the stack trace under {@code --debug}).
 */
final class LoadReport {

  private static final int MAX_FILES_LISTED = 20;

  /** Where the command reports, and where it reports errors. */
  final PrintStream out;

  final PrintStream err;
  private boolean debug;

  LoadReport(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Whether errors print their stack trace. */
  void debug(boolean on) {
    this.debug = on;
  }

  void sources(LoadOptions options, List<CheckedFile> files, List<Tally> tallies, TimeShift shift) {
    int fileIndex = 0;
    for (Tally tally : tallies) {
      if (options.generate() && tally == tallies.get(0)) {
        out.println(
            String.format(
                Locale.ROOT,
                "  generated: %,d traces, %,d spans (profile %s, seed %d, over %s to %s%s)",
                tally.tracesWritten(),
                tally.spansWritten(),
                options.profile().name().toLowerCase(Locale.ROOT),
                options.seed(),
                window(options.window()),
                options.now() != null ? options.now() : "now",
                options.largeTraces().isEmpty()
                    ? ""
                    : "; large traces of "
                        + options.largeTraces().stream()
                            .map(n -> String.format(Locale.ROOT, "%,d", n))
                            .collect(Collectors.joining(", "))
                        + " spans"));
        continue;
      }
      CheckedFile file = files.get(fileIndex++);
      if (fileIndex <= MAX_FILES_LISTED) {
        out.println(
            String.format(
                Locale.ROOT,
                "  %s (%s): %s, %s",
                file.path(),
                file.format().description(),
                count(tally.tracesWritten(), "trace"),
                count(tally.spansWritten(), "span")));
      } else if (fileIndex == MAX_FILES_LISTED + 1) {
        out.println("  … and " + (files.size() - MAX_FILES_LISTED) + " more files");
      }
    }
    if (shift.micros() != 0) {
      out.println(
          String.format(
              Locale.ROOT,
              "  file traces moved by %s%s so that the newest span ends at %s",
              shift.micros() > 0 ? "+" : "-",
              Progress.duration(Math.abs(shift.micros()) / 1e6),
              options.now() != null ? options.now() : "now"));
    }
  }

  void failure(RuntimeException e, SpanPipeline pipeline, List<Tally> tallies) {
    SpanPipeline.Failure failure = pipeline.failure();
    if (failure != null) {
      // The writer's messages name the operation ("writing spans failed: 3 of 50 documents…").
      Throwable cause = failure.cause();
      error(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
    } else {
      error(e.getMessage(), e);
    }
    err.println(
        String.format(
            Locale.ROOT,
            "Written before the failure: %,d spans; %,d traces complete.",
            pipeline.spansWritten(),
            pipeline.tracesWritten()));
    List<String> complete = new ArrayList<>();
    for (Tally tally : tallies) {
      if (tally.complete()) {
        complete.add(tally.name());
      } else {
        err.println(
            String.format(
                Locale.ROOT,
                "  %s: partly written: %,d of %,d traces read so far complete (%,d of %,d spans)",
                tally.name(),
                tally.tracesWritten(),
                tally.tracesRead(),
                tally.spansWritten(),
                tally.spansRead()));
      }
    }
    if (!complete.isEmpty()) {
      err.println("  written completely: " + String.join(", ", complete));
    }
    if (failure != null) {
      err.println(
          String.format(
              Locale.ROOT,
              "  the failed request held %,d spans of %,d traces, counted as not written (where"
                  + " the server rejected only some of its documents, the others were stored)%s",
              failure.spans(),
              failure.traces(),
              failure.otherFailedRequests() > 0
                  ? "; " + failure.otherFailedRequests() + " more request(s) failed"
                  : ""));
    }
    err.println("Dependencies were not written.");
    err.flush();
  }

  void error(String message, Throwable e) {
    err.println("error: " + message);
    if (debug && e != null) {
      e.printStackTrace(err);
    }
    err.flush();
  }

  /** {@code 2024-05-01}, {@code 2024-05-01 to 2024-05-03} (consecutive), else listed. */
  static String days(List<LocalDate> days) {
    if (days.size() == 1) {
      return days.get(0).toString();
    }
    LocalDate first = days.get(0);
    LocalDate last = days.get(days.size() - 1);
    if (first.plusDays(days.size() - 1L).equals(last)) {
      return first + " to " + last;
    }
    if (days.size() <= 5) {
      return days.stream().map(LocalDate::toString).collect(Collectors.joining(", "));
    }
    return first + " … " + last;
  }

  /** {@code 1 trace}, {@code 1,234 traces}. */
  static String count(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }

  /** {@code 3 days}, {@code 1 day}, else as {@link Progress#duration}. */
  static String window(java.time.Duration window) {
    if (window.toSeconds() % 86_400 == 0) {
      long days = window.toDays();
      return days + (days == 1 ? " day" : " days");
    }
    return Progress.duration((double) window.toSeconds());
  }
}
