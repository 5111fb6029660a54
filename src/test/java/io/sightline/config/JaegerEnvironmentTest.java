package io.sightline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.sightline.storage.StorageType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every honoured variable is checked and normalized; bad values stop start-up with a message that
 * names the variable and what it accepts; ignored ones are collected for one log line.
 */
class JaegerEnvironmentTest {

  @TempDir Path dir;

  private static JaegerEnvironment.Result read(Map<String, String> env) {
    String storage = env.getOrDefault("SPAN_STORAGE_TYPE", "");
    return JaegerEnvironment.read(env, storage);
  }

  private static JaegerEnvironment.Result es(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("SPAN_STORAGE_TYPE", "elasticsearch");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return read(env);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ES_TLS_ENABLED      | maybe    | ES_TLS_ENABLED=maybe is not a boolean (true or false).
          ES_TLS_SKIP_HOST_VERIFY | yes  | ES_TLS_SKIP_HOST_VERIFY=yes is not a boolean (true or false).
          ES_MAX_DOC_COUNT    | abc      | ES_MAX_DOC_COUNT=abc is not a whole number.
          ES_MAX_DOC_COUNT    | 0        | ES_MAX_DOC_COUNT=0 is too small (a whole number, 1 or more).
          ES_MAX_DOC_COUNT    | 1e4      | ES_MAX_DOC_COUNT=1e4 is not a whole number.
          ES_NUM_REPLICAS     | -1       | ES_NUM_REPLICAS=-1 is too small (a whole number, 0 or more).
          ES_NUM_SHARDS       | 99999999999 | ES_NUM_SHARDS=99999999999 is too large (at most 2147483647).
          ES_TIMEOUT          | 5x       | ES_TIMEOUT=5x is not a duration (time: unknown unit "x" in duration "5x").
          ES_TIMEOUT          | 30       | ES_TIMEOUT=30 is not a duration (time: missing unit in duration "30").
          ES_MAX_SPAN_AGE     | -72h     | ES_MAX_SPAN_AGE=-72h is negative.
          QUERY_MAX_CLOCK_SKEW_ADJUSTMENT | soon | QUERY_MAX_CLOCK_SKEW_ADJUSTMENT=soon is not a duration (time: invalid duration "soon").
          ES_INDEX_ROLLOVER_FREQUENCY_SPANS | week | ES_INDEX_ROLLOVER_FREQUENCY_SPANS=week is not one of day, hour.
          LOG_LEVEL           | verbose  | LOG_LEVEL=verbose is not one of debug, info, warn, error, dpanic, panic, fatal.
          ES_LOG_LEVEL        | trace    | ES_LOG_LEVEL=trace is not one of debug, info, error.
          QUERY_HTTP_SERVER_HOST_PORT | 16686 | QUERY_HTTP_SERVER_HOST_PORT=16686 is not host:port (missing port).
          ADMIN_HTTP_HOST_PORT | :http    | ADMIN_HTTP_HOST_PORT=:http is not host:port (the port must be a number).
          ADMIN_HTTP_HOST_PORT | :70000   | ADMIN_HTTP_HOST_PORT=:70000 is not host:port (the port must be at most 65535).
          ES_SERVER_URLS      | elasticsearch:9200 | ES_SERVER_URLS=elasticsearch:9200 is not a list of URLs: elasticsearch:9200 is not a full http:// or https:// URL with a host.
          ES_SERVER_URLS      | http://es:9200,ftp://es | ES_SERVER_URLS=http://es:9200,ftp://es is not a list of URLs: ftp://es is not a full http:// or https:// URL with a host.
          ES_SERVER_URLS      | http://es:9200/?x=1 | ES_SERVER_URLS=http://es:9200/?x=1 must not have a query (?…) or fragment (#…).
          ES_ARCHIVE_SERVER_URLS | https:// | ES_ARCHIVE_SERVER_URLS=https:// is not a list of URLs: https:// is not a full http:// or https:// URL with a host.
          ES_TLS_CA           | /nonexistent/ca.crt | ES_TLS_CA=/nonexistent/ca.crt cannot be read: no such file.
          ES_PASSWORD_FILE    | /        | ES_PASSWORD_FILE=/ cannot be read: it is a directory.
          """)
  void badValuesStopStartUpNamingTheVariable(String variable, String value, String message) {
    assertThatThrownBy(() -> es(variable, value))
        .isInstanceOfSatisfying(
            InvalidSettingException.class,
            e -> {
              assertThat(e.variable()).isEqualTo(variable);
              assertThat(e.action()).contains(variable).contains("docs/CONFIGURATION.md");
            })
        .hasMessage(message);
  }

  @Test
  void anUnsupportedStorageTypeSaysWhatIsSupported() {
    assertThatThrownBy(() -> read(Map.of("SPAN_STORAGE_TYPE", "cassandra")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage(
            "SPAN_STORAGE_TYPE=cassandra is not supported by Sightline, which reads Elasticsearch"
                + " and OpenSearch (or, with the variable unset, its embedded demo store).");
    // The property set directly is reported under the variable too.
    assertThatThrownBy(() -> JaegerEnvironment.read(Map.of(), "badger"))
        .hasMessageStartingWith("SPAN_STORAGE_TYPE=badger is not supported");
  }

  @Test
  void credentialsInAUrlAreRefusedWithoutEchoingThem() {
    assertThatThrownBy(() -> es("ES_SERVER_URLS", "https://elastic:hunter2@es:9200"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("ES_SERVER_URLS holds credentials in a URL")
        .hasMessageNotContaining("hunter2")
        .satisfies(
            e -> assertThat(((InvalidSettingException) e).action()).doesNotContain("hunter2"));
  }

  @Test
  void secretValuesAreNeverShown() {
    JaegerVariable password = JaegerVariables.byName("ES_PASSWORD").orElseThrow();
    assertThat(password.secret()).isTrue();
    assertThat(VariableValues.display(password, "hunter2")).isEqualTo("(hidden)");
    assertThat(VariableValues.display(JaegerVariables.byName("ES_USERNAME").orElseThrow(), "a\nb"))
        .isEqualTo("a?b");
  }

  @ParameterizedTest(name = "{0}=true")
  @CsvSource({
    "QUERY_BEARER_TOKEN_PROPAGATION",
    "MULTI_TENANCY_ENABLED",
    "ES_BEARER_TOKEN_PROPAGATION",
    "ES_API_KEY_ALLOW_FROM_CONTEXT",
    "ES_ARCHIVE_BEARER_TOKEN_PROPAGATION"
  })
  void switchesThatWouldLoosenSecurityAreRefusedWhenOn(String variable) {
    assertThatThrownBy(() -> es(variable, "true"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageStartingWith(variable + "=true is not supported by Sightline: ");
    // Off (jaeger-query's default) is fine and changes nothing.
    assertThat(es(variable, "false").normalized()).doesNotContainKey(variable);
  }

  @Test
  void goBooleansDurationsAndBlanksAreNormalized() {
    JaegerEnvironment.Result r =
        es(
            "ES_TLS_ENABLED", "T",
            "ES_TLS_SKIP_HOST_VERIFY", "0",
            "ES_USE_ALIASES", "True",
            "ES_TIMEOUT", "1m30s",
            "ES_MAX_SPAN_AGE", "1.5h",
            "ES_CONNECT_TIMEOUT", "500ms",
            "ES_MAX_DOC_COUNT", " 500 ",
            "ES_INDEX_ROLLOVER_FREQUENCY_SPANS", "Hour",
            "ES_TAGS_AS_FIELDS_DOT_REPLACEMENT", "",
            "ES_SERVER_URLS", " http://es1:9200 , https://es2:9200 ",
            "QUERY_BASE_PATH", "");
    assertThat(r.normalized())
        .contains(
            entry("ES_TLS_ENABLED", "true"),
            entry("ES_TLS_SKIP_HOST_VERIFY", "false"),
            entry("ES_USE_ALIASES", "true"),
            entry("ES_TIMEOUT", "90000000000ns"),
            entry("ES_MAX_SPAN_AGE", "5400000000000ns"),
            entry("ES_CONNECT_TIMEOUT", "500000000ns"),
            entry("ES_MAX_DOC_COUNT", "500"),
            entry("ES_INDEX_ROLLOVER_FREQUENCY_SPANS", "hour"),
            entry("ES_TAGS_AS_FIELDS_DOT_REPLACEMENT", "@"),
            entry("ES_SERVER_URLS", "http://es1:9200,https://es2:9200"),
            entry("QUERY_BASE_PATH", "/"));
  }

  @Test
  void theSeedsEnvironmentIsAcceptedAndItsAgentPortIgnored() throws IOException {
    Path ca = Files.writeString(dir.resolve("ca.crt"), "not checked here");
    JaegerEnvironment.Result r =
        read(
            Map.of(
                "SPAN_STORAGE_TYPE", "elasticsearch",
                "ES_SERVER_URLS", "https://elasticsearch-client.elasticsearch.svc:9200",
                "ES_TLS_SKIP_HOST_VERIFY", "true",
                "ES_USERNAME", "elastic",
                "ES_PASSWORD", "egon666",
                "ES_TLS_ENABLED", "true",
                "ES_TLS_CA", ca.toString(),
                "QUERY_BASE_PATH", "/",
                "JAEGER_AGENT_PORT", "6831"));
    assertThat(r.storage()).isEqualTo(StorageType.ELASTICSEARCH);
    assertThat(r.ignored()).containsExactly("JAEGER_AGENT_PORT");
    assertThat(r.unknown()).isEmpty();
    assertThat(r.normalized()).containsEntry("ES_PASSWORD", "egon666");
  }

  @Test
  void otherComponentsSettingsAreIgnoredAndServiceLinksAndStrangersLeftAlone() {
    Map<String, String> env = new HashMap<>();
    env.put("SPAN_STORAGE_TYPE", "elasticsearch");
    env.put("COLLECTOR_ZIPKIN_HOST_PORT", ":9411");
    env.put("ES_BULK_SIZE", "5000000");
    env.put("ES_VERSION", "7");
    env.put("QUERY_STATIC_FILES", "/ui");
    env.put("JAEGER_SERVICE_NAME", "query");
    // Kubernetes service links of Services named jaeger-collector and es.
    env.put("JAEGER_COLLECTOR_SERVICE_HOST", "10.0.0.7");
    env.put("JAEGER_COLLECTOR_PORT_14250_TCP_ADDR", "10.0.0.7");
    env.put("ES_PORT", "tcp://10.0.0.9:9200");
    env.put("ES_SERVICE_PORT", "9200");
    // Typos and other people's variables.
    env.put("ES_SERVER_URL", "http://es:9200");
    env.put("QUERY_BASEPATH", "/jaeger");
    env.put("ES_JAVA_OPTS", "-Xmx1g");
    env.put("HOME", "/root");
    JaegerEnvironment.Result r = read(env);
    assertThat(r.ignored())
        .containsExactly(
            "COLLECTOR_ZIPKIN_HOST_PORT",
            "ES_BULK_SIZE",
            "ES_VERSION",
            "JAEGER_SERVICE_NAME",
            "QUERY_STATIC_FILES");
    assertThat(r.unknown())
        .containsExactly("ES_SERVER_URL (ES_SERVER_URLS?)", "QUERY_BASEPATH (QUERY_BASE_PATH?)");
  }

  @Test
  void elasticsearchSettingsAreIgnoredWithTheEmbeddedStore() {
    JaegerEnvironment.Result r =
        read(Map.of("ES_SERVER_URLS", "not checked", "ES_TLS_ENABLED", "maybe"));
    assertThat(r.storage()).isEqualTo(StorageType.MEMORY);
    assertThat(r.ignored())
        .containsExactly(
            "ES_SERVER_URLS (SPAN_STORAGE_TYPE is not elasticsearch/opensearch)",
            "ES_TLS_ENABLED (SPAN_STORAGE_TYPE is not elasticsearch/opensearch)");
    assertThat(es("MEMORY_MAX_TRACES", "10").ignored())
        .containsExactly("MEMORY_MAX_TRACES (only for the embedded store)");
  }

  @Test
  void dependenciesComeFromTheSpanStorage() {
    assertThat(es("DEPENDENCY_STORAGE_TYPE", "elasticsearch").normalized())
        .containsEntry("DEPENDENCY_STORAGE_TYPE", "elasticsearch");
    assertThatThrownBy(() -> es("DEPENDENCY_STORAGE_TYPE", "cassandra"))
        .hasMessageStartingWith("DEPENDENCY_STORAGE_TYPE=cassandra is not one of");
    assertThatThrownBy(() -> es("DEPENDENCY_STORAGE_TYPE", "memory"))
        .hasMessageStartingWith(
            "DEPENDENCY_STORAGE_TYPE=memory differs from the span storage (elasticsearch)");
  }

  @Test
  void listenAddressesAndLogLevelBecomeSpringBootSettings() {
    JaegerEnvironment.Result r =
        es(
            "QUERY_HTTP_SERVER_HOST_PORT", "127.0.0.1:8080",
            "ADMIN_HTTP_HOST_PORT", ":8081",
            "LOG_LEVEL", "warn",
            "ES_LOG_LEVEL", "debug");
    assertThat(r.bootProperties())
        .containsExactly(
            entry("server.port", "8080"),
            entry("server.address", "127.0.0.1"),
            entry("management.server.port", "8081"),
            entry("logging.level.root", "WARN"),
            entry("logging.level.io.sightline", "WARN"),
            entry("logging.level.io.sightline.storage.elasticsearch", "DEBUG"));
    assertThat(es("LOG_LEVEL", "debug").bootProperties())
        .containsExactly(
            entry("logging.level.root", "INFO"), entry("logging.level.io.sightline", "DEBUG"));
    assertThat(es("QUERY_HTTP_SERVER_HOST_PORT", "[::1]:0").bootProperties())
        .containsExactly(entry("server.port", "0"), entry("server.address", "::1"));
    assertThatThrownBy(() -> es("ADMIN_HTTP_HOST_PORT", "0.0.0.0:16686"))
        .hasMessageStartingWith(
            "ADMIN_HTTP_HOST_PORT and QUERY_HTTP_SERVER_HOST_PORT both use port 16686");
  }

  @Test
  void serverTlsBecomesSpringBootsSsl() throws IOException {
    Path cert = Files.writeString(dir.resolve("tls.crt"), "x");
    Path key = Files.writeString(dir.resolve("tls.key"), "x");
    Path ca = Files.writeString(dir.resolve("ca.crt"), "x");
    JaegerEnvironment.Result r =
        es(
            "QUERY_HTTP_TLS_ENABLED", "true",
            "QUERY_HTTP_TLS_CERT", cert.toString(),
            "QUERY_HTTP_TLS_KEY", key.toString(),
            "QUERY_HTTP_TLS_CLIENT_CA", ca.toString(),
            "QUERY_HTTP_TLS_MIN_VERSION", "1.3",
            "ADMIN_HTTP_TLS_ENABLED", "true",
            "ADMIN_HTTP_TLS_CERT", cert.toString(),
            "ADMIN_HTTP_TLS_KEY", key.toString());
    assertThat(r.bootProperties())
        .containsExactly(
            entry("server.ssl.enabled", "true"),
            entry("server.ssl.certificate", "file:" + cert),
            entry("server.ssl.certificate-private-key", "file:" + key),
            entry("server.ssl.trust-certificate", "file:" + ca),
            entry("server.ssl.client-auth", "need"),
            entry("server.ssl.enabled-protocols", "TLSv1.3"),
            entry("management.server.ssl.enabled", "true"),
            entry("management.server.ssl.certificate", "file:" + cert),
            entry("management.server.ssl.certificate-private-key", "file:" + key));
    assertThatThrownBy(() -> es("QUERY_HTTP_TLS_CERT", cert.toString()))
        .hasMessage("QUERY_HTTP_TLS_CERT is set but QUERY_HTTP_TLS_ENABLED is not true.");
    assertThatThrownBy(() -> es("ADMIN_HTTP_TLS_ENABLED", "true"))
        .hasMessage(
            "ADMIN_HTTP_TLS_ENABLED=true needs ADMIN_HTTP_TLS_CERT and ADMIN_HTTP_TLS_KEY (PEM files).");
  }

  @Test
  void grpcQueryTlsTakesTheSameSettingsUnderItsOwnPrefix() throws IOException {
    Path cert = Files.writeString(dir.resolve("grpc.crt"), "x");
    Path key = Files.writeString(dir.resolve("grpc.key"), "x");
    Path ca = Files.writeString(dir.resolve("grpc-ca.crt"), "x");
    JaegerEnvironment.Result r =
        es(
            "QUERY_GRPC_SERVER_HOST_PORT",
            ":26685",
            "QUERY_GRPC_TLS_ENABLED",
            "true",
            "QUERY_GRPC_TLS_CERT",
            cert.toString(),
            "QUERY_GRPC_TLS_KEY",
            key.toString(),
            "QUERY_GRPC_TLS_CLIENT_CA",
            ca.toString(),
            "QUERY_GRPC_TLS_MAX_VERSION",
            "1.2");
    assertThat(r.normalized()).containsEntry("QUERY_GRPC_SERVER_HOST_PORT", ":26685");
    assertThat(r.bootProperties())
        .containsExactly(
            entry("sightline.query.grpc.tls.enabled", "true"),
            entry("sightline.query.grpc.tls.certificate", "file:" + cert),
            entry("sightline.query.grpc.tls.certificate-private-key", "file:" + key),
            entry("sightline.query.grpc.tls.trust-certificate", "file:" + ca),
            entry("sightline.query.grpc.tls.client-auth", "need"),
            entry("sightline.query.grpc.tls.enabled-protocols", "TLSv1.2"));
    assertThatThrownBy(() -> es("QUERY_GRPC_TLS_KEY", key.toString()))
        .hasMessage("QUERY_GRPC_TLS_KEY is set but QUERY_GRPC_TLS_ENABLED is not true.");
    assertThatThrownBy(() -> es("QUERY_GRPC_SERVER_HOST_PORT", "16685"))
        .hasMessageContaining("QUERY_GRPC_SERVER_HOST_PORT");
  }
}
