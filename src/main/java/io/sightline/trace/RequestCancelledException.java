package io.sightline.trace;

/**
 * A storage exchange was stopped because the request's client went away ({@link
 * RequestCancellation}): nobody is waiting for an answer.
 */
public final class RequestCancelledException extends StorageException {
  private static final long serialVersionUID = 1L;

  public RequestCancelledException() {
    super(Kind.UNAVAILABLE, "the request was cancelled: its client went away");
  }

  public RequestCancelledException(Throwable cause) {
    super(Kind.UNAVAILABLE, "the request was cancelled: its client went away", cause);
  }
}
