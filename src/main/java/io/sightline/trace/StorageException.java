package io.sightline.trace;

/**
 * The trace storage could not answer. The message is readable by a person and carries the server's
 * own reason where it gave one; it never contains credentials. It is meant for the log: a store
 * whose messages name servers, indices or users gives a shorter {@link #publicMessage()} for
 * clients and pages.
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
  private final String publicMessage;

  /** A failure whose message may be shown to anyone. */
  public StorageException(Kind kind, String message) {
    this(kind, message, message, null);
  }

  /** A failure whose message may be shown to anyone. */
  public StorageException(Kind kind, String message, Throwable cause) {
    this(kind, message, message, cause);
  }

  /**
   * A failure with details for the log only.
   *
   * @param message the details (server URLs, index and user names), for the log
   * @param publicMessage what clients and pages may be shown
   */
  public StorageException(Kind kind, String message, String publicMessage, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.publicMessage = publicMessage;
  }

  /** What clients and pages may be shown; {@link #getMessage()} when it holds nothing private. */
  public String publicMessage() {
    return publicMessage;
  }

  /** Whether {@link #getMessage()} holds details that only the log may show. */
  public boolean hasPrivateDetails() {
    return !publicMessage.equals(getMessage());
  }

  public Kind kind() {
    return kind;
  }
}
