package io.sightline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.SightlineApplication;
import io.sightline.testing.TestCertificates;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * jaeger-query's variables for the servers themselves — listen addresses, TLS of the UI/API and
 * admin ports, log level — take effect through Spring Boot's settings.
 */
class JaegerServerSettingsTest {

  @TempDir Path dir;

  private ConfigurableApplicationContext app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    // The log level is the JVM's: leave it as the other tests expect it.
    LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
    logging.setLogLevel("io.sightline", null);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void listenAddressesAndLogLevel() throws Exception {
    int ui = freePort();
    int admin = freePort();
    app =
        SpringApplication.run(
            SightlineApplication.class,
            "--QUERY_HTTP_SERVER_HOST_PORT=127.0.0.1:" + ui,
            "--ADMIN_HTTP_HOST_PORT=:" + admin,
            "--LOG_LEVEL=warn",
            "--SIGHTLINE_DEMO=false");
    assertThat(((WebServerApplicationContext) app).getWebServer().getPort()).isEqualTo(ui);
    assertThat(app.getEnvironment().getProperty("local.management.port"))
        .isEqualTo(Integer.toString(admin));
    HttpResponse<String> health =
        get(HttpClient.newHttpClient(), "http", admin, "/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    assertThat(logging.getLoggerConfiguration("io.sightline").getEffectiveLevel())
        .isEqualTo(LogLevel.WARN);
    assertThat(logging.getLoggerConfiguration(LoggingSystem.ROOT_LOGGER_NAME).getEffectiveLevel())
        .isEqualTo(LogLevel.WARN);
  }

  @Test
  void tlsOnBothPortsWithClientCertificatesOnTheUiPort() throws Exception {
    TestCertificates.Issued ca = TestCertificates.ca("ports CA");
    TestCertificates.Issued server = TestCertificates.server(ca, "localhost", "127.0.0.1");
    TestCertificates.Issued client = TestCertificates.client(ca, "browser");
    Path caFile = ca.writeCertificate(dir.resolve("ca.crt"));
    Path cert = server.writeCertificate(dir.resolve("tls.crt"));
    Path key = server.writeKey(dir.resolve("tls.key"));
    app =
        SpringApplication.run(
            SightlineApplication.class,
            "--QUERY_HTTP_SERVER_HOST_PORT=:0",
            "--ADMIN_HTTP_HOST_PORT=:0",
            "--QUERY_HTTP_TLS_ENABLED=true",
            "--QUERY_HTTP_TLS_CERT=" + cert,
            "--QUERY_HTTP_TLS_KEY=" + key,
            "--QUERY_HTTP_TLS_CLIENT_CA=" + caFile,
            "--QUERY_HTTP_TLS_MIN_VERSION=1.3",
            "--ADMIN_HTTP_TLS_ENABLED=1",
            "--ADMIN_HTTP_TLS_CERT=" + cert,
            "--ADMIN_HTTP_TLS_KEY=" + key,
            "--SIGHTLINE_DEMO=false");
    int ui = ((WebServerApplicationContext) app).getWebServer().getPort();
    int admin = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.management.port"));

    HttpClient withCertificate = client(ca, client);
    HttpClient withoutCertificate = client(ca, null);
    assertThat(get(withCertificate, "https", ui, "/api/services").statusCode()).isEqualTo(200);
    assertThat(get(withoutCertificate, "https", admin, "/actuator/health").statusCode())
        .isEqualTo(200);
    // The UI port requires a client certificate of the CA; neither port speaks plain HTTP.
    assertThatThrownBy(() -> get(withoutCertificate, "https", ui, "/api/services"))
        .isInstanceOf(IOException.class);
    int plain;
    try {
      plain = get(HttpClient.newHttpClient(), "http", admin, "/actuator/health").statusCode();
    } catch (IOException refused) {
      plain = -1;
    }
    assertThat(plain).as("plain HTTP on the TLS admin port").isIn(-1, 400);
  }

  private static HttpClient client(TestCertificates.Issued ca, TestCertificates.Issued client)
      throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (client != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "client",
          client.keys().getPrivate(),
          new char[0],
          new X509Certificate[] {client.certificate()});
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
    return HttpClient.newBuilder().sslContext(context).build();
  }

  private static HttpResponse<String> get(HttpClient http, String scheme, int port, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(scheme + "://localhost:" + port + path))
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
