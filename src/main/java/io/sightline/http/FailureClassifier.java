package io.sightline.http;

import io.sightline.http.Failure.Level;
import io.sightline.trace.ArchiveNotConfiguredException;
import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.RequestCancelledException;
import io.sightline.trace.StorageBusyException;
import io.sightline.trace.StorageException;
import io.sightline.trace.TraceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The one place that decides what a failure means: its status, its public message, how it is logged
 * and whether to retry. Used by {@code /api}, {@code /api/v3} and the pages, so the same storage
 * error gets the same status everywhere.
 *
 * <ul>
 *   <li>a bad parameter ({@link InvalidQueryException}), a type mismatch, Spring's own request
 *       errors (wrong method, missing parameter): 4xx with a message naming the problem, logged at
 *       debug only;
 *   <li>a trace in neither store: 404 {@code trace not found};
 *   <li>a store that is down, busy or too slow: 503 (Jaeger says 500; a 503 tells clients and load
 *       balancers that retrying may help); any other storage failure: 500. One WARN line; when the
 *       store's message names servers, indices or users, the client gets the short public message
 *       and an error ID that finds the log line;
 *   <li>a missing archive: 500 with Jaeger's message;
 *   <li>anything else (a bug): 500 {@code internal server error}, the details and an ERROR only in
 *       the log.
 * </ul>
 *
 * <p>A new exception type is one more {@link #rule} in {@link #RULES}.
 */
public final class FailureClassifier {

  private static final Logger log = LoggerFactory.getLogger(FailureClassifier.class);

  private static final SecureRandom ids = new SecureRandom();

  private static final List<Rule<?>> RULES =
      List.of(
          rule(
              InvalidQueryException.class,
              e -> Failure.client(HttpServletResponse.SC_BAD_REQUEST, e.getMessage())),
          rule(
              TraceNotFoundException.class,
              e -> Failure.client(HttpServletResponse.SC_NOT_FOUND, e.getMessage())),
          rule(
              ArchiveNotConfiguredException.class,
              e -> new Failure(500, e.getMessage(), Level.CLIENT, null, null)),
          rule(
              StorageBusyException.class,
              e ->
                  new Failure(
                      HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                      e.getMessage(),
                      Level.CLIENT,
                      Duration.ofSeconds(e.retryAfterSeconds()),
                      null)),
          rule(
              RequestCancelledException.class, // nobody to answer: a debug line at most
              e -> Failure.client(HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage())),
          rule(StorageException.class, FailureClassifier::storage),
          rule(
              MethodArgumentTypeMismatchException.class,
              e ->
                  Failure.client(
                      HttpServletResponse.SC_BAD_REQUEST,
                      "unable to parse param '" + e.getName() + "': invalid value")),
          rule(ErrorResponse.class, FailureClassifier::spring),
          rule(IllegalStateException.class, FailureClassifier::unparseableParameters));

  private FailureClassifier() {}

  /**
   * Classifies the failure and logs it as it deserves (server faults loudly, client faults not).
   */
  public static Failure classify(Throwable failure) {
    for (Rule<?> rule : RULES) {
      Failure classified = rule.apply(failure);
      if (classified != null) {
        if (classified.level() == Level.CLIENT) {
          log.debug("Request refused ({}): {}", classified.status(), classified.message());
        }
        return classified;
      }
    }
    String id = newErrorId();
    log.error("Unexpected failure [error ID {}]", id, failure);
    return new Failure(
        HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
        "internal server error",
        Level.ERROR,
        null,
        id);
  }

  /**
   * Whether the failure only means the client went away (closed the connection, or the async
   * request ended) while the answer was being written: nobody to tell, nothing to log loudly.
   */
  public static boolean clientWentAway(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof AsyncRequestNotUsableException
          || t instanceof RequestCancelledException
          || (t instanceof IOException
              && t.getClass().getSimpleName().equals("ClientAbortException"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The failure a transport answers with (the API's envelope, a page), its headers already set on
   * the response; null when nobody can be told: the response is committed (mid-stream) or the
   * client went away. {@link #afterCommit} logs those.
   */
  public static Failure answer(
      Throwable failure, HttpServletRequest request, HttpServletResponse response) {
    if (response.isCommitted() || clientWentAway(failure)) {
      afterCommit(failure, request.getRequestURI());
      return null;
    }
    Failure classified = classify(failure);
    classified.applyHeaders(response);
    return classified;
  }

  /**
   * What to do with a failure after the response was committed: the status line is gone, so only
   * the log can say anything. A client that went away is routine (debug); anything else is an
   * error.
   */
  public static void afterCommit(Throwable failure, String what) {
    if (clientWentAway(failure) || causedByIo(failure)) {
      log.debug("Client went away during {}: {}", what, failure.toString());
    } else {
      Failure classified = classify(failure);
      log.warn("{} failed after its answer had started ({})", what, classified.status());
    }
  }

  /** An I/O failure, possibly wrapped (Jackson 3 wraps them in an unchecked exception). */
  private static boolean causedByIo(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** A short random ID that finds a log line (8 hex digits). */
  public static String newErrorId() {
    return String.format(Locale.ROOT, "%08x", ids.nextInt());
  }

  private static Failure storage(StorageException e) {
    boolean failed = e.kind() == StorageException.Kind.FAILED;
    int status = failed ? 500 : HttpServletResponse.SC_SERVICE_UNAVAILABLE;
    String id = newErrorId();
    log.warn(
        "Trace storage {} [error ID {}]: {}",
        e.kind().name().toLowerCase(Locale.ROOT),
        id,
        e.getMessage());
    String message =
        e.hasPrivateDetails() ? e.publicMessage() + " (error ID " + id + ")" : e.publicMessage();
    return new Failure(status, message, Level.WARN, null, e.hasPrivateDetails() ? id : null);
  }

  private static Failure spring(ErrorResponse e) {
    HttpStatusCode code = e.getStatusCode();
    String reason = code instanceof HttpStatus known ? known.getReasonPhrase() : "Request failed";
    String detail = e.getBody().getDetail();
    if (code.is5xxServerError()) {
      String id = newErrorId();
      log.error("Request failed [error ID {}]", id, (Throwable) e);
      return new Failure(code.value(), reason, Level.ERROR, null, id);
    }
    return Failure.client(code.value(), detail == null || detail.isBlank() ? reason : detail);
  }

  /**
   * Tomcat's refusal of parameters it cannot parse (its {@code InvalidParameterException}, an
   * {@link IllegalStateException}), read by a handler from a form body that {@link
   * BadRequestFilter} leaves alone: the client's 400. Any other illegal state is a bug (null: not
   * this rule).
   */
  private static Failure unparseableParameters(IllegalStateException e) {
    if (!e.getClass().getSimpleName().equals("InvalidParameterException")) {
      return null;
    }
    return Failure.client(
        HttpServletResponse.SC_BAD_REQUEST,
        "unable to parse the request parameters: " + e.getMessage());
  }

  private static <T> Rule<T> rule(Class<T> type, Function<T, Failure> classify) {
    return new Rule<>(type, classify);
  }

  private record Rule<T>(Class<T> type, Function<T, Failure> classify) {
    Failure apply(Throwable failure) {
      return type.isInstance(failure) ? classify.apply(type.cast(failure)) : null;
    }
  }
}
