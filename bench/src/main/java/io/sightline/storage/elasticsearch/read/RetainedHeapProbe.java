package io.sightline.storage.elasticsearch.read;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;

/**
 * What a decoded span holds on the heap, for the read budget's per-span estimate: decodes the
 * demo's large trace from an {@code _msearch} answer (as {@link HitDecodingBenchmark} does), keeps
 * the spans, and prints the heap retained per span after a full collection. Run: {@code java -cp …
 * io.sightline.storage.elasticsearch.read.RetainedHeapProbe [spans]}.
 */
public final class RetainedHeapProbe {

  private RetainedHeapProbe() {}

  public static void main(String[] args) throws Exception {
    HitDecodingBenchmark decoding = new HitDecodingBenchmark();
    decoding.spans = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    decoding.setUp();
    decoding.decode(); // warm up the decoder's classes, then measure a fresh decode
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = usedAfterGc(memory);
    List<?> spans = decoding.decode();
    long after = usedAfterGc(memory);
    System.out.printf(
        "%,d spans decoded: %,d bytes retained, %,d bytes per span%n",
        spans.size(), after - before, (after - before) / spans.size());
  }

  private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
