package io.sightline.storage.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** application.yml binds jaeger-query's ES_* variables to {@link ElasticsearchProperties}. */
class ElasticsearchPropertiesTest {

  private static ElasticsearchProperties bind(Map<String, Object> variables) throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
    new YamlPropertySourceLoader()
        .load("application.yml", new ClassPathResource("application.yml"))
        .forEach(environment.getPropertySources()::addLast);
    return Binder.get(environment)
        .bindOrCreate("sightline.elasticsearch", ElasticsearchProperties.class);
  }

  @Test
  void defaultsAreJaegersButForABoundedTimeout() throws IOException {
    ElasticsearchProperties.Connection c = bind(Map.of()).connection();
    assertThat(c.serverUrls()).containsExactly("http://127.0.0.1:9200");
    assertThat(c.username()).isEmpty();
    assertThat(c.password()).isEmpty();
    // jaeger-query has no request timeout; Sightline bounds every request (docs/CONFIGURATION.md).
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.tls()).isEqualTo(ElasticsearchProperties.Tls.DISABLED);
  }

  @Test
  void everyVariableBinds() throws IOException {
    ElasticsearchProperties.Connection c =
        bind(Map.ofEntries(
                Map.entry("ES_SERVER_URLS", "http://es1:9200, https://es2:9200/"),
                Map.entry("ES_USERNAME", "elastic"),
                Map.entry("ES_PASSWORD", "changeme"),
                Map.entry("ES_PASSWORD_FILE", "/run/secrets/password"),
                Map.entry("ES_TOKEN_FILE", "/run/secrets/token"),
                Map.entry("ES_API_KEY_FILE", "/run/secrets/api-key"),
                Map.entry("ES_TIMEOUT", "1m30s"),
                Map.entry("ES_CONNECT_TIMEOUT", "3s"),
                Map.entry("ES_TLS_ENABLED", "true"),
                Map.entry("ES_TLS_CA", "/certs/ca.pem"),
                Map.entry("ES_TLS_CERT", "/certs/client.pem"),
                Map.entry("ES_TLS_KEY", "/certs/client.key"),
                Map.entry("ES_TLS_SKIP_HOST_VERIFY", "true")))
            .connection();
    assertThat(c.serverUrls()).containsExactly("http://es1:9200", "https://es2:9200/");
    assertThat(EsClientFactory.servers(c.serverUrls()))
        .extracting(Object::toString)
        .containsExactly("http://es1:9200", "https://es2:9200");
    assertThat(c.username()).isEqualTo("elastic");
    assertThat(c.password()).isEqualTo("changeme");
    assertThat(c.passwordFile()).isEqualTo("/run/secrets/password");
    assertThat(c.tokenFile()).isEqualTo("/run/secrets/token");
    assertThat(c.apiKeyFile()).isEqualTo("/run/secrets/api-key");
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.tls())
        .isEqualTo(
            new ElasticsearchProperties.Tls(
                true, "/certs/ca.pem", "/certs/client.pem", "/certs/client.key", "", true));
    assertThat(c.toString()).doesNotContain("changeme");
  }

  @Test
  void aBadTimeoutFailsBindingNamingTheVariable() {
    assertThatThrownBy(() -> bind(Map.of("ES_TIMEOUT", "30")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("ES_TIMEOUT=30 is not a duration");
  }

  @Test
  void connectionOfUrlsHasEverythingElseDefault() {
    ElasticsearchProperties.Connection c =
        ElasticsearchProperties.Connection.of(List.of("http://127.0.0.1:29200"));
    assertThat(c.requestTimeout()).isZero();
    assertThat(c.tls().enabled()).isFalse();
  }
}
