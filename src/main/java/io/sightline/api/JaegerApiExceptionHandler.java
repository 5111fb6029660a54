package io.sightline.api;

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
      // Mid-stream (typically the client went away): nothing can be reported any more.
      log.debug("Response already started when this happened: {}", e.toString());
      return;
    }
    ApiFailure failure = ApiFailure.of(e);
    JaegerResponses.writeError(response, failure.status(), failure.message());
  }
}
