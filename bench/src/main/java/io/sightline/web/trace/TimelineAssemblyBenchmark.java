package io.sightline.web.trace;

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
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Timeline assembly: what the trace page does with a fetched trace of {@code spans} spans (the
 * demo's re-index job) — {@code assemble}: the view (tree, depth-first rows, critical path, hints);
 * {@code timelineJson}: that plus the columnar timeline data written as JSON, as {@code GET
 * /trace/{id}/timeline.json} does on a cache miss.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TimelineAssemblyBenchmark {

  @Param({"10000"})
  public int spans;

  private Trace trace;
  private final ObjectMapper json = JsonMapper.builder().build();

  @Setup
  public void setUp() {
    trace =
        new DemoTraceGenerator(
                42, Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneOffset.UTC))
            .generateLargeTrace(spans);
  }

  @Benchmark
  public TraceView assemble() {
    return TraceViewAssembler.assemble(trace);
  }

  @Benchmark
  public long timelineJson() {
    Counting sink = new Counting();
    json.writeValue(sink, TimelineJson.of(TraceViewAssembler.assemble(trace)));
    return sink.bytes;
  }

  /** Counts what it is given. */
  static final class Counting extends OutputStream {
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
