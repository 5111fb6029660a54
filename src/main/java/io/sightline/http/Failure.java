package io.sightline.http;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;

/**
 * What a failure means to whoever sent the request, decided once ({@link FailureClassifier}) for
 * {@code /api}, {@code /api/v3} and the pages alike; each writes it in its own shape.
 *
 * @param status the HTTP status
 * @param message the short public message: never a stack trace, a class name or a server's address
 * @param level how loudly the failure was logged
 * @param retryAfter when to try again ({@code Retry-After}), or null when no time can be promised
 * @param errorId the ID of the log line that has the details, or null when nothing was withheld
 */
public record Failure(
    int status, String message, Level level, Duration retryAfter, String errorId) {

  /** How a failure is logged. */
  public enum Level {
    /** The client's doing, routine: debug at most. */
    CLIENT,
    /** The server or its store is in trouble that an operator should see: one WARN line. */
    WARN,
    /** A bug: ERROR with the stack trace. */
    ERROR
  }

  /** A failure the client caused (400, 404, 405…), with a message it can act on. */
  public static Failure client(int status, String message) {
    return new Failure(status, message, Level.CLIENT, null, null);
  }

  /** Whether trying again later may help (the store or the server is busy or down). */
  public boolean retryable() {
    return status == HttpServletResponse.SC_SERVICE_UNAVAILABLE;
  }

  /** Sets {@code Retry-After} when the failure says when to try again. */
  public void applyHeaders(HttpServletResponse response) {
    if (retryAfter != null) {
      response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
    }
  }
}
