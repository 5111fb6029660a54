package io.sightline.api;

import io.sightline.http.json.GoJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * Writes responses exactly as Jaeger's HTTP handler does.
 *
 * <p>Success: {@code Content-Type: application/json}, the envelope {@code
 * {"data":…,"total":…,"limit":0,"offset":0,"errors":…}} (all five keys, always), compact, no
 * trailing newline; indented by four spaces when the request has a {@code prettyPrint} parameter
 * other than {@code false}. The data is streamed straight to the client.
 *
 * <p>Errors are written as Go's {@code http.Error} writes them: {@code Content-Type: text/plain;
 * charset=utf-8}, {@code X-Content-Type-Options: nosniff}, the body followed by a newline. For the
 * {@code /api/*} endpoints the body is still the JSON envelope, compact.
 */
public final class JaegerResponses {

  /** Writes the value of {@code data}. */
  @FunctionalInterface
  public interface DataWriter {
    void write(JsonGenerator generator);
  }

  /** Writes one element of an array. */
  @FunctionalInterface
  public interface ElementWriter<T> {
    void write(JsonGenerator generator, T element);
  }

  /** Writes a JSON {@code null} as the data. */
  public static final DataWriter NULL = JsonGenerator::writeNull;

  private JaegerResponses() {}

  /** The data as an array of the elements, in order. */
  public static <T> DataWriter array(Iterable<T> elements, ElementWriter<T> element) {
    return g -> array(elements.iterator(), element).write(g);
  }

  /** The data as an array of what the iterator yields, written as it yields it. */
  public static <T> DataWriter array(Iterator<T> elements, ElementWriter<T> element) {
    return g -> {
      g.writeStartArray();
      elements.forEachRemaining(e -> element.write(g, e));
      g.writeEndArray();
    };
  }

  /** Whether the request asks for indented JSON ({@code prettyPrint}, not empty, not "false"). */
  public static boolean prettyPrint(HttpServletRequest request) {
    String value = request.getParameter("prettyPrint");
    return value != null && !value.isEmpty() && !value.equals("false");
  }

  /**
   * Writes a 200 envelope.
   *
   * @param total the envelope's {@code total}
   * @param errors the envelope's {@code errors}; {@code null} writes {@code null}
   */
  public static void writeEnvelope(
      HttpServletRequest request,
      HttpServletResponse response,
      DataWriter data,
      int total,
      List<StructuredError> errors)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json");
    // The output stream, not a writer: a writer would make the container add a charset.
    OutputStream out = response.getOutputStream();
    try (JsonGenerator g = GoJson.generator(out, prettyPrint(request))) {
      writeEnvelope(g, data, total, errors);
    }
    out.flush();
  }

  /** The envelope, to any generator. */
  public static void writeEnvelope(
      JsonGenerator g, DataWriter data, int total, List<StructuredError> errors) {
    g.writeStartObject();
    g.writeName("data");
    data.write(g);
    g.writeNumberProperty("total", total);
    g.writeNumberProperty("limit", 0);
    g.writeNumberProperty("offset", 0);
    g.writeName("errors");
    if (errors == null) {
      g.writeNull();
    } else {
      g.writeStartArray();
      for (StructuredError error : errors) {
        g.writeStartObject();
        if (error.code() != 0) {
          g.writeNumberProperty("code", error.code());
        }
        g.writeStringProperty("msg", error.msg());
        if (!error.traceId().isEmpty()) {
          g.writeStringProperty("traceID", error.traceId());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /**
   * Writes an error envelope {@code {"data":null,…,"errors":[{"code":status,"msg":message}]}} the
   * way Jaeger's {@code handleError} does.
   */
  public static void writeError(HttpServletResponse response, int status, String message)
      throws IOException {
    writeGoHttpError(response, status, errorBody(status, message));
  }

  /** The compact error envelope, without the trailing newline. */
  public static String errorBody(int status, String message) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
    try (JsonGenerator g = GoJson.generator(buffer, false)) {
      writeEnvelope(g, NULL, 0, List.of(StructuredError.of(status, message)));
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  /**
   * Go's {@code http.Error(w, body, status)}: plain text (whatever the body holds), {@code
   * nosniff}, and a newline after the body.
   */
  public static void writeGoHttpError(HttpServletResponse response, int status, String body)
      throws IOException {
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("text/plain; charset=utf-8");
    response.setHeader("X-Content-Type-Options", "nosniff");
    byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
    response.setContentLength(bytes.length);
    OutputStream out = response.getOutputStream();
    out.write(bytes);
    out.flush();
  }
}
