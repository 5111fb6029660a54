package io.sightline.storage.elasticsearch.read;

import io.sightline.http.json.UiJsonWritingBenchmark;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * CPU time of the fetch path's two halves on one thread, which a busy machine does not inflate as
 * it does wall-clock time: decoding the 10,000-span trace's {@code _msearch} response ({@link
 * HitDecodingBenchmark#decode}) and writing its Jaeger UI JSON ({@link
 * UiJsonWritingBenchmark#write}). Prints the minimum and the median of {@code rounds} rounds after
 * as many warm-up rounds. Run: {@code java -cp … io.sightline.storage.elasticsearch.read.
 * ReadPathCpuProbe [rounds]}.
 */
public final class ReadPathCpuProbe {

  private ReadPathCpuProbe() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    HitDecodingBenchmark decoding = new HitDecodingBenchmark();
    decoding.spans = 10_000;
    decoding.setUp();
    UiJsonWritingBenchmark writing = new UiJsonWritingBenchmark();
    writing.spans = 10_000;
    writing.setUp();
    measure("decode", rounds, decoding::decode);
    measure("write", rounds, writing::write);
  }

  private static void measure(String name, int rounds, Callable<?> work) throws Exception {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long[] nanos = new long[rounds];
    for (int round = -rounds; round < rounds; round++) {
      long start = cpu.getCurrentThreadCpuTime();
      work.call();
      if (round >= 0) {
        nanos[round] = cpu.getCurrentThreadCpuTime() - start;
      }
    }
    Arrays.sort(nanos);
    System.out.printf(
        "%s: min %.1f ms, median %.1f ms CPU (%d rounds after %d warm-up)%n",
        name, nanos[0] / 1e6, nanos[rounds / 2] / 1e6, rounds, rounds);
  }
}
