package io.sightline.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that fails with an {@link IOException} once more than {@code limit} bytes were
 * read, so that an endpoint taking a whole file ({@code /api/transform}, the pages' upload) cannot
 * be made to hold an unbounded body.
 */
public final class LimitedInputStream extends FilterInputStream {
  private final long limit;
  private final String message;
  private long count;

  /**
   * @param in the body
   * @param limit the most bytes read
   * @param message the exception's message when the limit is passed
   */
  public LimitedInputStream(InputStream in, long limit, String message) {
    super(in);
    this.limit = limit;
    this.message = message;
  }

  /** Whether reading went past the limit. */
  public boolean exceeded() {
    return count > limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  private void counted(int n) throws IOException {
    count += n;
    if (count > limit) {
      throw new IOException(message);
    }
  }
}
