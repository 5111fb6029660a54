package io.sightline.storage.elasticsearch.client;

import io.sightline.trace.RequestCancellation;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body that the request's {@link RequestCancellation} closes under its reader when the
 * client goes away: the next read fails with {@link Cancelled}, and the connection to Elasticsearch
 * is dropped rather than drained (Elasticsearch cancels a search whose connection closed).
 */
final class CancellableBody extends FilterInputStream {

  /** The request was cancelled while its response was being read. */
  static final class Cancelled extends IOException {
    private static final long serialVersionUID = 1L;

    Cancelled() {
      super("the client went away while the response was being read");
    }
  }

  private final RequestCancellation.Registration registration;
  private final Thread reader = Thread.currentThread();
  private volatile boolean cancelled;
  private volatile boolean reading;

  CancellableBody(InputStream in) {
    super(in);
    this.registration = RequestCancellation.onCancel(this::cancel);
  }

  private void cancel() {
    cancelled = true;
    try {
      in.close();
    } catch (IOException e) {
      // The reader sees the failure on its next read.
    }
    if (reading) {
      reader.interrupt(); // a read blocked waiting for bytes may not notice the close
    }
  }

  private void check() throws Cancelled {
    if (cancelled) {
      throw new Cancelled();
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n;
    do {
      n = read(one, 0, 1);
    } while (n == 0);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    check();
    reading = true;
    try {
      int n = super.read(b, off, len);
      if (n < 0) {
        check(); // closed under the reader looks like the end of the stream: it is not
      }
      return n;
    } catch (IOException e) {
      check();
      throw e;
    } finally {
      reading = false;
    }
  }

  @Override
  public void close() throws IOException {
    registration.close();
    super.close();
  }
}
