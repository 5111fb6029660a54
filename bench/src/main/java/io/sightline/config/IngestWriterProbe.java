package io.sightline.config;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.sightline.demo.DemoTraceGenerator;
import io.sightline.format.otlp.OtlpProto;
import io.sightline.storage.memory.MemoryDependencyStore;
import io.sightline.storage.memory.MemorySpanStore;
import io.sightline.storage.memory.MemoryStoreProperties;
import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The OTLP ingest writer thread's work without the receivers (bench sources, plain {@code main}):
 * demo-shop traces converted to OTLP and back ({@link OtlpProto}, as the receivers read them), cut
 * into requests of ~512 spans of whole {@code ResourceSpans} and joined into writes of at most
 * 5,000 spans as the ingest queue joins them, then written by {@link ArrivedDependencies} into a
 * {@link MemorySpanStore} on this one thread. Prints this thread's CPU time and allocation per span
 * ({@code ThreadMXBean}), the figures that do not depend on what else runs on the machine.
 *
 * <p>Arguments: spans (default 500,000), rounds (default 3; the first warms the JIT up).
 */
public final class IngestWriterProbe {

  private IngestWriterProbe() {}

  public static void main(String[] args) throws Exception {
    long spans = args.length > 0 ? Long.parseLong(args[0]) : 500_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<List<Span>> writes = writes(spans);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) threads;
    for (int round = 1; round <= rounds; round++) {
      MemorySpanStore store =
          new MemorySpanStore(
              new MemoryStoreProperties(0, (int) spans * 2, Duration.ofHours(72)),
              Clock.systemUTC());
      long cpu = threads.getCurrentThreadCpuTime();
      long bytes = allocation.getCurrentThreadAllocatedBytes();
      try (ArrivedDependencies writer =
          new ArrivedDependencies(
              store, store, new MemoryDependencyStore(), Duration.ofHours(1), Clock.systemUTC())) {
        for (List<Span> write : writes) {
          writer.writeSpans(write);
        }
      }
      double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / spans;
      double allocated = (allocation.getCurrentThreadAllocatedBytes() - bytes) / (double) spans;
      System.out.printf(
          Locale.ROOT,
          "round %d: %,d spans in %,d writes: %.2f µs CPU/span, %.0f bytes allocated/span, %s%n",
          round,
          spans,
          writes.size(),
          cpuMicros,
          allocated,
          store.stats());
    }
  }

  private static List<List<Span>> writes(long spans) {
    List<List<Span>> requests = new ArrayList<>();
    List<Span> request = new ArrayList<>();
    for (Trace trace :
        (Iterable<Trace>)
            new DemoTraceGenerator(14, Clock.systemUTC())
                    .tracesWithSpans(spans, Duration.ofHours(1))
                ::iterator) {
      for (ResourceSpans resource : OtlpProto.tracesData(trace).getResourceSpansList()) {
        OtlpProto.readSpans(List.of(resource), request::add);
        if (request.size() >= 512) {
          requests.add(request);
          request = new ArrayList<>();
        }
      }
    }
    if (!request.isEmpty()) {
      requests.add(request);
    }
    // The queue joins what waits into writes of up to 5,000 spans (under load, it is all full).
    List<List<Span>> writes = new ArrayList<>();
    List<Span> write = new ArrayList<>();
    for (List<Span> r : requests) {
      if (write.size() + r.size() > OtlpIngestConfiguration.WRITE_BATCH_SPANS) {
        writes.add(write);
        write = new ArrayList<>();
      }
      write.addAll(r);
    }
    if (!write.isEmpty()) {
      writes.add(write);
    }
    return writes;
  }
}
