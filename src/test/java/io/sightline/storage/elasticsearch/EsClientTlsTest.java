package io.sightline.storage.elasticsearch;

import static io.sightline.storage.elasticsearch.LocalHttpServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.storage.elasticsearch.ElasticsearchProperties.Tls;
import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.testing.TestCertificates;
import io.sightline.trace.StorageException;
import io.sightline.trace.StorageException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS of the transport against a local HTTPS server, with a CA and certificates generated here:
 * trust by CA file, host-name checks and {@code ES_TLS_SKIP_HOST_VERIFY}, mutual TLS with the three
 * private-key encodings.
 */
class EsClientTlsTest {

  @TempDir static Path dir;

  private static TestCertificates.Issued ca;
  private static TestCertificates.Issued otherCa;
  private static TestCertificates.Issued server;
  private static TestCertificates.Issued wrongHost;
  private static Path caFile;
  private static Path otherCaFile;

  @BeforeAll
  static void issue() throws IOException {
    ca = TestCertificates.ca("Sightline Test CA");
    otherCa = TestCertificates.ca("Someone Else's CA");
    server = TestCertificates.server(ca, "127.0.0.1", "localhost");
    wrongHost = TestCertificates.server(ca, "elsewhere.example");
    caFile = ca.writeCertificate(dir.resolve("ca.pem"));
    otherCaFile = otherCa.writeCertificate(dir.resolve("other-ca.pem"));
  }

  private static LocalHttpServer https(TestCertificates.Issued certificate, boolean clientAuth)
      throws IOException {
    return LocalHttpServer.https(
        certificate.serverContext(List.of(ca.certificate())),
        clientAuth,
        (x, r) -> json(x, 200, "{\"acknowledged\":true}"));
  }

  private static EsClient client(String url, Tls tls) {
    return EsClientFactory.create(ElasticsearchProperties.Connection.of(List.of(url)).withTls(tls));
  }

  private static Tls tls(Path ca, boolean skip) {
    return new Tls(true, ca == null ? "" : ca.toString(), "", "", "", skip);
  }

  @Test
  void trustsTheConfiguredCa() throws IOException {
    try (LocalHttpServer https = https(server, false)) {
      client(https.url(), tls(caFile, false)).refresh(List.of("a"));
      assertThat(https.requests()).hasSize(1);
    }
  }

  @Test
  void rejectsAServerSignedByAnotherCa() throws IOException {
    try (LocalHttpServer https = https(server, false)) {
      assertThatThrownBy(() -> client(https.url(), tls(otherCaFile, false)).refresh(List.of("a")))
          .isInstanceOfSatisfying(
              StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE))
          .hasMessageContaining("cannot connect to " + https.url())
          .hasMessageContaining("SSLHandshakeException");
      assertThat(https.requests()).isEmpty();
    }
  }

  @Test
  void withoutTlsSettingsHttpsUsesTheJvmTrustStore() throws IOException {
    // Sightline does not follow Jaeger v1 here: it never skips verification unless told to.
    try (LocalHttpServer https = https(server, false)) {
      assertThatThrownBy(() -> client(https.url(), Tls.DISABLED).refresh(List.of("a")))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("SSLHandshakeException");
    }
  }

  @Test
  void checksTheHostName() throws IOException {
    try (LocalHttpServer https = https(wrongHost, false)) {
      assertThatThrownBy(() -> client(https.url(), tls(caFile, false)).refresh(List.of("a")))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("SSLHandshakeException")
          .hasMessageContaining("127.0.0.1");
      assertThat(https.requests()).isEmpty();
    }
  }

  @Test
  void skipHostVerifyAcceptsAnyHostAndAnyIssuer() throws IOException {
    try (LocalHttpServer https = https(wrongHost, false)) {
      client(https.url(), tls(null, true)).refresh(List.of("a"));
      client(https.url(), tls(otherCaFile, true)).refresh(List.of("a"));
      assertThat(https.requests()).hasSize(2);
    }
  }

  @Test
  void skipHostVerifyIsPerClient() throws IOException {
    try (LocalHttpServer https = https(wrongHost, false)) {
      client(https.url(), tls(null, true)).refresh(List.of("a"));
      assertThatThrownBy(() -> client(https.url(), tls(caFile, false)).refresh(List.of("a")))
          .isInstanceOf(StorageException.class);
    }
  }

  @Test
  void mutualTlsWithEveryKeyEncoding() throws IOException {
    TestCertificates.Issued rsaClient =
        TestCertificates.client(ca, "sightline-rsa", TestCertificates.rsa());
    TestCertificates.Issued ecClient = TestCertificates.client(ca, "sightline-ec");
    Path rsaCert = rsaClient.writeCertificate(dir.resolve("rsa.crt"));
    Path ecCert = ecClient.writeCertificate(dir.resolve("ec.crt"));
    Path pkcs1 = rsaClient.writeTraditionalKey(dir.resolve("rsa-pkcs1.key"));
    Path rsaPkcs8 = rsaClient.writeKey(dir.resolve("rsa-pkcs8.key"));
    Path sec1 = ecClient.writeTraditionalKey(dir.resolve("ec-sec1.key"));
    Path ecPkcs8 = ecClient.writeKey(dir.resolve("ec-pkcs8.key"));
    assertThat(Files.readString(pkcs1)).contains("BEGIN RSA PRIVATE KEY");
    assertThat(Files.readString(sec1)).contains("BEGIN EC PRIVATE KEY");
    assertThat(Files.readString(rsaPkcs8)).contains("BEGIN PRIVATE KEY");

    try (LocalHttpServer https = https(server, true)) {
      assertThatThrownBy(() -> client(https.url(), tls(caFile, false)).refresh(List.of("a")))
          .as("no client certificate")
          .isInstanceOf(StorageException.class);

      for (Path[] pair :
          List.of(
              new Path[] {rsaCert, pkcs1, Path.of("CN=sightline-rsa")},
              new Path[] {rsaCert, rsaPkcs8, Path.of("CN=sightline-rsa")},
              new Path[] {ecCert, sec1, Path.of("CN=sightline-ec")},
              new Path[] {ecCert, ecPkcs8, Path.of("CN=sightline-ec")})) {
        client(
                https.url(),
                new Tls(true, caFile.toString(), pair[0].toString(), pair[1].toString(), "", false))
            .refresh(List.of("a"));
        X509Certificate presented = peer(https.lastRequest());
        assertThat(presented.getSubjectX500Principal().getName())
            .as("key %s", pair[1].getFileName())
            .isEqualTo(pair[2].toString());
      }
    }
  }

  @Test
  void tlsOptionsNeedTlsEnabledAndGoTogether() {
    assertThatThrownBy(
            () ->
                client(
                    "https://127.0.0.1:9200", new Tls(false, caFile.toString(), "", "", "", false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ES_TLS_ENABLED");
    assertThatThrownBy(() -> client("https://127.0.0.1:9200", new Tls(false, "", "", "", "", true)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ES_TLS_ENABLED");
    assertThatThrownBy(
            () ->
                client(
                    "https://127.0.0.1:9200", new Tls(true, "", caFile.toString(), "", "", false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ES_TLS_CERT and ES_TLS_KEY");
    assertThatThrownBy(
            () ->
                client(
                    "https://127.0.0.1:9200",
                    new Tls(true, dir.resolve("none.pem").toString(), "", "", "", false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ES_TLS_CA=");
    assertThatThrownBy(
            () ->
                client(
                    "https://127.0.0.1:9200",
                    new Tls(true, "", caFile.toString(), caFile.toString(), "", false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ES_TLS_KEY=")
        .hasMessageContaining("no PEM private key");
    Path encrypted = dir.resolve("encrypted.key");
    try {
      Files.writeString(
          encrypted,
          "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertThatThrownBy(
            () ->
                client(
                    "https://127.0.0.1:9200",
                    new Tls(true, "", caFile.toString(), encrypted.toString(), "", false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ES_TLS_KEY=" + encrypted)
        .hasMessageContaining("encrypted private key");
  }

  private static X509Certificate peer(LocalHttpServer.Request request) {
    try {
      return (X509Certificate) request.tls().getPeerCertificates()[0];
    } catch (SSLPeerUnverifiedException e) {
      throw new AssertionError("the client presented no certificate", e);
    }
  }
}
