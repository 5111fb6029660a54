package io.sightline.config;

/**
 * A setting that stops start-up: an environment variable with a value Sightline cannot use, or
 * settings that contradict each other. The message is the whole story for the operator, in one
 * paragraph, naming the variable as the operator wrote it ({@code ES_TLS_ENABLED=maybe is not a
 * boolean (true or false)}); it never contains a secret value. {@link SettingsFailureAnalyzer}
 * prints it instead of a stack trace.
 */
public final class InvalidSettingException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String variable;
  private final String action;

  /**
   * @param variable the environment variable at fault, e.g. {@code ES_TLS_CA}
   * @param message what is wrong, naming the variable
   * @param action what to do about it
   */
  public InvalidSettingException(String variable, String message, String action) {
    super(message);
    this.variable = variable;
    this.action = action;
  }

  /** The environment variable at fault. */
  public String variable() {
    return variable;
  }

  /** What the operator can do, e.g. {@code Set ES_TLS_ENABLED to true or false, or unset it.} */
  public String action() {
    return action;
  }
}
