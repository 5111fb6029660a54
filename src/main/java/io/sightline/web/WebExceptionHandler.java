package io.sightline.web;

import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.StorageBusyException;
import io.sightline.trace.StorageException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors of the pages (and of the JSON the pages fetch), for people: an HTML page with the status
 * and a readable message — never a stack trace. Requests answered with JSON get {@code {status,
 * message}}. Applies to the web controllers only; the API has its own envelope.
 */
@ControllerAdvice(basePackageClasses = WebExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(WebExceptionHandler.class);

  @ExceptionHandler(NotFoundException.class)
  Object notFound(NotFoundException e, HandlerMethod handler, HttpServletRequest request) {
    return respond(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), handler, request);
  }

  @ExceptionHandler(InvalidQueryException.class)
  Object invalid(InvalidQueryException e, HandlerMethod handler, HttpServletRequest request) {
    return respond(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage(), handler, request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  Object mismatch(
      MethodArgumentTypeMismatchException e, HandlerMethod handler, HttpServletRequest request) {
    return respond(
        HttpStatus.BAD_REQUEST,
        "Bad request",
        "Parameter '" + e.getName() + "' has an invalid value.",
        handler,
        request);
  }

  @ExceptionHandler(StorageBusyException.class)
  Object busy(
      StorageBusyException e,
      HandlerMethod handler,
      HttpServletRequest request,
      HttpServletResponse response) {
    log.warn("busy, refused {}: {}", request.getRequestURI(), e.getMessage());
    response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
    return respond(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Busy, try again",
        e.getMessage()
            + ". Reload this page in "
            + e.retryAfterSeconds()
            + (e.retryAfterSeconds() == 1 ? " second." : " seconds."),
        handler,
        request);
  }

  @ExceptionHandler(StorageException.class)
  Object storage(StorageException e, HandlerMethod handler, HttpServletRequest request) {
    log.warn("trace storage failed for {}: {}", request.getRequestURI(), e.getMessage());
    return respond(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Trace storage unavailable",
        "The trace storage could not answer: " + e.getMessage() + ". Try again in a moment.",
        handler,
        request);
  }

  @ExceptionHandler(Exception.class)
  Object other(Exception e, HandlerMethod handler, HttpServletRequest request) {
    if (clientWentAway(e)) {
      // The browser left while a big answer was being written: nobody to tell.
      log.debug("client went away during {}: {}", request.getRequestURI(), e.toString());
      return null;
    }
    if (e instanceof ErrorResponse response) {
      // Spring's own (missing parameter, wrong method…): its status, a plain message.
      HttpStatusCode status = response.getStatusCode();
      String reason =
          status instanceof HttpStatus known ? known.getReasonPhrase() : "Request failed";
      return respond(status, reason, reason + ".", handler, request);
    }
    log.error("page request {} failed", request.getRequestURI(), e);
    return respond(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Something went wrong",
        "Sightline failed to answer this request. The server log has the details.",
        handler,
        request);
  }

  private static boolean clientWentAway(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AsyncRequestNotUsableException
          || (t instanceof IOException
              && t.getClass().getSimpleName().equals("ClientAbortException"))) {
        return true;
      }
    }
    return false;
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
    ModelAndView page = new ModelAndView("web-error");
    page.setStatus(status);
    page.addObject("status", status.value());
    page.addObject("errorTitle", title);
    page.addObject("message", message);
    page.addObject(EmbedOptions.ATTRIBUTE, EmbedOptions.from(request));
    return page;
  }
}
