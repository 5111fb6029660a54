package io.sightline.trace;

/**
 * A request parameter that cannot be used. The message is what the client sees, in Jaeger's words
 * where Jaeger has words for it (e.g. {@code unable to parse param 'start': …}).
 */
public class InvalidQueryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String parameter;

  /**
   * @param parameter the offending parameter's name, or {@code null} when no single one is at fault
   * @param message the client-facing message
   */
  public InvalidQueryException(String parameter, String message) {
    super(message);
    this.parameter = parameter;
  }

  /** The offending parameter's name, or {@code null}. */
  public String parameter() {
    return parameter;
  }
}
