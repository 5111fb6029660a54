package io.sightline.storage.elasticsearch;

import io.sightline.gotext.GoDuration;
import io.sightline.storage.elasticsearch.client.EsClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Elasticsearch/OpenSearch backend, bound in {@code application.yml} from
 * jaeger-query's environment variables ({@code ES_*}). Nothing connects because these exist: a
 * client is built by {@link EsClientFactory} only where the Elasticsearch storage is selected.
 *
 * @param connection how to reach the cluster (servers, credentials, TLS, timeouts)
 * @param indices index names, rotation and templates
 * @param reading how far searches and lookups reach
 * @param tagsAsFields which tags are stored as object fields
 * @param archive the archive storage ({@code ES_ARCHIVE_*})
 */
@ConfigurationProperties("sightline.elasticsearch")
public record ElasticsearchProperties(
    @DefaultValue Connection connection,
    @DefaultValue IndexProperties indices,
    @DefaultValue ReadingProperties reading,
    @DefaultValue TagsAsFieldsProperties tagsAsFields,
    @DefaultValue ArchiveProperties archive) {

  public ElasticsearchProperties {
    connection = connection == null ? Connection.of(List.of("http://127.0.0.1:9200")) : connection;
    indices = indices == null ? IndexProperties.defaults() : indices;
    reading = reading == null ? ReadingProperties.defaults() : reading;
    tagsAsFields = tagsAsFields == null ? TagsAsFieldsProperties.defaults() : tagsAsFields;
    archive = archive == null ? ArchiveProperties.disabled() : archive;
  }

  /** These connection settings, everything else Jaeger's defaults. */
  public static ElasticsearchProperties of(Connection connection) {
    return new ElasticsearchProperties(connection, null, null, null, null);
  }

  /**
   * How to reach the cluster. Blank strings mean "not set" (the YAML binds unset variables to
   * {@code ""}).
   *
   * @param serverUrls {@code ES_SERVER_URLS}: the servers, tried in order when one cannot be
   *     connected to
   * @param username {@code ES_USERNAME}: basic-auth user
   * @param password {@code ES_PASSWORD}: basic-auth password
   * @param passwordFile {@code ES_PASSWORD_FILE}: file holding the basic-auth password (re-read
   *     when it changes); not together with {@code ES_PASSWORD}
   * @param tokenFile {@code ES_TOKEN_FILE}: file holding a bearer token (Jaeger's {@code
   *     --es.token-file})
   * @param apiKeyFile {@code ES_API_KEY_FILE}: file holding an Elasticsearch API key, sent as
   *     {@code Authorization: ApiKey <key>} (Jaeger's {@code --es.api-key-file})
   * @param timeout {@code ES_TIMEOUT}: per-request timeout as a Go duration ({@code 30s}, {@code
   *     1m30s}); {@code 0} means none, like Jaeger
   * @param connectTimeout time to establish a TCP/TLS connection to one server before the next is
   *     tried ({@code ES_CONNECT_TIMEOUT}, Sightline's own; Spring duration syntax)
   * @param tls {@code ES_TLS_*}
   */
  public record Connection(
      @DefaultValue("http://127.0.0.1:9200") List<String> serverUrls,
      @DefaultValue("") String username,
      @DefaultValue("") String password,
      @DefaultValue("") String passwordFile,
      @DefaultValue("") String tokenFile,
      @DefaultValue("") String apiKeyFile,
      @DefaultValue("0") String timeout,
      @DefaultValue("10s") Duration connectTimeout,
      @DefaultValue Tls tls) {

    public Connection {
      serverUrls = SettingValues.nonBlank(serverUrls);
      username = SettingValues.orEmpty(username);
      password = SettingValues.orEmpty(password);
      passwordFile = SettingValues.trimmed(passwordFile);
      tokenFile = SettingValues.trimmed(tokenFile);
      apiKeyFile = SettingValues.trimmed(apiKeyFile);
      timeout = SettingValues.orDefault(timeout, "0");
      // Validated here so that a bad value fails at startup, naming the variable.
      parseTimeout(timeout);
      if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
        connectTimeout = Duration.ofSeconds(10);
      }
      tls = tls == null ? Tls.DISABLED : tls;
    }

    /** Connection settings for these servers, everything else default. */
    public static Connection of(List<String> serverUrls) {
      return new Connection(serverUrls, "", "", "", "", "", "0", null, null);
    }

    /** The request timeout; {@link Duration#ZERO} (or negative) means none. */
    public Duration requestTimeout() {
      return parseTimeout(timeout);
    }

    private static Duration parseTimeout(String text) {
      return GoDuration.parseSetting(text, "ES_TIMEOUT");
    }

    public Connection withBasicAuth(String username, String password) {
      return edit(
          c -> {
            c.username = username;
            c.password = password;
            c.passwordFile = "";
          });
    }

    public Connection withPasswordFile(String username, String passwordFile) {
      return edit(
          c -> {
            c.username = username;
            c.password = "";
            c.passwordFile = passwordFile;
          });
    }

    public Connection withTokenFile(String tokenFile) {
      return edit(c -> c.tokenFile = tokenFile);
    }

    public Connection withApiKeyFile(String apiKeyFile) {
      return edit(c -> c.apiKeyFile = apiKeyFile);
    }

    public Connection withTimeout(String timeout) {
      return edit(c -> c.timeout = timeout);
    }

    public Connection withConnectTimeout(Duration connectTimeout) {
      return edit(c -> c.connectTimeout = connectTimeout);
    }

    public Connection withTls(Tls tls) {
      return edit(c -> c.tls = tls);
    }

    /** A copy with the changes the editor makes to a draft of these settings. */
    private Connection edit(Consumer<Draft> editor) {
      Draft draft = new Draft(this);
      editor.accept(draft);
      return draft.build();
    }

    /** The components of a {@link Connection} being changed. */
    private static final class Draft {
      private final List<String> serverUrls;
      private String username;
      private String password;
      private String passwordFile;
      private String tokenFile;
      private String apiKeyFile;
      private String timeout;
      private Duration connectTimeout;
      private Tls tls;

      Draft(Connection c) {
        serverUrls = c.serverUrls;
        username = c.username;
        password = c.password;
        passwordFile = c.passwordFile;
        tokenFile = c.tokenFile;
        apiKeyFile = c.apiKeyFile;
        timeout = c.timeout;
        connectTimeout = c.connectTimeout;
        tls = c.tls;
      }

      Connection build() {
        return new Connection(
            serverUrls,
            username,
            password,
            passwordFile,
            tokenFile,
            apiKeyFile,
            timeout,
            connectTimeout,
            tls);
      }
    }

    /** Never shows the password: records print every component by default. */
    @Override
    public String toString() {
      return "Connection[serverUrls="
          + serverUrls.stream().map(EsClient::redact).toList()
          + ", username="
          + username
          + ", password="
          + (password.isEmpty() ? "" : "******")
          + ", passwordFile="
          + passwordFile
          + ", tokenFile="
          + tokenFile
          + ", apiKeyFile="
          + apiKeyFile
          + ", timeout="
          + timeout
          + ", connectTimeout="
          + connectTimeout
          + ", tls="
          + tls
          + "]";
    }
  }

  /**
   * TLS towards the servers ({@code https://} URLs).
   *
   * @param enabled {@code ES_TLS_ENABLED}: use the settings below; without it the JVM's default
   *     trust store verifies {@code https://} servers
   * @param ca {@code ES_TLS_CA}: PEM file of the CA certificate(s) to trust instead of the JVM's
   *     default trust store
   * @param cert {@code ES_TLS_CERT}: PEM client certificate (chain) for mutual TLS
   * @param key {@code ES_TLS_KEY}: PEM private key of the client certificate (PKCS#8, PKCS#1 RSA or
   *     SEC1 EC; not encrypted)
   * @param serverName {@code ES_TLS_SERVER_NAME}: the host name the server's certificate must
   *     carry, instead of the host of the URL (Go's {@code ServerName})
   * @param skipHostVerify {@code ES_TLS_SKIP_HOST_VERIFY}: (insecure) verify neither the server's
   *     certificate chain nor its host name, like Go's {@code InsecureSkipVerify} in Jaeger
   */
  public record Tls(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("") String ca,
      @DefaultValue("") String cert,
      @DefaultValue("") String key,
      @DefaultValue("") String serverName,
      @DefaultValue("false") boolean skipHostVerify) {

    /** TLS settings off. */
    public static final Tls DISABLED = new Tls(false, "", "", "", "", false);

    public Tls {
      ca = SettingValues.trimmed(ca);
      cert = SettingValues.trimmed(cert);
      key = SettingValues.trimmed(key);
      serverName = SettingValues.trimmed(serverName);
    }

    /** TLS on, trusting the CAs in this PEM file. */
    public static Tls withCa(String ca) {
      return new Tls(true, ca, "", "", "", false);
    }

    public Tls withClientCertificate(String cert, String key) {
      return new Tls(enabled, ca, cert, key, serverName, skipHostVerify);
    }

    public Tls withServerName(String serverName) {
      return new Tls(enabled, ca, cert, key, serverName, skipHostVerify);
    }

    public Tls withSkipHostVerify(boolean skipHostVerify) {
      return new Tls(enabled, ca, cert, key, serverName, skipHostVerify);
    }

    /** Whether any TLS option besides {@code enabled} is set. */
    boolean anyOptionSet() {
      return firstOptionSet() != null;
    }

    /**
     * The variable suffix of the first option set besides {@code enabled} ({@code CA}…), or null.
     */
    String firstOptionSet() {
      if (!ca.isEmpty()) {
        return "CA";
      } else if (!cert.isEmpty()) {
        return "CERT";
      } else if (!key.isEmpty()) {
        return "KEY";
      } else if (!serverName.isEmpty()) {
        return "SERVER_NAME";
      } else if (skipHostVerify) {
        return "SKIP_HOST_VERIFY";
      }
      return null;
    }
  }
}
