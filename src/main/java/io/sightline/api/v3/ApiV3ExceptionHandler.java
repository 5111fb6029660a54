package io.sightline.api.v3;

import io.sightline.api.JaegerResponses;
import io.sightline.http.Failure;
import io.sightline.http.FailureClassifier;
import io.sightline.http.json.GoJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JsonGenerator;

/**
 * Failures of the {@code /api/v3} endpoints in the gateway's shape: the status {@link
 * FailureClassifier} decides (as for the classic API), the body {@code
 * {"error":{"httpCode":…,"message":…}}} written as Go's {@code http.Error} writes it ({@link
 * JaegerResponses#writeGoHttpError}: plain text, {@code nosniff}, trailing newline).
 */
@RestControllerAdvice(assignableTypes = ApiV3Controller.class)
public class ApiV3ExceptionHandler {

  @ExceptionHandler(Exception.class)
  void handle(Exception e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Failure failure = FailureClassifier.answer(e, request, response);
    if (failure != null) {
      writeError(response, failure.status(), failure.message());
    }
  }

  /** Writes {@code {"error":{"httpCode":status,"message":message}}} as Go's {@code http.Error}. */
  public static void writeError(HttpServletResponse response, int status, String message)
      throws IOException {
    JaegerResponses.writeGoHttpError(response, status, errorBody(status, message));
  }

  /** The compact error body, without the trailing newline. */
  public static String errorBody(int status, String message) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
    try (JsonGenerator g = GoJson.generator(buffer, false)) {
      g.writeStartObject();
      g.writeName("error");
      g.writeStartObject();
      g.writeNumberProperty("httpCode", status);
      g.writeStringProperty("message", message);
      g.writeEndObject();
      g.writeEndObject();
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
