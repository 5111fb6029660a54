package io.sightline.config;

import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;

/**
 * Turns a start-up failure caused by a setting into an {@link InvalidSettingException} that names
 * the environment variable: Sightline's own exceptions; exceptions of the settings code whose
 * message starts with a variable's name ({@code ES_TLS_CA=/x holds no PEM certificate}); and Spring
 * Boot's binding failures on a {@code sightline.*} property that a variable feeds.
 */
final class SettingErrors {

  private static final Pattern LEADING_NAME = Pattern.compile("^([A-Z][A-Z0-9_]*[A-Z0-9])");

  private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Z0-9_]+)(:.*)?}$");

  private SettingErrors() {}

  /**
   * Explains a binding failure in terms of the setting (environment variable) behind it.
   *
   * @param environment how to look a variable's raw value up (for binding failures)
   * @return the explanation, or empty when the failure is not about a known setting
   */
  static Optional<InvalidSettingException> explain(
      Throwable failure, UnaryOperator<String> environment) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidSettingException invalid) {
        return Optional.of(invalid);
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
        Optional<InvalidSettingException> named = namedInMessage(t.getMessage());
        if (named.isPresent()) {
          return named;
        }
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException bind) {
        return bindFailure(bind, environment);
      }
    }
    return Optional.empty();
  }

  /** A message of the settings code that starts with a variable's name. */
  static Optional<InvalidSettingException> namedInMessage(String message) {
    if (message == null) {
      return Optional.empty();
    }
    Matcher m = LEADING_NAME.matcher(message);
    if (!m.find()) {
      return Optional.empty();
    }
    return JaegerVariables.byName(m.group(1))
        .map(
            v ->
                new InvalidSettingException(
                    v.name(),
                    message.endsWith(".") ? message : message + ".",
                    "Correct " + v.name() + ". See " + JaegerVariables.DOCS + "."));
  }

  private static Optional<InvalidSettingException> bindFailure(
      BindException bind, UnaryOperator<String> environment) {
    String property = bind.getName().toString();
    JaegerVariable variable = JaegerVariables.byProperty(property).orElse(null);
    if (variable == null) {
      return Optional.empty();
    }
    String value = null;
    ConfigurationProperty bound = bind.getProperty();
    if (bound != null && bound.getValue() != null) {
      value = bound.getValue().toString();
      Matcher placeholder = PLACEHOLDER.matcher(value);
      if (placeholder.matches()) {
        value = environment.apply(placeholder.group(1));
      }
    }
    String shown = value == null ? "" : "=" + VariableValues.display(variable, value);
    return Optional.of(
        new InvalidSettingException(
            variable.name(),
            variable.name()
                + shown
                + " is not valid: expected "
                + variable.kind().accepted()
                + " (setting "
                + property
                + ").",
            "Correct " + variable.name() + ". See " + JaegerVariables.DOCS + "."));
  }
}
