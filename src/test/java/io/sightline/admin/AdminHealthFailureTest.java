package io.sightline.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.StorageException;
import io.sightline.trace.StorageHealth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Jaeger's health answer when the trace store is down or hangs: 503 with Jaeger's "not available"
 * body, within the configured timeout, while the liveness and readiness probes stay up (a store
 * outage must not restart or unlist the pods).
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "sightline.demo.enabled=false",
      "SIGHTLINE_DEMO=false",
      "sightline.admin.health-timeout=300ms",
      "sightline.admin.health-cache-duration=0s"
    })
class AdminHealthFailureTest {

  private static final String NOT_AVAILABLE =
      "{\"status\":\"Server not available\",\"upSince\":\"0001-01-01T00:00:00Z\",\"uptime\":\"\"}";

  /** A store whose health check does what the test says: answer, fail, or hang. */
  static final class ControlledStore implements StorageHealth {
    final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    volatile CountDownLatch hang;

    @Override
    public String check() {
      CountDownLatch latch = hang;
      if (latch != null) {
        try {
          latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      RuntimeException f = failure.get();
      if (f != null) {
        throw f;
      }
      return "controlled";
    }
  }

  @TestConfiguration
  static class Config {
    @Bean
    @Primary
    ControlledStore controlledStore() {
      return new ControlledStore();
    }
  }

  @LocalManagementPort int adminPort;
  @Autowired ControlledStore store;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + adminPort + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @AfterEach
  void heal() {
    store.failure.set(null);
    CountDownLatch latch = store.hang;
    store.hang = null;
    if (latch != null) {
      latch.countDown();
    }
  }

  @Test
  void failingStoreIs503WithJaegersBody() throws Exception {
    assertThat(get("/").statusCode()).isEqualTo(200);

    store.failure.set(
        new StorageException(StorageException.Kind.UNAVAILABLE, "Connection refused: es:9200"));
    HttpResponse<String> response = get("/");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body()).isEqualTo(NOT_AVAILABLE);
    assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health").statusCode()).isEqualTo(503);
  }

  @Test
  void hangingStoreIs503WithinTheTimeout() throws Exception {
    store.hang = new CountDownLatch(1);

    long started = System.nanoTime();
    HttpResponse<String> response = get("/");
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo(NOT_AVAILABLE);
    assertThat(elapsedMs).isLessThan(3_000);
    // Probes meanwhile do not pile up: the next request waits for the same check, and is
    // bounded the same way.
    started = System.nanoTime();
    assertThat(get("/").statusCode()).isEqualTo(503);
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3_000);
  }
}
