package io.sightline.trace;

/** The requested trace is in neither the trace store nor the archive. */
public class TraceNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient TraceId traceId;

  public TraceNotFoundException(TraceId traceId) {
    super("trace not found"); // Jaeger's words, which clients show
    this.traceId = traceId;
  }

  /** The ID that was looked for. */
  public TraceId traceId() {
    return traceId;
  }
}
