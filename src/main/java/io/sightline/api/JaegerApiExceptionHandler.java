package io.sightline.api;

import io.sightline.trace.StorageBusyException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Failures of the classic {@code /api/*} endpoints as Jaeger reports them: the status from {@link
 * ApiFailure}, the error envelope as plain text ({@link JaegerResponses#writeError}).
 */
@RestControllerAdvice(
    assignableTypes = {
      ServicesController.class,
      TracesController.class,
      DependenciesController.class,
      TransformController.class,
      MetricsController.class,
      AnalyticsController.class
    })
class JaegerApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(JaegerApiExceptionHandler.class);

  @ExceptionHandler(Exception.class)
  void handle(Exception e, HttpServletResponse response) throws IOException {
    if (response.isCommitted()) {
      // Mid-stream: nothing can be reported to the client any more.
      if (causedByIo(e)) {
        log.debug("Client went away: {}", e.toString()); // routine
      } else {
        log.error("Failed while streaming a response", e);
      }
      return;
    }
    if (e instanceof StorageBusyException busy) {
      response.setHeader("Retry-After", Long.toString(busy.retryAfterSeconds()));
    }
    ApiFailure failure = ApiFailure.of(e);
    JaegerResponses.writeError(response, failure.status(), failure.message());
  }

  /** An I/O failure, possibly wrapped (Jackson 3 wraps them in an unchecked exception). */
  private static boolean causedByIo(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
