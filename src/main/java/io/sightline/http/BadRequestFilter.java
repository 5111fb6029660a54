package io.sightline.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests whose parameters cannot be decoded — a malformed escape ({@code %zz}), bytes
 * that are not UTF-8 ({@code %e0%80}), more parameters than the container takes — with a 400 that
 * names the parameter, before anything reads them; and multipart bodies, which no route takes, with
 * a 415. Without it the container throws from the first {@code getParameter}, which ends as a 500
 * and a stack trace in the log per request. One debug line per refusal: bad input is the client's
 * business. How the refusal is written depends on the port and route ({@link Refusal}).
 */
public class BadRequestFilter extends OncePerRequestFilter {

  /** Writes a refusal in the shape of the route. */
  @FunctionalInterface
  public interface Refusal {
    void write(HttpServletRequest request, HttpServletResponse response, int status, String message)
        throws IOException;
  }

  /** Plain text, {@code 400 Bad Request: <message>}, as Go's {@code http.Error} writes it. */
  public static final Refusal PLAIN_TEXT =
      (request, response, status, message) -> {
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        String reason = status == 415 ? "415 Unsupported Media Type" : status + " Bad Request";
        response
            .getOutputStream()
            .write((reason + ": " + message + "\n").getBytes(StandardCharsets.UTF_8));
      };

  private static final Logger log = LoggerFactory.getLogger(BadRequestFilter.class);

  private final Refusal refusal;

  public BadRequestFilter(Refusal refusal) {
    this.refusal = refusal;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    int status = HttpServletResponse.SC_BAD_REQUEST;
    String problem = QueryStringCheck.problem(request.getQueryString());
    if (problem == null && isType(request, MediaType.MULTIPART_FORM_DATA_VALUE)) {
      status = HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE;
      problem = "multipart bodies are not accepted";
    }
    if (problem == null && !isType(request, MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
      // The container's own limits and anything the check above missed. A form body is left for
      // the handler to read as it sees fit.
      try {
        request.getParameterMap();
      } catch (IllegalStateException | IllegalArgumentException e) {
        problem = "unable to parse the request parameters: " + reason(e);
      }
    }
    if (problem != null) {
      log.debug("Refused {}: {}", request.getRequestURI(), problem);
      refusal.write(request, response, status, problem);
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean isType(HttpServletRequest request, String type) {
    String contentType = request.getContentType();
    return contentType != null
        && contentType.regionMatches(true, 0, type, 0, type.length())
        && !"GET".equals(request.getMethod());
  }

  /** The container's message without its class names ("More than the maximum number…"). */
  private static String reason(RuntimeException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return message.contains("maximum number of request parameters")
        ? "too many parameters"
        : "malformed query string";
  }
}
