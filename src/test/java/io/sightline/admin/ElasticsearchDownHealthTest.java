package io.sightline.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real Elasticsearch storage pointed at a port where nothing listens: Jaeger's health answers
 * 503 "Server not available" promptly, and the probes the Helm chart uses stay up.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "SPAN_STORAGE_TYPE=elasticsearch",
      "sightline.admin.health-timeout=2s",
      "sightline.admin.health-cache-duration=0s"
    })
class ElasticsearchDownHealthTest {

  @DynamicPropertySource
  static void closedPort(DynamicPropertyRegistry registry) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    registry.add("ES_SERVER_URLS", () -> "http://127.0.0.1:" + port);
  }

  @LocalManagementPort int adminPort;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + adminPort + path))
            .timeout(Duration.ofSeconds(15))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthIs503WithinTheTimeout() throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> response = get("/");
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body())
        .isEqualTo(
            "{\"status\":\"Server not available\",\"upSince\":\"0001-01-01T00:00:00Z\","
                + "\"uptime\":\"\"}");
    assertThat(elapsedMs).isLessThan(5_000);
    assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
  }
}
