package io.sightline.trace;

import java.time.Instant;
import java.util.List;

/**
 * Reads every stored span that started within a time range, one trace at a time in trace ID order,
 * for jobs over a whole day of spans (the {@code dependencies} command). An implementation holds
 * one page of hits and one trace at a time, whatever the range holds. The spans are what linking
 * reads ({@link DependencyLinker}): everything but their logs, which may be left out.
 */
public interface SpanScanner {

  /** Receives what a scan reads. */
  interface Listener {

    /** How many spans the scan will read, when storage says so (once, before any trace). */
    default void total(long spans) {}

    /** Called after each page with the number of spans read so far. */
    default void read(long spans) {}

    /**
     * The spans of one trace ID that started within the range, in the order read; the list is the
     * listener's to keep.
     */
    void trace(List<Span> spans);
  }

  /**
   * Scans the spans whose start time lies in {@code [start, end)}.
   *
   * @return the spans read
   * @throws StorageException when storage fails or cannot be reached
   */
  long scan(Instant start, Instant end, Listener listener);
}
