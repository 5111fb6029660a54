package io.sightline.api;

import io.sightline.http.Failure;
import io.sightline.http.FailureClassifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Failures of the classic {@code /api/*} endpoints as Jaeger reports them: the status from {@link
 * FailureClassifier}, the error envelope as plain text ({@link JaegerResponses#writeError}).
 */
@RestControllerAdvice(
    assignableTypes = {
      ServicesController.class,
      TracesController.class,
      DependenciesController.class,
      TransformController.class,
      MetricsController.class,
      AnalyticsController.class,
      ApiNotFoundController.class
    })
class JaegerApiExceptionHandler {

  @ExceptionHandler(Exception.class)
  void handle(Exception e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Failure failure = FailureClassifier.answer(e, request, response);
    if (failure != null) {
      JaegerResponses.writeError(response, failure.status(), failure.message());
    }
  }
}
