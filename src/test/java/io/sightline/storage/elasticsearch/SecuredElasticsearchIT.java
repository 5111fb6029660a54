package io.sightline.storage.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.SightlineApplication;
import io.sightline.storage.elasticsearch.ElasticsearchProperties.Connection;
import io.sightline.storage.elasticsearch.ElasticsearchProperties.Tls;
import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.client.EsStatusException;
import io.sightline.testing.TestCertificates;
import io.sightline.testing.search.SecuredSearchServer;
import io.sightline.testing.search.SecuredSearchServerTest;
import io.sightline.testing.search.SecuredSearchServerTest.MutualTls;
import io.sightline.trace.StorageException;
import io.sightline.trace.TraceId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sightline's Elasticsearch client against a real Elasticsearch 8 with security: TLS verified
 * strictly or skipped as Jaeger's variables say, certificates from an unknown CA or for another
 * host refused with a message saying which variable to look at, credentials (basic auth, the {@code
 * elastic} user, a password file that changes, a user without index privileges), and mutual TLS
 * against a server that requires client certificates.
 */
@SecuredSearchServerTest
class SecuredElasticsearchIT {

  @TempDir Path dir;

  private static Connection connection(SecuredSearchServer server, String url, Tls tls) {
    return Connection.of(List.of(url))
        .withBasicAuth(server.superuser().name(), server.superuser().password())
        .withTls(tls);
  }

  private static String health(Connection connection) {
    return new ElasticsearchStorageHealth(EsClientFactory.create(connection)).check();
  }

  private static StorageException failure(Connection connection) {
    try {
      health(connection);
    } catch (StorageException e) {
      return e;
    }
    throw new AssertionError("the check passed");
  }

  @Test
  void strictTlsWithTheCertificatesHostName(SecuredSearchServer server) {
    Tls tls = Tls.withCa(server.caFile().toString()).withServerName(SecuredSearchServer.HOST_NAME);
    assertThat(health(connection(server, server.url().toString(), tls)))
        .startsWith("Elasticsearch " + server.version().version());
  }

  @Test
  void byAddressTheCertificatesHostNameDoesNotMatch(SecuredSearchServer server) {
    Tls tls = Tls.withCa(server.caFile().toString());
    StorageException e = failure(connection(server, server.url().toString(), tls));
    assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
    assertThat(e)
        .hasMessageContaining("cannot connect to " + server.url())
        .hasMessageContaining(
            "TLS: the server's certificate is not issued for the host in ES_SERVER_URLS (connect"
                + " by a name the certificate carries, set ES_TLS_SERVER_NAME to one, or,"
                + " insecurely, ES_TLS_SKIP_HOST_VERIFY=true)");
    // Jaeger's skip: neither chain nor name is verified.
    assertThat(health(connection(server, server.url().toString(), tls.withSkipHostVerify(true))))
        .startsWith("Elasticsearch");
  }

  @Test
  void anotherServerNameIsRefusedSayingWhichNamesTheCertificateHas(SecuredSearchServer server) {
    Tls tls = Tls.withCa(server.caFile().toString()).withServerName("other.sightline.test");
    assertThat(failure(connection(server, server.url().toString(), tls)))
        .hasMessageContaining(
            "TLS: the server certificate is for es.sightline.test, not other.sightline.test"
                + " (ES_TLS_SERVER_NAME)");
  }

  @Test
  void aCertificateFromAnUnknownCaIsRefused(SecuredSearchServer server) {
    Path otherCa = TestCertificates.ca("Some other CA").writeCertificate(dir.resolve("other.crt"));
    Tls tls = Tls.withCa(otherCa.toString()).withServerName(SecuredSearchServer.HOST_NAME);
    assertThat(failure(connection(server, server.url().toString(), tls)))
        .hasMessageContaining(
            "TLS: the server's certificate is not signed by a trusted CA (ES_TLS_CA names the CA"
                + " to trust; without it the JVM's trust store is used)");
    // Without any TLS setting, the JVM's trust store does not know the test CA either.
    assertThat(
            failure(
                Connection.of(List.of(server.url().toString()))
                    .withBasicAuth(server.superuser().name(), server.superuser().password())))
        .hasMessageContaining("TLS: the server's certificate is not signed by a trusted CA");
  }

  @Test
  void plainHttpToTheTlsPortSaysSo(SecuredSearchServer server) {
    String http = "http://127.0.0.1:" + server.url().getPort();
    assertThat(failure(Connection.of(List.of(http))))
        .hasMessageContaining("failed talking to " + http)
        .hasMessageContaining("closed the connection without an answer; does it expect https://?");
  }

  @Test
  void credentials(SecuredSearchServer server) throws Exception {
    Tls tls = Tls.withCa(server.caFile().toString()).withServerName(SecuredSearchServer.HOST_NAME);
    Connection base = Connection.of(List.of(server.url().toString())).withTls(tls);
    // The built-in elastic user, as in the seed.
    assertThat(health(base.withBasicAuth("elastic", server.elastic().password())))
        .startsWith("Elasticsearch");
    // A wrong password.
    StorageException wrong = failure(base.withBasicAuth(server.superuser().name(), "nope-nope"));
    assertThat(wrong.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
    assertThat(wrong)
        .hasMessage(
            "cluster health failed: HTTP 401: Elasticsearch at "
                + server.url()
                + " rejected the credentials for user 'sightline-it' (security_exception: unable"
                + " to authenticate user [sightline-it] for REST request [/_cluster/health]);"
                + " check ES_USERNAME and ES_PASSWORD (or ES_PASSWORD_FILE)");
    // None at all.
    assertThat(failure(base))
        .hasMessageContaining(
            "Elasticsearch at " + server.url() + " requires authentication (security_exception:");
  }

  @Test
  void aPasswordFileIsReadAgainWhenItChanges(SecuredSearchServer server) throws Exception {
    Path file = Files.writeString(dir.resolve("password"), "not-the-password\n");
    Tls tls = Tls.withCa(server.caFile().toString()).withServerName(SecuredSearchServer.HOST_NAME);
    EsClient client =
        EsClientFactory.create(
            Connection.of(List.of(server.url().toString()))
                .withPasswordFile(server.superuser().name(), file.toString())
                .withTls(tls));
    assertThatThrownBy(client::clusterHealth).hasMessageContaining("rejected the credentials");
    Thread.sleep(1_100); // a new modification time on file systems with second resolution
    Files.writeString(file, server.superuser().password() + "\n");
    assertThat(client.clusterHealth().isUsable()).isTrue();
  }

  @Test
  void aUserWithoutIndexPrivilegesIsToldSo(SecuredSearchServer server) {
    Tls tls = Tls.withCa(server.caFile().toString()).withServerName(SecuredSearchServer.HOST_NAME);
    EsClient client =
        EsClientFactory.create(
            Connection.of(List.of(server.url().toString()))
                .withBasicAuth(server.monitorOnly().name(), server.monitorOnly().password())
                .withTls(tls));
    assertThat(new ElasticsearchStorageHealth(client).check()).startsWith("Elasticsearch");
    assertThatThrownBy(() -> client.search(List.of("jaeger-span-*"), Map.of("size", 0), Map.of()))
        .isInstanceOfSatisfying(EsStatusException.class, e -> assertThat(e.status()).isEqualTo(403))
        .hasMessageContaining(
            "Elasticsearch at "
                + server.url()
                + " does not allow user 'sightline-monitor' this (security_exception: action"
                + " [indices:data/read/search] is unauthorized for user [sightline-monitor]");
  }

  // --- mutual TLS ------------------------------------------------------------------------------

  @Test
  void mutualTlsWithTheClientCertificate(@MutualTls SecuredSearchServer server) {
    assertThat(server.requiresClientCertificates()).isTrue();
    Tls tls =
        Tls.withCa(server.caFile().toString())
            .withServerName(SecuredSearchServer.HOST_NAME)
            .withClientCertificate(
                server.clientCertificateFile().toString(), server.clientKeyFile().toString());
    assertThat(health(connection(server, server.url().toString(), tls)))
        .startsWith("Elasticsearch " + server.version().version());
  }

  @Test
  void mutualTlsWithoutOrWithAForeignClientCertificateIsRefused(
      @MutualTls SecuredSearchServer server) {
    Tls tls = Tls.withCa(server.caFile().toString()).withServerName(SecuredSearchServer.HOST_NAME);
    String expected =
        "TLS: the server requires a client certificate it trusts (ES_TLS_CERT and ES_TLS_KEY)";
    assertThat(failure(connection(server, server.url().toString(), tls)))
        .hasMessageContaining(expected);
    TestCertificates.Issued foreign =
        TestCertificates.client(TestCertificates.ca("Foreign CA"), "intruder");
    Tls foreignTls =
        tls.withClientCertificate(
            foreign.writeCertificate(dir.resolve("f.crt")).toString(),
            foreign.writeKey(dir.resolve("f.key")).toString());
    assertThat(failure(connection(server, server.url().toString(), foreignTls)))
        .hasMessageContaining(expected);
  }

  /** The whole application with Jaeger's mutual-TLS variables, against the requiring server. */
  @Test
  void theApplicationWithMutualTls(@MutualTls SecuredSearchServer server) throws Exception {
    String service = "mtls-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    TraceId trace = new TraceId(0, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    ElasticsearchStorage storage =
        ElasticsearchStorage.create(
            server.client(),
            server.client(),
            new ElasticsearchProperties(
                server.connection(),
                IndexProperties.defaults().withShards(1, 0),
                ReadingProperties.defaults(),
                TagsAsFieldsProperties.defaults(),
                ArchiveProperties.disabled()),
            Clock.systemUTC());
    storage
        .spanWriter()
        .writeSpans(List.of(TestSpans.span(trace, 1, service, "GET /", Instant.now())));
    storage.spanWriter().flush();

    try (ConfigurableApplicationContext app =
        SpringApplication.run(
            SightlineApplication.class,
            "--SPAN_STORAGE_TYPE=elasticsearch",
            "--ES_SERVER_URLS=" + server.url(),
            "--ES_USERNAME=" + server.superuser().name(),
            "--ES_PASSWORD=" + server.superuser().password(),
            "--ES_TLS_ENABLED=true",
            "--ES_TLS_CA=" + server.caFile(),
            "--ES_TLS_SERVER_NAME=" + SecuredSearchServer.HOST_NAME,
            "--ES_TLS_CERT=" + server.clientCertificateFile(),
            "--ES_TLS_KEY=" + server.clientKeyFile(),
            "--server.port=0",
            "--management.server.port=0")) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      HttpResponse<String> services =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/services"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(services.statusCode()).as(services.body()).isEqualTo(200);
      assertThat(services.body()).contains("\"" + service + "\"");
    }
  }
}
