package io.sightline.format.jaeger;

import io.sightline.format.StrictJsonReader;
import io.sightline.format.TraceFileException;
import io.sightline.trace.Trace;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads Jaeger UI's JSON (Jaeger's {@code uimodel}): what {@code GET /api/traces} and {@code GET
 * /api/traces/{id}} answer and what the UI's "Download JSON" saves.
 *
 * <p>Accepted at the top level: the API envelope {@code {"data":[trace…], "total", "limit",
 * "offset", "errors"}}, one trace object {@code {"traceID", "spans", "processes", "warnings"}}, or
 * an array of trace objects; several such values may follow one another (JSON lines).
 *
 * <p>Within a trace: IDs as hex ({@code traceID} 1–32 characters, {@code spanID} 1–16), times and
 * durations in microseconds (numbers, or numeric strings), each span's process through {@code
 * processID} in the trace's {@code processes} map (or inline as {@code process}), tags typed by
 * {@code type} ({@code string}, {@code bool}, {@code int64} — a number or, beyond JavaScript's
 * 2^53, a string — {@code float64} — a number or {@code "NaN"}, {@code "+Inf"}, {@code "-Inf"} —
 * and {@code binary} as base64). Unknown fields are ignored, as Go's decoder ignores them.
 *
 * <p>Malformed input raises {@link TraceFileException} naming the line, the column and the problem;
 * an I/O failure raises {@link UncheckedIOException}. The caller owns a stream passed in: it is
 * read, never closed.
 */
public final class JaegerUiJson {

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private JaegerUiJson() {}

  /**
   * Reads the traces and hands each to {@code sink} as soon as its object has been read, so a file
   * of many traces is never held whole. A trace without spans is skipped. Exceptions thrown by the
   * sink pass through unchanged.
   */
  public static void readTraces(InputStream json, Consumer<Trace> sink) {
    read(() -> FACTORY.createParser(ObjectReadContext.empty(), json), sink);
  }

  /** All traces of the text, in order. */
  public static List<Trace> readTraces(String json) {
    List<Trace> traces = new ArrayList<>();
    read(() -> FACTORY.createParser(ObjectReadContext.empty(), json), traces::add);
    return traces;
  }

  /** All traces of the file, in order. */
  public static List<Trace> readTraces(Path json) {
    List<Trace> traces = new ArrayList<>();
    StrictJsonReader.readFile(
        json,
        in -> {
          readTraces(in, traces::add);
          return null;
        });
    return traces;
  }

  /** Creates the parser inside the try: for a stream, creating it already reads. */
  private static void read(Supplier<JsonParser> parsers, Consumer<Trace> sink) {
    StrictJsonReader.read(
        parsers,
        parser -> {
          new UiJsonReader(parser, sink).readAll();
          return null;
        });
  }
}
