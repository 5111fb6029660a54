package io.sightline.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One environment variable of jaeger-query (or of Sightline itself), and what Sightline does with
 * it. Jaeger v1 reads each flag from the environment as well: {@code --es.tls.ca} is {@code
 * ES_TLS_CA} (upper case, {@code .} and {@code -} become {@code _}).
 *
 * @param name the variable, e.g. {@code ES_TLS_CA}
 * @param handling honoured, accepted and ignored, or refused when switched on
 * @param kind what values it takes (validated at start-up when honoured)
 * @param defaultValue what an unset or blank variable means (as text in the variable's syntax)
 * @param scope when it is read at all (some only with the Elasticsearch storage)
 * @param secret whether its value must never be shown (passwords)
 * @param property the {@code sightline.*} property it feeds through {@code application.yml}, or
 *     {@code ""}; binding errors on that property are reported under this variable's name
 * @param note why it is ignored or refused; for honoured ones, empty
 */
public record JaegerVariable(
    String name,
    Handling handling,
    Kind kind,
    String defaultValue,
    Scope scope,
    boolean secret,
    String property,
    String note) {

  /** What Sightline does with a variable. */
  public enum Handling {
    /** Read and used, with the same meaning as in jaeger-query. */
    HONOURED,
    /** Accepted (any value) and ignored: it configures something a read-only query server lacks. */
    IGNORED,
    /**
     * Accepted when false (the default); {@code true} stops start-up, because Sightline cannot do
     * it and ignoring it would loosen security (e.g. request credentials not passed through).
     */
    REFUSED_WHEN_TRUE
  }

  /** When a variable is read. */
  public enum Scope {
    ALWAYS,
    /** Only with {@code SPAN_STORAGE_TYPE=elasticsearch} or {@code opensearch}. */
    ELASTICSEARCH,
    /** Only with the embedded store ({@code SPAN_STORAGE_TYPE} unset or {@code memory}). */
    MEMORY
  }

  /** The values a variable takes. */
  public sealed interface Kind {

    /** For messages: what the values look like. */
    String accepted();

    /** A decimal integer (an {@code int}) of at least {@code min}. */
    record Whole(long min) implements Kind {
      @Override
      public String accepted() {
        return min <= Integer.MIN_VALUE ? "a whole number" : "a whole number, " + min + " or more";
      }
    }

    /** One of these words (case-insensitive). */
    record Choice(List<String> values) implements Kind {
      public Choice {
        values = List.copyOf(values);
      }

      @Override
      public String accepted() {
        return "one of " + String.join(", ", values);
      }
    }

    /** The kinds without parameters: each is known by what its values look like. */
    enum Plain implements Kind {
      /**
       * Go's {@code strconv.ParseBool}: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False.
       */
      BOOL("true or false"),
      /** A non-negative Go duration ({@code 30s}, {@code 1h30m}, {@code 0}). */
      DURATION("a Go duration such as 30s, 1m30s, 500ms or 72h (0 for none)"),
      /** Comma-separated {@code http://} or {@code https://} URLs. */
      URLS("comma-separated URLs such as https://elasticsearch:9200"),
      /** The path of a readable file. */
      FILE("the path of a readable file"),
      /** Go's {@code host:port}: {@code :16686}, {@code 0.0.0.0:16686}, {@code [::1]:16686}. */
      HOST_PORT("host:port such as :16686 or 0.0.0.0:16686"),
      /** Any text. */
      TEXT("any text");

      private final String accepted;

      Plain(String accepted) {
        this.accepted = accepted;
      }

      @Override
      public String accepted() {
        return accepted;
      }
    }

    Kind BOOL = Plain.BOOL;
    Kind DURATION = Plain.DURATION;
    Kind URLS = Plain.URLS;
    Kind FILE = Plain.FILE;
    Kind HOST_PORT = Plain.HOST_PORT;
    Kind TEXT = Plain.TEXT;

    static Kind whole(long min) {
      return new Whole(min);
    }

    static Kind choice(String... values) {
      return new Choice(List.of(values));
    }
  }

  public JaegerVariable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(handling, "handling");
    Objects.requireNonNull(kind, "kind");
    defaultValue = defaultValue == null ? "" : defaultValue;
    Objects.requireNonNull(scope, "scope");
    property = property == null ? "" : property;
    note = note == null ? "" : note;
    if (!name.equals(name.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException("variable names are upper case: " + name);
    }
  }

  // --- the catalogue's shapes (JaegerVariables) ---

  static JaegerVariable honoured(
      String name, Kind kind, String defaultValue, Scope scope, String property) {
    return new JaegerVariable(
        name, Handling.HONOURED, kind, defaultValue, scope, false, property, "");
  }

  /** A secret of the Elasticsearch storage: honoured, never shown. */
  static JaegerVariable esSecret(String name, String property) {
    return new JaegerVariable(
        name, Handling.HONOURED, Kind.TEXT, "", Scope.ELASTICSEARCH, true, property, "");
  }

  static JaegerVariable es(String name, Kind kind, String defaultValue, String property) {
    return honoured(name, kind, defaultValue, Scope.ELASTICSEARCH, property);
  }

  /** Sightline's own settings of the embedded store: checked by Spring Boot's binding. */
  static JaegerVariable sightline(String name, String defaultValue, String property) {
    return new JaegerVariable(
        name, Handling.HONOURED, Kind.TEXT, defaultValue, Scope.MEMORY, false, property, "");
  }

  static JaegerVariable ignored(String name, String why) {
    return new JaegerVariable(name, Handling.IGNORED, Kind.TEXT, "", Scope.ALWAYS, false, "", why);
  }

  static JaegerVariable esIgnored(String name, String why) {
    return new JaegerVariable(
        name, Handling.IGNORED, Kind.TEXT, "", Scope.ELASTICSEARCH, false, "", why);
  }

  static JaegerVariable refused(String name, String why) {
    return new JaegerVariable(
        name, Handling.REFUSED_WHEN_TRUE, Kind.BOOL, "false", Scope.ALWAYS, false, "", why);
  }

  static JaegerVariable refusedEs(String name, String why) {
    return new JaegerVariable(
        name, Handling.REFUSED_WHEN_TRUE, Kind.BOOL, "false", Scope.ELASTICSEARCH, false, "", why);
  }

  /** Whether the value is read and used. */
  public boolean honoured() {
    return handling == Handling.HONOURED;
  }
}
