package io.sightline.trace;

import java.time.Duration;

/**
 * The server has no room for this read right now: its {@link ReadBudget} is spent by other requests
 * and did not free up within the allowed wait, or too many requests are already waiting. Answered
 * with 503 and {@code Retry-After}; nothing is wrong with the storage or the request.
 */
public class StorageBusyException extends StorageException {

  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public StorageBusyException(String message, Duration retryAfter) {
    super(Kind.UNAVAILABLE, message);
    this.retryAfter = retryAfter;
  }

  /** When trying again may help: the value of the {@code Retry-After} header. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** {@link #retryAfter()} in whole seconds, at least 1, as {@code Retry-After} wants it. */
  public long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
