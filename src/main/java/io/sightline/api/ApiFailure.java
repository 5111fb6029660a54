package io.sightline.api;

import io.sightline.trace.ArchiveNotConfiguredException;
import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.StorageException;
import io.sightline.trace.TraceNotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failure means to an API client: the HTTP status and the message to show. Shared by every
 * JSON API, whatever its error body looks like.
 *
 * <ul>
 *   <li>a bad parameter ({@link InvalidQueryException}): 400 with Jaeger's message;
 *   <li>a trace in neither store: 404 {@code trace not found};
 *   <li>a store that is down or too slow: 503 with the store's reason (Jaeger says 500; a 503 tells
 *       clients and load balancers that retrying may help);
 *   <li>any other storage failure, a missing archive: 500 with the reason;
 *   <li>anything else (a bug): 500 {@code internal server error}, the details only in the log.
 * </ul>
 *
 * @param status the HTTP status
 * @param message the client-facing message; never a stack trace
 */
public record ApiFailure(int status, String message) {

  private static final Logger log = LoggerFactory.getLogger(ApiFailure.class);

  /**
   * Classifies the failure and logs it as it deserves (server faults loudly, client faults not).
   */
  public static ApiFailure of(Throwable failure) {
    if (failure instanceof InvalidQueryException) {
      return new ApiFailure(HttpServletResponse.SC_BAD_REQUEST, failure.getMessage());
    }
    if (failure instanceof TraceNotFoundException) {
      return new ApiFailure(HttpServletResponse.SC_NOT_FOUND, failure.getMessage());
    }
    if (failure instanceof ArchiveNotConfiguredException) {
      return new ApiFailure(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, failure.getMessage());
    }
    if (failure instanceof StorageException storage) {
      if (storage.kind() == StorageException.Kind.FAILED) {
        log.error("Trace storage failed: {}", storage.getMessage(), storage);
        return new ApiFailure(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, storage.getMessage());
      }
      log.warn(
          "Trace storage {}: {}",
          storage.kind().name().toLowerCase(Locale.ROOT),
          storage.getMessage());
      return new ApiFailure(HttpServletResponse.SC_SERVICE_UNAVAILABLE, storage.getMessage());
    }
    log.error("Unexpected failure serving the API", failure);
    return new ApiFailure(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "internal server error");
  }
}
