package io.sightline.web;

import io.sightline.http.Failure;
import io.sightline.http.FailureClassifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors of the pages (and of the JSON the pages fetch), for people: an HTML page with the status
 * and a readable message — never a stack trace. Requests answered with JSON get {@code {status,
 * message}}. Applies to the web controllers only; the API has its own envelope.
 */
@ControllerAdvice(basePackageClasses = WebExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebExceptionHandler {

  @ExceptionHandler(NotFoundException.class)
  Object notFound(NotFoundException e, HandlerMethod handler, HttpServletRequest request) {
    return respond(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), handler, request);
  }

  /**
   * Every other failure, classified as the API classifies it ({@link FailureClassifier}): the same
   * status for the same storage error, a short message, details only in the log.
   */
  @ExceptionHandler(Exception.class)
  Object other(
      Exception e,
      HandlerMethod handler,
      HttpServletRequest request,
      HttpServletResponse response) {
    Failure failure = FailureClassifier.answer(e, request, response);
    if (failure == null) {
      return null; // the browser left while a big answer was being written: nobody to tell
    }
    HttpStatusCode status = HttpStatusCode.valueOf(failure.status());
    return respond(status, title(failure), pageMessage(failure), handler, request);
  }

  private static String title(Failure failure) {
    return switch (failure.status()) {
      case 400 -> "Bad request";
      case 404 -> "Not found";
      case 503 -> "Trace storage unavailable";
      default ->
          failure.level() == Failure.Level.CLIENT && failure.status() < 500
              ? reason(failure.status())
              : "Something went wrong";
    };
  }

  private static String pageMessage(Failure failure) {
    if (failure.retryable()) {
      return "The trace storage could not answer: "
          + failure.message()
          + ". Try again in a moment.";
    }
    if (failure.level() == Failure.Level.ERROR) {
      return "Sightline failed to answer this request. The server log has the details (error ID "
          + failure.errorId()
          + ").";
    }
    return failure.message();
  }

  private static String reason(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    return known == null ? "Request failed" : known.getReasonPhrase();
  }

  private static Object respond(
      HttpStatusCode status,
      String title,
      String message,
      HandlerMethod handler,
      HttpServletRequest request) {
    if (handler != null
        && (AnnotatedElementUtils.hasAnnotation(handler.getMethod(), ResponseBody.class)
            || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class))) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", status.value());
      body.put("message", message);
      return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
    ModelAndView page = new ModelAndView("error");
    page.setStatus(status);
    page.addObject("status", status.value());
    page.addObject("errorTitle", title);
    page.addObject("message", message);
    page.addObject(EmbedOptions.ATTRIBUTE, EmbedOptions.from(request));
    return page;
  }
}
