package io.sightline.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.config.JaegerVariable.Handling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The audit: every flag Jaeger v1.76's jaeger-query registers with the Elasticsearch storage has a
 * verdict (honoured, ignored or refused), application.yml reads only catalogued variables with the
 * catalogued defaults, and docs/CONFIGURATION.md lists them all.
 */
class JaegerVariablesTest {

  /**
   * The flags of jaeger-query v1.76.0 (tag 63b27e1), read from {@code cmd/query/main.go} and what
   * it registers: {@code cmd/internal/flags} (service, logging, admin server), {@code
   * cmd/query/app/flags.go}, {@code internal/storage/v1/elasticsearch/options.go} for the
   * namespaces {@code es} and {@code es-archive}, {@code internal/config/tlscfg} (client flags for
   * the storage, server flags for the query and admin servers), {@code internal/tenancy} and {@code
   * internal/metrics/metricsbuilder}. Jaeger reads each from the environment too: upper case,
   * {@code .} and {@code -} as {@code _}.
   */
  private static List<String> jaegerQueryFlags() {
    List<String> flags =
        new ArrayList<>(
            List.of(
                "config-file",
                "log-level",
                "log-encoding",
                "span-storage.type",
                "metrics-backend",
                "metrics-http-route",
                "admin.http.host-port",
                "feature-gates",
                "query.http-server.host-port",
                "query.grpc-server.host-port",
                "query.base-path",
                "query.static-files",
                "query.log-static-assets-access",
                "query.ui-config",
                "query.bearer-token-propagation",
                "query.additional-headers",
                "query.max-clock-skew-adjustment",
                "query.enable-tracing",
                "multi-tenancy.enabled",
                "multi-tenancy.header",
                "multi-tenancy.tenants"));
    for (String server : List.of("admin.http", "query.grpc", "query.http")) {
      for (String tls :
          List.of(
              "enabled",
              "cert",
              "key",
              "client-ca",
              "cipher-suites",
              "min-version",
              "max-version",
              "reload-interval")) {
        flags.add(server + ".tls." + tls);
      }
    }
    for (String ns : List.of("es", "es-archive")) {
      for (String suffix :
          List.of(
              "username",
              "password",
              "sniffer",
              "disable-health-check",
              "sniffer-tls-enabled",
              "token-file",
              "api-key-file",
              "api-key-reload-interval",
              "api-key-allow-from-context",
              "bearer-token-propagation",
              "bearer-token-reload-interval",
              "password-reload-interval",
              "password-file",
              "server-urls",
              "remote-read-clusters",
              "adaptive-sampling.lookback",
              "num-shards",
              "num-replicas",
              "prioirity-span-template",
              "prioirity-service-template",
              "prioirity-dependencies-template",
              "bulk.size",
              "bulk.workers",
              "bulk.actions",
              "bulk.flush-interval",
              "timeout",
              "index-prefix",
              "index-date-separator",
              "index-rollover-frequency-spans",
              "index-rollover-frequency-services",
              "index-rollover-frequency-adaptive-sampling",
              "service-cache-ttl",
              "tags-as-fields.all",
              "tags-as-fields.include",
              "tags-as-fields.config-file",
              "tags-as-fields.dot-replacement",
              "use-aliases",
              "use-ilm",
              "create-index-templates",
              "version",
              "max-doc-count",
              "log-level",
              "send-get-body-as",
              "http-compression",
              "tls.enabled",
              "tls.ca",
              "tls.cert",
              "tls.key",
              "tls.server-name",
              "tls.skip-host-verify")) {
        flags.add(ns + "." + suffix);
      }
    }
    flags.add("es.max-span-age"); // primary only
    flags.add("es-archive.enabled"); // archive only
    return flags;
  }

  /** Read from the environment only ({@code internal/storage/v1/factory/config.go}, metrics). */
  private static final List<String> ENVIRONMENT_ONLY =
      List.of(
          "SPAN_STORAGE_TYPE",
          "DEPENDENCY_STORAGE_TYPE",
          "SAMPLING_STORAGE_TYPE",
          "METRICS_STORAGE_TYPE");

  static String variable(String flag) {
    return flag.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  @Test
  void everyJaegerQueryVariableHasAVerdict() {
    List<String> missing = new ArrayList<>();
    List<String> names = new ArrayList<>(ENVIRONMENT_ONLY);
    jaegerQueryFlags().forEach(flag -> names.add(variable(flag)));
    for (String name : names) {
      if (JaegerVariables.byName(name).isEmpty()) {
        missing.add(name);
      }
    }
    assertThat(missing).as("jaeger-query variables without a verdict").isEmpty();
    assertThat(names).hasSizeGreaterThan(140);
  }

  @Test
  void theSeedsVariablesAreHonouredExceptTheAgentPort() {
    for (String name :
        List.of(
            "SPAN_STORAGE_TYPE",
            "ES_SERVER_URLS",
            "ES_TLS_SKIP_HOST_VERIFY",
            "ES_USERNAME",
            "ES_PASSWORD",
            "ES_TLS_ENABLED",
            "ES_TLS_CA",
            "QUERY_BASE_PATH")) {
      assertThat(JaegerVariables.byName(name).orElseThrow().handling())
          .as(name)
          .isEqualTo(Handling.HONOURED);
    }
    assertThat(JaegerVariables.byName("JAEGER_AGENT_PORT")).isEmpty();
    assertThat(JaegerVariables.ignoredPrefixes()).containsKey("JAEGER_");
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Z0-9_]+):(.*)}$");

  @Test
  void applicationYmlReadsCataloguedVariablesWithTheirDefaults() throws IOException {
    Map<String, String> yml = new TreeMap<>();
    for (PropertySource<?> source :
        new YamlPropertySourceLoader()
            .load("application", new ClassPathResource("application.yml"))) {
      EnumerablePropertySource<?> e = (EnumerablePropertySource<?>) source;
      for (String name : e.getPropertyNames()) {
        yml.put(name, String.valueOf(e.getProperty(name)));
      }
    }
    int checked = 0;
    for (Map.Entry<String, String> entry : yml.entrySet()) {
      Matcher m = PLACEHOLDER.matcher(entry.getValue());
      if (!m.matches()) {
        continue;
      }
      String name = m.group(1);
      String defaultValue = m.group(2);
      JaegerVariable variable = JaegerVariables.byName(name).orElse(null);
      assertThat(variable).as("%s (read by %s) is catalogued", name, entry.getKey()).isNotNull();
      assertThat(variable.honoured()).as(name).isTrue();
      if (!defaultValue.startsWith("${")) {
        assertThat(variable.defaultValue()).as("default of %s", name).isEqualTo(defaultValue);
      }
      if (!name.equals("ES_CONNECT_TIMEOUT") || !entry.getKey().contains(".archive.")) {
        assertThat(variable.property()).as("property of %s", name).isEqualTo(entry.getKey());
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(60);
  }

  @Test
  void theReferenceDocumentationListsEveryVariable() throws IOException {
    String docs = Files.readString(Path.of("docs/CONFIGURATION.md"));
    List<String> undocumented = new ArrayList<>();
    for (JaegerVariable variable : JaegerVariables.all()) {
      if (!docs.contains("`" + variable.name() + "`")) {
        undocumented.add(variable.name());
      }
    }
    for (String prefix : JaegerVariables.ignoredPrefixes().keySet()) {
      if (!docs.contains("`" + prefix + "*`")) {
        undocumented.add(prefix + "*");
      }
    }
    assertThat(undocumented).as("missing from docs/CONFIGURATION.md").isEmpty();
  }

  @Test
  void everySightlineVariableTheDocumentationNamesIsCatalogued() throws IOException {
    String docs = Files.readString(Path.of("docs/CONFIGURATION.md"));
    List<String> uncatalogued = new ArrayList<>();
    Matcher m = Pattern.compile("`(SIGHTLINE_[A-Z0-9_]+)`").matcher(docs);
    while (m.find()) {
      if (JaegerVariables.byName(m.group(1)).isEmpty()) {
        uncatalogued.add(m.group(1));
      }
    }
    assertThat(uncatalogued).as("in docs/CONFIGURATION.md, not in JaegerVariables").isEmpty();
    assertThat(JaegerVariables.byName("SIGHTLINE_UI_UPLOADMAXSIZE").orElseThrow().property())
        .isEqualTo("sightline.ui.upload-max-size");
  }

  @Test
  void readmeLinksTheReferenceAndKeepsItsQuickStart() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme)
        .contains("docs/CONFIGURATION.md")
        .contains("```sh\n./mvnw spring-boot:run\n```")
        .contains("```sh\n./mvnw verify\n```");
  }
}
