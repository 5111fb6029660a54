package io.sightline.format.file;

import io.sightline.format.StrictJsonReader;
import io.sightline.format.TraceFileException;
import io.sightline.format.jaeger.JaegerModelJson;
import io.sightline.format.jaeger.JaegerUiJson;
import io.sightline.format.otlp.OtlpJson;
import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * The trace file formats Sightline reads (the {@code load} command, the pages' upload), told apart
 * by their content (never by the file name).
 */
public enum TraceFileFormat {
  /**
   * Jaeger's model JSON (gogo-protobuf {@code model.Trace}, the storage integration fixtures): a
   * trace object {@code {"spans":[…], "processMap":[…]}}, an array of spans, or one span. Read
   * whole, then grouped by trace ID.
   */
  JAEGER_MODEL("Jaeger model JSON") {
    @Override
    public void read(InputStream in, Consumer<Trace> sink) {
      group(JaegerModelJson.readSpans(in), sink);
    }
  },
  /** One span object of Jaeger's model JSON. */
  JAEGER_MODEL_SPAN("Jaeger model JSON") {
    @Override
    public void read(InputStream in, Consumer<Trace> sink) {
      sink.accept(Trace.of(new ArrayList<>(List.of(JaegerModelJson.readSpan(in)))));
    }
  },
  /**
   * Jaeger UI JSON ({@code {"data":[trace…]}} as {@code /api/traces} answers, or one trace object):
   * streamed trace by trace.
   */
  JAEGER_UI("Jaeger UI JSON") {
    @Override
    public void read(InputStream in, Consumer<Trace> sink) {
      JaegerUiJson.readTraces(in, sink);
    }
  },
  /**
   * OTLP/JSON {@code TracesData} (an OTLP/HTTP request body), or JSON lines of them (the
   * Collector's file exporter). A trace's spans may be spread over the file, so the file is read
   * whole and grouped by trace ID.
   */
  OTLP("OTLP JSON") {
    @Override
    public void read(InputStream in, Consumer<Trace> sink) {
      OtlpJson.readTraces(in).forEach(sink);
    }
  };

  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

  private final String description;

  TraceFileFormat(String description) {
    this.description = description;
  }

  /** The format's name, for messages. */
  public String description() {
    return description;
  }

  /**
   * Reads every trace of the input and hands each to the sink.
   *
   * @throws TraceFileException where the content is malformed
   * @throws UncheckedIOException when reading fails
   */
  public abstract void read(InputStream in, Consumer<Trace> sink);

  /**
   * Which format the input holds, from its first top-level value: the field names of the top-level
   * object (or of the first array element), and where they do not decide, those of the first span.
   *
   * @throws TraceFileException when it is no trace format Sightline reads, or not JSON
   */
  public static TraceFileFormat detect(InputStream in) {
    return StrictJsonReader.read(
        () -> FACTORY.createParser(ObjectReadContext.empty(), in), TraceFileFormat::fromFirstValue);
  }

  private static TraceFileFormat fromFirstValue(JsonParser parser) {
    JsonToken first = parser.nextToken();
    if (first == null) {
      throw new TraceFileException(1, 1, "the file is empty", null);
    }
    TokenStreamLocation start = parser.currentTokenLocation();
    if (first == JsonToken.START_ARRAY) {
      JsonToken element = parser.nextToken();
      if (element == JsonToken.END_ARRAY) {
        return JAEGER_MODEL; // no spans, whichever format was meant
      }
      if (element == JsonToken.START_OBJECT) {
        TraceFileFormat format = fromFields(parser, true);
        if (format != null) {
          return format;
        }
      }
    } else if (first == JsonToken.START_OBJECT) {
      TraceFileFormat format = fromFields(parser, false);
      if (format != null) {
        return format;
      }
    }
    throw unknown(start);
  }

  private static TraceFileException unknown(TokenStreamLocation at) {
    return new TraceFileException(
        at == null ? 1 : at.getLineNr(),
        at == null ? 1 : at.getColumnNr(),
        "not a trace file Sightline reads: expected OTLP JSON ({\"resourceSpans\":…}), Jaeger UI"
            + " JSON ({\"data\":[…]} or {\"traceID\",\"spans\",\"processes\"}) or Jaeger model JSON"
            + " ({\"spans\":[…],\"processMap\":[…]})",
        null);
  }

  /**
   * Looks at the field names of the object just opened. {@code inArray}: the object is an element
   * of a top-level array (a UI trace or a model span).
   */
  private static TraceFileFormat fromFields(JsonParser parser, boolean inArray) {
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "resourceSpans", "resource_spans" -> {
          if (!inArray) {
            return OTLP;
          }
        }
        case "data", "errors" -> {
          if (!inArray) {
            return JAEGER_UI;
          }
        }
        case "traceID", "spanID", "processes", "processID" -> {
          return JAEGER_UI;
        }
        case "processMap", "process_map" -> {
          return JAEGER_MODEL;
        }
        case "traceId", "spanId", "trace_id", "span_id", "processId", "process_id" -> {
          return inArray ? JAEGER_MODEL : JAEGER_MODEL_SPAN;
        }
        case "spans" -> {
          if (value == JsonToken.START_ARRAY && parser.nextToken() == JsonToken.START_OBJECT) {
            // The first span's field names decide: UI spans spell IDs traceID/spanID.
            TraceFileFormat ofSpan = fromFields(parser, true);
            if (ofSpan == JAEGER_UI || ofSpan == JAEGER_MODEL) {
              return ofSpan;
            }
            return null;
          }
          return JAEGER_MODEL; // no spans: nothing to tell, nothing to load
        }
        default -> {}
      }
      parser.skipChildren();
    }
    return null;
  }

  /** Groups spans by trace ID, in order of first appearance. */
  private static void group(List<Span> spans, Consumer<Trace> sink) {
    Map<TraceId, List<Span>> byTrace = new LinkedHashMap<>();
    for (Span span : spans) {
      byTrace.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
    }
    for (List<Span> trace : byTrace.values()) {
      sink.accept(Trace.of(trace));
    }
  }
}
