package io.sightline.format.otlp;

import io.sightline.format.StrictJsonReader;
import io.sightline.format.TraceFileException;
import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.json.JsonFactory;

/**
 * OTLP/JSON traces, read into and written from the domain model.
 *
 * <p>Reading ({@link #readTraces}, {@link #readSpans}) applies the OpenTelemetry→Jaeger translation
 * Jaeger applies when it shows OTLP (see {@link OtlpToJaeger}); malformed input raises {@link
 * TraceFileException} naming the line and column, an I/O failure {@link UncheckedIOException}. The
 * input may hold several {@code TracesData} objects one after another (JSON lines).
 *
 * <p>Writing ({@link #writeTracesData}, {@link #writeResult}) applies the Jaeger→OpenTelemetry
 * translation and the JSON encoding of Jaeger's {@code /api/v3} gateway (see {@link
 * OtlpJsonWriter}), streaming span by span.
 *
 * <p>Streams passed in are read or written, never closed.
 */
public final class OtlpJson {

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private OtlpJson() {}

  /**
   * Reads OTLP/JSON and groups the spans into traces by trace ID, in order of first appearance,
   * each trace's spans in input order (as Jaeger's {@code /api/transform} does).
   */
  public static List<Trace> readTraces(InputStream json) {
    TraceCollector traces = new TraceCollector();
    readSpans(json, traces);
    return traces.traces();
  }

  /** Like {@link #readTraces(InputStream)}, from text. */
  public static List<Trace> readTraces(String json) {
    TraceCollector traces = new TraceCollector();
    read(FACTORY.createParser(ObjectReadContext.empty(), json), traces);
    return traces.traces();
  }

  /** Like {@link #readTraces(InputStream)}, from a file. */
  public static List<Trace> readTraces(Path json) {
    return StrictJsonReader.readFile(json, OtlpJson::readTraces);
  }

  /**
   * Reads OTLP/JSON and hands each span to {@code sink} as soon as its {@code resourceSpans} entry
   * has been read, so that a large file is never held whole.
   */
  public static void readSpans(InputStream json, Consumer<Span> sink) {
    read(FACTORY.createParser(ObjectReadContext.empty(), json), sink);
  }

  /**
   * Writes these traces as one OTLP/JSON {@code TracesData} object ({@code {"resourceSpans":[…]}}),
   * each trace's resources one after another.
   */
  public static void writeTracesData(JsonGenerator generator, Iterable<Trace> traces) {
    OtlpJsonWriter.writeTracesData(generator, traces);
  }

  /**
   * Writes {@code {"result": TracesData}}, the body of Jaeger's {@code /api/v3/traces} answers,
   * compact, to the stream.
   */
  public static void writeResult(OutputStream out, Iterable<Trace> traces) {
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeName("result");
      writeTracesData(g, traces);
      g.writeEndObject();
    } catch (JacksonIOException e) {
      throw new UncheckedIOException(e.getCause());
    }
  }

  private static void read(JsonParser parser, Consumer<Span> sink) {
    StrictJsonReader.read(
        () -> parser,
        p -> {
          new OtlpJsonReader(p, sink).readAll();
          return null;
        });
  }

  /** Groups spans into traces by trace ID, in order of first appearance. */
  private static final class TraceCollector implements Consumer<Span> {
    private final Map<TraceId, List<Span>> spansByTrace = new LinkedHashMap<>();

    @Override
    public void accept(Span span) {
      spansByTrace.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
    }

    List<Trace> traces() {
      List<Trace> traces = new ArrayList<>(spansByTrace.size());
      for (List<Span> spans : spansByTrace.values()) {
        traces.add(Trace.of(spans));
      }
      return traces;
    }
  }
}
