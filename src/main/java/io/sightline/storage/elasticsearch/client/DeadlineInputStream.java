package io.sightline.storage.elasticsearch.client;

import io.sightline.threads.DaemonThreads;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Holds a response body to the request's deadline. The JDK client's request timeout ends when the
 * response headers arrive; Jaeger's (Go's) timeout covers reading the body too. At the deadline the
 * stream is closed under the reader, whose next read fails with {@link DeadlineExceeded}.
 */
final class DeadlineInputStream extends FilterInputStream {

  /** Reading went past the request's deadline. */
  static final class DeadlineExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    DeadlineExceeded() {
      super("request timeout exceeded while reading the response");
    }
  }

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("es-response-deadline"));

  private final long deadlineNanos;
  private final ScheduledFuture<?> closer;
  private volatile boolean expired;

  /**
   * @param deadlineNanos {@link System#nanoTime()} value after which reading fails
   */
  DeadlineInputStream(InputStream in, long deadlineNanos) {
    super(in);
    this.deadlineNanos = deadlineNanos;
    this.closer =
        WATCHDOG.schedule(
            this::expire, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private void expire() {
    expired = true;
    try {
      in.close();
    } catch (IOException e) {
      // The reader sees the failure on its next read.
    }
  }

  private void check() throws DeadlineExceeded {
    if (expired || System.nanoTime() - deadlineNanos > 0) {
      throw new DeadlineExceeded();
    }
  }

  @Override
  public int read() throws IOException {
    check();
    try {
      return super.read();
    } catch (IOException e) {
      check();
      throw e;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    check();
    try {
      int n = super.read(b, off, len);
      if (n < 0) {
        // Closed under the reader can look like a clean end of the stream: it is not.
        check();
      }
      return n;
    } catch (IOException e) {
      check();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    closer.cancel(false);
    super.close();
  }
}
