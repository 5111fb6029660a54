package io.sightline.format.jaeger;

import io.sightline.format.StrictJsonReader;
import io.sightline.format.TraceFileException;
import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads Jaeger's model JSON: the gogo-protobuf JSON of {@code model.Trace} and {@code model.Span}
 * that Jaeger's storage integration fixtures ({@code fixtures/traces/*.json}) and conversion
 * fixtures ({@code domain_NN.json}) are written in.
 *
 * <p>The format: {@code traceId}/{@code spanId} as base64 of 16/8 big-endian bytes, {@code
 * startTime} and log {@code timestamp} as RFC 3339 text, {@code duration} as a Go duration ({@code
 * "5000ns"}), tags as {@code {key, vType, vStr|vBool|vInt64|vFloat64|vBinary}} with {@code vType}
 * omitted for strings, and either an inline {@code process} or a {@code processId} looked up in the
 * trace's {@code processMap}. Times become microseconds, truncated like Jaeger's own conversion.
 *
 * <p>Malformed input raises {@link TraceFileException} naming the line, the column and the problem;
 * an I/O failure raises {@link UncheckedIOException}. The caller owns a stream passed in: it is
 * read, never closed.
 */
public final class JaegerModelJson {

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private JaegerModelJson() {}

  /** A {@code model.Trace} object: {@code {"spans":[…], "processMap":[…], "warnings":[…]}}. */
  public static Trace readTrace(InputStream json) {
    return read(FACTORY.createParser(ObjectReadContext.empty(), json), ModelJsonReader::trace);
  }

  /** Like {@link #readTrace(InputStream)}, from text. */
  public static Trace readTrace(String json) {
    return read(FACTORY.createParser(ObjectReadContext.empty(), json), ModelJsonReader::trace);
  }

  /** Like {@link #readTrace(InputStream)}, from a file. */
  public static Trace readTrace(Path json) {
    return StrictJsonReader.readFile(json, JaegerModelJson::readTrace);
  }

  /** The spans of a trace object, or of a JSON array of span objects. */
  public static List<Span> readSpans(InputStream json) {
    return read(FACTORY.createParser(ObjectReadContext.empty(), json), ModelJsonReader::spans);
  }

  /** Like {@link #readSpans(InputStream)}, from text. */
  public static List<Span> readSpans(String json) {
    return read(FACTORY.createParser(ObjectReadContext.empty(), json), ModelJsonReader::spans);
  }

  /** Like {@link #readSpans(InputStream)}, from a file. */
  public static List<Span> readSpans(Path json) {
    return StrictJsonReader.readFile(json, JaegerModelJson::readSpans);
  }

  /** One {@code model.Span} object (it must carry its {@code process} inline). */
  public static Span readSpan(InputStream json) {
    return read(FACTORY.createParser(ObjectReadContext.empty(), json), ModelJsonReader::span);
  }

  /** Like {@link #readSpan(InputStream)}, from text. */
  public static Span readSpan(String json) {
    return read(FACTORY.createParser(ObjectReadContext.empty(), json), ModelJsonReader::span);
  }

  /** Like {@link #readSpan(InputStream)}, from a file. */
  public static Span readSpan(Path json) {
    return StrictJsonReader.readFile(json, JaegerModelJson::readSpan);
  }

  private static <T> T read(JsonParser parser, Function<ModelJsonReader, T> what) {
    return StrictJsonReader.read(() -> parser, p -> what.apply(new ModelJsonReader(p)));
  }
}
