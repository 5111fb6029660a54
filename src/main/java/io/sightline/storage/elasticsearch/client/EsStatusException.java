package io.sightline.storage.elasticsearch.client;

import io.sightline.trace.StorageException;

/**
 * Elasticsearch answered with an HTTP error status. The message carries the status and the server's
 * reason; {@link #status()} lets a caller treat, say, a 404 as "absent".
 */
public final class EsStatusException extends StorageException {

  private static final long serialVersionUID = 1L;

  private final int status;

  EsStatusException(Kind kind, int status, String message, String publicMessage) {
    super(kind, message, publicMessage, null);
    this.status = status;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }
}
