package io.sightline.load;

import io.sightline.format.TraceFileException;
import io.sightline.format.file.TraceFileFormat;
import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Trace files: finding them, checking them whole before anything is written, reading them. */
final class TraceFiles {

  private TraceFiles() {}

  /** What checking a file found. */
  record CheckedFile(Path path, TraceFileFormat format, long traces, long spans, long newestEnd) {}

  /**
   * The files to load: each file named, and for each directory named its {@code *.json}, {@code
   * *.jsonl} and {@code *.ndjson} files (not recursive), sorted by name.
   *
   * @throws InputFileException when a name does not exist or a directory holds no such file
   */
  static List<Path> expand(List<Path> names) {
    List<Path> files = new ArrayList<>();
    for (Path name : names) {
      if (Files.isDirectory(name)) {
        List<Path> inDirectory;
        try (Stream<Path> list = Files.list(name)) {
          inDirectory =
              list.filter(Files::isRegularFile).filter(TraceFiles::isJsonName).sorted().toList();
        } catch (IOException e) {
          throw new InputFileException(name, "cannot list the directory: " + describe(e), e);
        }
        if (inDirectory.isEmpty()) {
          throw new InputFileException(name, "the directory holds no .json/.jsonl/.ndjson file");
        }
        files.addAll(inDirectory);
      } else if (Files.isRegularFile(name)) {
        files.add(name);
      } else if (Files.exists(name)) {
        throw new InputFileException(name, "not a regular file");
      } else {
        throw new InputFileException(name, "no such file");
      }
    }
    return files;
  }

  private static boolean isJsonName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson");
  }

  /**
   * Reads the whole file once, without keeping it: detects its format, checks every trace in it,
   * counts traces and spans and finds the end of its newest span.
   *
   * @throws InputFileException naming the file, the position and the problem
   */
  static CheckedFile check(Path file) {
    TraceFileFormat format = detect(file);
    long[] counts = new long[2];
    long[] newestEnd = {Long.MIN_VALUE};
    read(
        file,
        format,
        trace -> {
          counts[0]++;
          counts[1] += trace.spans().size();
          for (Span span : trace.spans()) {
            newestEnd[0] = Math.max(newestEnd[0], span.endTime());
          }
        });
    return new CheckedFile(file, format, counts[0], counts[1], newestEnd[0]);
  }

  /** Which format the file holds. */
  static TraceFileFormat detect(Path file) {
    try (InputStream in = open(file)) {
      return TraceFileFormat.detect(in);
    } catch (TraceFileException e) {
      throw new InputFileException(file, e);
    } catch (IOException | UncheckedIOException e) {
      throw new InputFileException(file, "cannot read: " + describe(e), e);
    }
  }

  /**
   * Reads the file's traces in the given format.
   *
   * @throws InputFileException naming the file, the position and the problem
   */
  static void read(Path file, TraceFileFormat format, Consumer<Trace> sink) {
    try (InputStream in = open(file)) {
      format.read(in, sink);
    } catch (TraceFileException e) {
      throw new InputFileException(file, e);
    } catch (IOException | UncheckedIOException e) {
      throw new InputFileException(file, "cannot read: " + describe(e), e);
    }
  }

  private static InputStream open(Path file) throws IOException {
    return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
  }

  private static String describe(Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof NoSuchFileException) {
      return "no such file";
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /**
   * A trace file that cannot be loaded; the message names the file, where in it (line and column,
   * from 1) and what is wrong.
   */
  static final class InputFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    InputFileException(Path file, TraceFileException problem) {
      super(file + ": " + problem.getMessage(), problem);
      this.file = file;
    }

    InputFileException(Path file, String problem) {
      this(file, problem, null);
    }

    InputFileException(Path file, String problem, Throwable cause) {
      super(file + ": " + problem, cause);
      this.file = file;
    }

    Path file() {
      return file;
    }
  }
}
