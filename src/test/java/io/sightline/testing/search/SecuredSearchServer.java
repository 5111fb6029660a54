package io.sightline.testing.search;

import io.sightline.storage.elasticsearch.ElasticsearchProperties;
import io.sightline.storage.elasticsearch.ElasticsearchProperties.Tls;
import io.sightline.storage.elasticsearch.EsClientFactory;
import io.sightline.storage.elasticsearch.client.EsClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A secured Elasticsearch (8 or later) that a test runs against: security on, HTTP over TLS with a
 * certificate signed by a CA the test generated (BouncyCastle) for {@link #HOST_NAME} only —
 * neither {@code 127.0.0.1} nor {@code localhost} matches it — file-realm users, and, in the
 * {@linkplain #requiresClientCertificates() mutual-TLS variant}, client certificates required. It
 * starts when a test first asks for its {@link #url()}, once per JVM per variant, and stops when
 * the run ends. See {@link SecuredSearchServerTest}.
 */
public final class SecuredSearchServer {

  /** The only host name the server's certificate carries. */
  public static final String HOST_NAME = SecuredSetup.HOST_NAME;

  private final SearchServerVersion version;
  private final SecuredSetup setup;
  private final SearchServers registry;
  private EsClient client;

  SecuredSearchServer(SearchServerVersion version, SecuredSetup setup, SearchServers registry) {
    this.version = version;
    this.setup = setup;
    this.registry = registry;
  }

  SecuredSetup setup() {
    return setup;
  }

  /** E.g. {@code es-8.19.0-secured} or {@code es-8.19.0-mtls}. */
  public String id() {
    return setup.name();
  }

  public SearchServerVersion version() {
    return version;
  }

  /** {@code https://127.0.0.1:<port>}; starts the server if needed. */
  public URI url() {
    return registry.securedUrl(this);
  }

  /** {@code https://es.sightline.test:<port>}: the URL that matches the certificate. */
  public URI urlByHostName() {
    return URI.create("https://" + HOST_NAME + ":" + url().getPort());
  }

  /** PEM file of the CA that signed the server's (and the client's) certificate. */
  public Path caFile() {
    return setup.pki().ca();
  }

  /** PEM client certificate signed by the same CA (for {@code ES_TLS_CERT}). */
  public Path clientCertificateFile() {
    return setup.pki().clientCertificate();
  }

  /** Its PKCS#8 private key (for {@code ES_TLS_KEY}). */
  public Path clientKeyFile() {
    return setup.pki().clientKey();
  }

  /** Whether the server refuses connections without a client certificate of its CA. */
  public boolean requiresClientCertificates() {
    return setup.requiresClientCertificates();
  }

  /** A file-realm superuser, made with {@code elasticsearch-users useradd … -r superuser}. */
  public SearchUser superuser() {
    return setup.superuser();
  }

  /** The built-in {@code elastic} user (its bootstrap password from the keystore). */
  public SearchUser elastic() {
    return setup.elastic();
  }

  /** A file-realm user whose only privilege is {@code monitor} on the cluster: no index reads. */
  public SearchUser monitorOnly() {
    return setup.monitor();
  }

  /**
   * Connection settings as the superuser, verifying the server strictly: the test CA, and the
   * certificate's host name through {@code ES_TLS_SERVER_NAME}; with the client certificate when
   * the server requires one.
   */
  public ElasticsearchProperties.Connection connection() {
    Tls tls = Tls.withCa(caFile().toString()).withServerName(HOST_NAME);
    if (requiresClientCertificates()) {
      tls =
          tls.withClientCertificate(clientCertificateFile().toString(), clientKeyFile().toString());
    }
    return ElasticsearchProperties.Connection.of(List.of(url().toString()))
        .withBasicAuth(superuser().name(), superuser().password())
        .withTls(tls);
  }

  /** A client of {@link #connection()}, shared by the tests. */
  public synchronized EsClient client() {
    if (client == null) {
      client = EsClientFactory.create(connection());
    }
    return client;
  }

  @Override
  public String toString() {
    return id();
  }
}
