package io.sightline.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The accounts of one source of traces (a file, or the generator): what was read from it and what
 * of that is written. Thread-safe: writes are acknowledged on the pipeline's threads.
 */
final class Tally {

  private final String name;
  private final AtomicLong tracesRead = new AtomicLong();
  private final AtomicLong spansRead = new AtomicLong();
  private final AtomicLong tracesWritten = new AtomicLong();
  private final AtomicLong spansWritten = new AtomicLong();
  private volatile boolean readToEnd;

  Tally(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  void read(int spans) {
    tracesRead.incrementAndGet();
    spansRead.addAndGet(spans);
  }

  void spansWritten(int spans) {
    spansWritten.addAndGet(spans);
  }

  void traceWritten() {
    tracesWritten.incrementAndGet();
  }

  /** Every trace of the source has been handed to the pipeline. */
  void readToEnd() {
    readToEnd = true;
  }

  long tracesRead() {
    return tracesRead.get();
  }

  long spansRead() {
    return spansRead.get();
  }

  long tracesWritten() {
    return tracesWritten.get();
  }

  long spansWritten() {
    return spansWritten.get();
  }

  /** Read to the end and every span of it written. */
  boolean complete() {
    return readToEnd && tracesWritten.get() == tracesRead.get();
  }
}
