package io.sightline.api;

/**
 * One entry of the envelope's {@code errors}: code, message and trace ID, written with the code
 * left out when 0 and the trace ID when empty, as Jaeger writes it.
 *
 * @param code the HTTP status, or 0 (per-trace errors of a multi-trace fetch carry none)
 * @param msg the message shown to the user
 * @param traceId the trace concerned, or {@code ""}
 */
public record StructuredError(int code, String msg, String traceId) {

  public StructuredError {
    msg = msg == null ? "" : msg;
    traceId = traceId == null ? "" : traceId;
  }

  /** An error for a whole response. */
  public static StructuredError of(int code, String msg) {
    return new StructuredError(code, msg, "");
  }
}
