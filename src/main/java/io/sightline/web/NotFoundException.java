package io.sightline.web;

/** What a page shows does not exist: the pages answer 404 with this message. */
public class NotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String traceId;

  /**
   * @param message the message for people
   * @param traceId the trace ID concerned, or {@code null}
   */
  public NotFoundException(String message, String traceId) {
    super(message);
    this.traceId = traceId;
  }

  /** The trace ID concerned (as Jaeger renders it), or {@code null}. */
  public String traceId() {
    return traceId;
  }
}
