package io.sightline.config;

import io.sightline.api.JaegerResponses;
import io.sightline.api.v3.ApiV3ExceptionHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.res.StringManager;

/**
 * Errors the servlet container answers by itself — a path outside {@code QUERY_BASE_PATH}, a URI it
 * refuses — as Go's HTTP server writes them, plain text ({@code 404 page not found}), instead of
 * Tomcat's HTML page: Sightline is an API server first, and Jaeger never answered HTML there.
 * Errors the application writes itself are left alone.
 */
class PlainTextErrorValve extends ErrorReportValve {

  PlainTextErrorValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    String text = status == 404 ? "404 page not found" : status + " " + reasonPhrase(status);
    String route = route(request);
    if (status != 404 && route.startsWith("/api/")) {
      // Tomcat's own refusals (too many parameters, a request line or headers too long) in the
      // API's error shape, as every other error of the API.
      String message = "unable to parse the request: " + reason(throwable, status);
      text =
          route.startsWith("/api/v3/")
              ? ApiV3ExceptionHandler.errorBody(status, message)
              : JaegerResponses.errorBody(status, message);
    }
    try {
      response.setContentType("text/plain; charset=utf-8");
      response.setHeader("X-Content-Type-Options", "nosniff");
      OutputStream out = response.getOutputStream();
      out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response cannot take a body any more: nothing to report to.
    }
  }

  /** The path below the context path, or "" when Tomcat could not read the request line. */
  private static String route(Request request) {
    String uri = request.getRequestURI();
    if (uri == null) {
      return "";
    }
    String context = request.getContextPath();
    return context != null && uri.startsWith(context) ? uri.substring(context.length()) : uri;
  }

  private static String reason(Throwable throwable, int status) {
    String message = throwable == null ? null : throwable.getMessage();
    if (message != null && message.contains("maximum number of request parameters")) {
      return "too many parameters";
    }
    return reasonPhrase(status).toLowerCase(java.util.Locale.ROOT);
  }

  private static String reasonPhrase(int status) {
    String phrase =
        StringManager.getManager("org.apache.catalina.valves")
            .getString("http." + status + ".reason");
    return phrase == null || phrase.startsWith("http.") ? "Error" : phrase;
  }
}
