package io.sightline.http.json;

import io.sightline.demo.DemoTraceGenerator;
import io.sightline.trace.Trace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import tools.jackson.core.JsonGenerator;

/**
 * The response gzip level, by measurement: compresses {@code GET /api/traces/{id}}'s answer for the
 * demo's 10,000-span re-index trace at gzip levels 1, 3, 6 and 9 and prints, per level, the CPU
 * time of one compression (median of 15, after 5 warm-up rounds, this thread's CPU time) and the
 * compressed size. Run: {@code java -cp … io.sightline.http.json.GzipLevelProbe [spans]}.
 */
public final class GzipLevelProbe {

  private GzipLevelProbe() {}

  public static void main(String[] args) throws IOException {
    int spans = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Trace trace =
        new DemoTraceGenerator(
                42, Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneOffset.UTC))
            .generateLargeTrace(spans);
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    try (JsonGenerator g = GoJson.generator(json, false)) {
      g.writeStartObject();
      g.writeName("data");
      g.writeStartArray();
      UiTraceJson.write(g, trace);
      g.writeEndArray();
      g.writeEndObject();
    }
    byte[] body = json.toByteArray();
    System.out.printf("answer: %,d bytes (%d spans)%n", body.length, spans);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int level : new int[] {1, 3, 6, 9}) {
      long[] nanos = new long[15];
      long size = 0;
      for (int round = -5; round < nanos.length; round++) {
        long start = cpu.getCurrentThreadCpuTime();
        size = gzip(body, level);
        if (round >= 0) {
          nanos[round] = cpu.getCurrentThreadCpuTime() - start;
        }
      }
      Arrays.sort(nanos);
      System.out.printf(
          "level %d: %.1f ms CPU, %,d bytes (%.1f %%)%n",
          level, nanos[nanos.length / 2] / 1e6, size, 100.0 * size / body.length);
    }
  }

  /** Gzips as Tomcat's filter does (8 KiB writes into a GZIPOutputStream), at {@code level}. */
  private static long gzip(byte[] body, int level) throws IOException {
    UiJsonWritingBenchmark.CountingSink sink = new UiJsonWritingBenchmark.CountingSink();
    try (GZIPOutputStream out =
        new GZIPOutputStream(sink, 8192, true) {
          {
            def.setLevel(level);
          }
        }) {
      for (int from = 0; from < body.length; from += 8192) {
        out.write(body, from, Math.min(8192, body.length - from));
      }
    }
    return sink.bytes;
  }
}
