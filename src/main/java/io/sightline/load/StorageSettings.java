package io.sightline.load;

import io.sightline.storage.StorageType;
import io.sightline.storage.elasticsearch.ElasticsearchProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The storage settings of a load, resolved exactly as the server resolves them — {@code
 * application.yml} with Jaeger's {@code ES_*} variables, {@code SPAN_STORAGE_TYPE}, Spring's own
 * sources — in an application context without a web server (so loading opens no port), with the
 * loader's options laid over them.
 *
 * @param storageType {@code SPAN_STORAGE_TYPE}: elasticsearch or opensearch (unset reads as
 *     elasticsearch: the loader and the {@code dependencies} command use nothing else)
 * @param elasticsearch the connection, indices and templates
 */
public record StorageSettings(StorageType storageType, ElasticsearchProperties elasticsearch) {

  /**
   * Resolves the settings.
   *
   * @param overrides Sightline property names and values from the loader's options; they win
   * @throws IllegalStateException with a one-line message when a setting is invalid
   */
  public static StorageSettings resolve(Map<String, String> overrides) {
    SpringApplication application = new SpringApplication(Empty.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setBannerMode(Banner.Mode.OFF);
    application.setLogStartupInfo(false);
    application.setRegisterShutdownHook(false);
    // The loader's own options are not Spring properties (--spans is no setting).
    application.setAddCommandLineProperties(false);
    Map<String, Object> quiet = new LinkedHashMap<>();
    quiet.put("logging.level.root", "warn");
    // Settings errors are reported in one line below, not as Spring's start-up failure report.
    quiet.put("logging.level.org.springframework.boot.SpringApplication", "off");
    quiet.put("logging.level.org.springframework.boot.diagnostics", "off");
    application.setDefaultProperties(quiet);
    application.addInitializers(
        context -> {
          Map<String, Object> options = new LinkedHashMap<>(overrides);
          if (!context.getEnvironment().containsProperty("ES_TIMEOUT")) {
            // The server's 30 s default bounds what a person waits for; a bulk write on a busy
            // cluster may take longer, and the loader keeps Jaeger's default of no timeout.
            options.putIfAbsent("sightline.elasticsearch.connection.timeout", "0");
          }
          context
              .getEnvironment()
              .getPropertySources()
              .addFirst(new MapPropertySource("sightline-load-options", Map.copyOf(options)));
        });
    try (ConfigurableApplicationContext context = application.run()) {
      ConfigurableEnvironment environment = context.getEnvironment();
      StorageType type = storageType(environment.getProperty(StorageType.PROPERTY, ""));
      ElasticsearchProperties properties =
          Binder.get(environment)
              .bindOrCreate("sightline.elasticsearch", Bindable.of(ElasticsearchProperties.class));
      return new StorageSettings(type, properties);
    } catch (RuntimeException e) {
      throw new IllegalStateException(rootMessage(e), e);
    }
  }

  private static StorageType storageType(String value) {
    if (value.isBlank()) {
      return StorageType.ELASTICSEARCH;
    }
    StorageType type = StorageType.parse(value);
    if (!type.isElasticsearch()) {
      throw new IllegalStateException(
          "SPAN_STORAGE_TYPE="
              + value
              + ": the loader writes to Elasticsearch or OpenSearch only (the embedded store lives"
              + " inside a running server)");
    }
    return type;
  }

  /** The innermost message: binding errors wrap the one that names the variable. */
  private static String rootMessage(Throwable e) {
    String message = e.getMessage();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }

  /** The context's only source: nothing but the environment is needed. */
  static final class Empty {}
}
