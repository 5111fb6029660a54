package io.sightline.http.json;

import io.sightline.demo.DemoTraceGenerator;
import io.sightline.trace.Trace;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.core.JsonGenerator;

/**
 * Domain → Jaeger UI JSON: what {@code GET /api/traces/{id}} writes for the demo's re-index trace
 * of {@code spans} spans ({@code {"data":[trace]}} through Go-compatible generators), into a
 * counting sink so that only the writing is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class UiJsonWritingBenchmark {

  @Param({"10000"})
  public int spans;

  private Trace trace;

  @Setup
  public void setUp() {
    trace =
        new DemoTraceGenerator(
                42, Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneOffset.UTC))
            .generateLargeTrace(spans);
  }

  @Benchmark
  public long write() {
    CountingSink sink = new CountingSink();
    try (JsonGenerator g = GoJson.generator(sink, false)) {
      g.writeStartObject();
      g.writeName("data");
      g.writeStartArray();
      UiTraceJson.write(g, trace);
      g.writeEndArray();
      g.writeEndObject();
    }
    return sink.bytes;
  }

  /** Counts what it is given. */
  static final class CountingSink extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }
}
