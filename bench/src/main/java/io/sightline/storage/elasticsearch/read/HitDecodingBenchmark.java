package io.sightline.storage.elasticsearch.read;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.demo.DemoTraceGenerator;
import io.sightline.storage.elasticsearch.client.JsonCodec;
import io.sightline.storage.elasticsearch.document.SpanDecoder;
import io.sightline.storage.elasticsearch.document.SpanDocument;
import io.sightline.storage.elasticsearch.document.SpanToDocument;
import io.sightline.storage.elasticsearch.document.TagsAsFields;
import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Response bytes → domain: what the reader does with a trace's {@code _msearch} response, hit by
 * hit — the streaming hit reader decoding each {@code _source} straight into a span (as {@code
 * TraceFetcher} does). The response is the one Elasticsearch gives for the demo's re-index trace of
 * {@code spans} spans: the documents Sightline's writer stores (as Jaeger's collector does), as
 * hits with {@code _index}, {@code _id}, {@code _score} and {@code sort}. The {@code gzip} variant
 * includes inflating the body, as Elasticsearch compresses its answers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HitDecodingBenchmark {

  @Param({"10000"})
  public int spans;

  private byte[] response;
  private byte[] gzipped;
  private TraceId traceId;

  @Setup
  public void setUp() throws IOException {
    Trace trace =
        new DemoTraceGenerator(
                42, Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneOffset.UTC))
            .generateLargeTrace(spans);
    traceId = trace.traceId();
    response = msearchResponse(trace.spans());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(response);
    }
    gzipped = out.toByteArray();
  }

  /** The response as Elasticsearch 8 writes it for one {@code _msearch} item. */
  static byte[] msearchResponse(List<Span> spans) throws IOException {
    ObjectMapper json = JsonCodec.mapper();
    SpanToDocument toDocument = new SpanToDocument(TagsAsFields.none());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = json.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("took", 12);
      g.writeArrayFieldStart("responses");
      g.writeStartObject();
      g.writeNumberField("took", 12);
      g.writeBooleanField("timed_out", false);
      g.writeObjectFieldStart("_shards");
      g.writeNumberField("total", 5);
      g.writeNumberField("successful", 5);
      g.writeNumberField("skipped", 0);
      g.writeNumberField("failed", 0);
      g.writeEndObject();
      g.writeObjectFieldStart("hits");
      g.writeObjectFieldStart("total");
      g.writeNumberField("value", spans.size());
      g.writeStringField("relation", "eq");
      g.writeEndObject();
      g.writeNullField("max_score");
      g.writeArrayFieldStart("hits");
      int n = 0;
      for (Span span : spans) {
        SpanDocument document = toDocument.toDocument(span);
        g.writeStartObject();
        g.writeStringField("_index", "jaeger-span-2026-01-15");
        g.writeStringField("_id", "doc" + n++);
        g.writeNullField("_score");
        g.writeFieldName("_source");
        json.writeValue(g, document);
        g.writeArrayFieldStart("sort");
        g.writeNumber(span.startTime());
        g.writeString(span.spanId().toString());
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeNumberField("status", 200);
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  @Benchmark
  public List<Span> decode() throws IOException {
    try (JsonParser parser = JsonCodec.mapper().getFactory().createParser(response)) {
      return read(parser);
    }
  }

  @Benchmark
  public List<Span> decodeGzip() throws IOException {
    try (JsonParser parser =
        JsonCodec.mapper()
            .getFactory()
            .createParser(new GZIPInputStream(new ByteArrayInputStream(gzipped), 8192))) {
      return read(parser);
    }
  }

  private List<Span> read(JsonParser parser) throws IOException {
    List<Span> out = new ArrayList<>(spans);
    new SearchHitsReader(new SpanDecoder("@"))
        .readMultiSearch(
            parser,
            "benchmark",
            new SearchHitsReader.Sink() {
              @Override
              public void total(int item, long total) {}

              @Override
              public TraceId traceId(int item) {
                return traceId;
              }

              @Override
              public void hit(int item, String index, String id, Span span, List<Object> sort) {
                out.add(span);
              }
            });
    if (out.size() != spans) {
      throw new IllegalStateException("decoded " + out.size() + " of " + spans + " spans");
    }
    return out;
  }
}
