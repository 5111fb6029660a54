package io.sightline.config;

import io.sightline.storage.StorageType;
import io.sightline.storage.elasticsearch.ArchiveProperties;
import io.sightline.storage.elasticsearch.ElasticsearchProperties;
import io.sightline.storage.elasticsearch.EsClientFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Checks jaeger-query's environment before anything is built, so that a bad value stops start-up at
 * once with one paragraph naming the variable ({@link SettingsFailureAnalyzer} prints it), never
 * halfway through wiring with a stack trace. Then:
 *
 * <ul>
 *   <li>puts the normalized values (Go's {@code T}/{@code 1} booleans as {@code true}, Go
 *       durations, blank as the default) in a property source of their own, ahead of the
 *       environment, for {@code application.yml}'s {@code ${ES_…}} placeholders to read;
 *   <li>translates the variables that configure Spring Boot itself ({@code
 *       QUERY_HTTP_SERVER_HOST_PORT}, {@code ADMIN_HTTP_HOST_PORT}, {@code *_TLS_*} of the servers,
 *       {@code LOG_LEVEL}) into Boot's properties, below explicit Boot settings;
 *   <li>binds the Elasticsearch and query settings once and checks the connection settings
 *       (certificate and key files, URLs) without connecting;
 *   <li>logs, in one line, the jaeger-query variables it accepts but ignores (names only).
 * </ul>
 */
public final class JaegerEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  /** The property source of the normalized variables. */
  static final String NORMALIZED = "jaegerVariables";

  /** The property source of Boot settings derived from variables. */
  static final String DERIVED = "jaegerDerivedSettings";

  /** Environment-variable-like names: the only keys looked at. */
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

  private final Log log;

  public JaegerEnvironmentPostProcessor(DeferredLogFactory logs) {
    this.log = logs.getLog(JaegerEnvironmentPostProcessor.class);
  }

  /** After the application's own config files are loaded. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    MutablePropertySources sources = environment.getPropertySources();
    sources.remove(NORMALIZED);
    sources.remove(DERIVED);
    Map<String, String> raw = rawVariables(sources);
    String storage = rawStorageSetting(environment);
    JaegerEnvironment.Result result = JaegerEnvironment.read(raw, storage);

    Map<String, Object> normalized = new LinkedHashMap<>();
    result.normalized().forEach((name, value) -> normalized.put(name, literal(value)));
    sources.addFirst(new MapPropertySource(NORMALIZED, normalized));
    Map<String, Object> derived = new LinkedHashMap<>();
    result.bootProperties().forEach((name, value) -> derived.put(name, literal(value)));
    // Below what the operator sets as Boot properties (command line, SERVER_PORT), above the
    // application's own application.yml.
    if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
      sources.addAfter(
          StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
          new MapPropertySource(DERIVED, derived));
    } else {
      sources.addLast(new MapPropertySource(DERIVED, derived));
    }

    checkBoundSettings(environment, result.storage());

    if (!result.ignored().isEmpty()) {
      log.info(
          "Accepted and ignored "
              + result.ignored().size()
              + " jaeger-query setting(s) that Sightline does not use: "
              + String.join(", ", result.ignored())
              + " (see "
              + JaegerVariables.DOCS
              + ")");
    }
    if (!result.unknown().isEmpty()) {
      log.warn(
          "Not jaeger-query settings, ignored (a typo?): "
              + String.join(", ", result.unknown())
              + " (see "
              + JaegerVariables.DOCS
              + ")");
    }
  }

  /**
   * Binds the settings records the way the application will, and checks what can be checked without
   * connecting (URLs, certificate, key and secret files), so that such mistakes stop start-up here
   * too.
   */
  private static void checkBoundSettings(ConfigurableEnvironment environment, StorageType storage) {
    try {
      Binder binder = Binder.get(environment);
      binder.bindOrCreate("sightline.query", QueryProperties.class);
      if (storage.isElasticsearch()) {
        ElasticsearchProperties es =
            binder.bindOrCreate("sightline.elasticsearch", ElasticsearchProperties.class);
        EsClientFactory.validate(es.connection(), "ES");
        ArchiveProperties archive = es.archive();
        if (archive.enabled() && archive.hasOwnServers()) {
          EsClientFactory.validate(archive.connection(), "ES_ARCHIVE");
        }
      }
    } catch (RuntimeException e) {
      throw SettingErrors.explain(e, environment::getProperty)
          .<RuntimeException>map(invalid -> invalid)
          .orElse(e);
    }
  }

  /**
   * Every variable-like name of the enumerable property sources (the process environment, system
   * properties, command-line arguments, a test's properties), with the value of the first source
   * that has it, unresolved.
   */
  static Map<String, String> rawVariables(MutablePropertySources sources) {
    Map<String, String> raw = new LinkedHashMap<>();
    for (PropertySource<?> source : sources) {
      if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
        continue;
      }
      for (String name : enumerable.getPropertyNames()) {
        if (VARIABLE_NAME.matcher(name).matches() && !raw.containsKey(name)) {
          Object value = enumerable.getProperty(name);
          raw.put(name, value == null ? "" : value.toString());
        }
      }
    }
    return raw;
  }

  /**
   * What {@code sightline.storage.type} says before any of this runs: {@code SPAN_STORAGE_TYPE}
   * through application.yml, or the property set directly.
   */
  private static String rawStorageSetting(ConfigurableEnvironment environment) {
    try {
      return environment.getProperty(StorageType.PROPERTY);
    } catch (IllegalArgumentException e) {
      return null; // an unresolvable placeholder: SPAN_STORAGE_TYPE itself is checked first
    }
  }

  /**
   * The value as a literal for Spring's placeholder resolution: a {@code ${…}} inside a password or
   * path must stay text, never be resolved (or fail to resolve, printing the value).
   */
  static String literal(String value) {
    return value.replace("${", "\\${");
  }
}
