package io.sightline.trace;

/**
 * The trace storage could not answer. The message is readable by a person and carries the server's
 * own reason where it gave one; it never contains credentials.
 */
public class StorageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong, as far as the caller needs to know. */
  public enum Kind {
    /** The storage cannot be reached or refuses service (connection, auth, 503). */
    UNAVAILABLE,
    /** The storage did not answer within the configured timeout. */
    TIMEOUT,
    /** The storage answered with an error. */
    FAILED
  }

  private final Kind kind;

  public StorageException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public StorageException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
