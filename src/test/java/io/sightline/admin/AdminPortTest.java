package io.sightline.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin port over real HTTP with the embedded store: Jaeger's health on {@code /}, Actuator's
 * probes at the paths the Helm chart uses, Prometheus metrics on {@code /metrics} with bounded
 * label values, and no configuration-revealing endpoints.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "sightline.demo.enabled=false",
      "SIGHTLINE_DEMO=false"
    })
class AdminPortTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @LocalManagementPort int adminPort;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(int onPort, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + onPort + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void rootAnswersJaegersHealth() throws Exception {
    HttpResponse<String> response = get(adminPort, "/");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.propertyNames()).containsExactly("status", "upSince", "uptime");
    assertThat(body.get("status").asString()).isEqualTo("Server available");
    assertThat(body.get("upSince").asString())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z");
    assertThat(body.get("uptime").asString()).matches("(\\d+h)?(\\d+m)?\\d+(\\.\\d+)?(s|ms|µs|ns)");
  }

  @Test
  void healthProbesOfTheHelmChartAnswer() throws Exception {
    for (String probe : new String[] {"liveness", "readiness"}) {
      HttpResponse<String> response = get(adminPort, "/actuator/health/" + probe);
      assertThat(response.statusCode()).as(probe).isEqualTo(200);
      assertThat(JSON.readTree(response.body()).get("status").asString()).isEqualTo("UP");
    }
    HttpResponse<String> health = get(adminPort, "/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    // Details (the store's name, say) are not shown to anonymous callers.
    assertThat(health.body()).doesNotContain("memory", "storage");
  }

  @Test
  void configurationIsNotExposed() throws Exception {
    for (String path :
        new String[] {
          "/actuator/env",
          "/actuator/configprops",
          "/actuator/beans",
          "/actuator/heapdump",
          "/actuator/threaddump",
          "/actuator/mappings",
          "/actuator/loggers"
        }) {
      assertThat(get(adminPort, path).statusCode()).as(path).isEqualTo(404);
    }
    // The admin routes live on the admin port only.
    assertThat(get(port, "/metrics").body()).doesNotContain("jvm_memory_used_bytes");
    assertThat(get(port, "/").body()).doesNotContain("Server available");
  }

  @Test
  void metricsCoverRequestsStorageAndTheJvmWithoutTraceIdsInLabels() throws Exception {
    for (String id : new String[] {"a1b2", "c3d4", "e5f6", "0123456789abcdef"}) {
      assertThat(get(port, "/api/traces/" + id).statusCode()).isEqualTo(404);
      assertThat(get(port, "/api/v3/traces/" + id).statusCode()).isEqualTo(404);
    }
    get(port, "/api/services");
    assertThat(get(port, "/api/traces?service=nobody").statusCode()).isEqualTo(200);

    HttpResponse<String> response = get(adminPort, "/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
        .startsWith("text/plain;version=0.0.4");
    String metrics = response.body();
    assertThat(metrics).contains("jvm_memory_used_bytes", "process_cpu_usage");
    assertThat(metrics)
        .contains("http_server_requests_seconds_count{")
        .contains("uri=\"/api/traces/{traceID}\"")
        .contains("uri=\"/api/v3/traces/{trace_id}\"")
        .contains("http_server_requests_seconds_bucket{");
    assertThat(metrics).doesNotContain("a1b2", "c3d4", "e5f6", "0123456789abcdef");
    assertThat(metrics)
        .contains(
            "sightline_storage_requests_seconds_count{operation=\"getTraces\",outcome=\"success\",store=\"span\"}")
        .contains("operation=\"getServices\"")
        // A streamed search is its start and its batches, not one findTraces call per batch.
        .containsPattern(
            "(?m)^sightline_storage_requests_seconds_count\\{operation=\"findTraceBatches\",outcome=\"success\",store=\"span\"} 1(\\.0)?$")
        .contains("operation=\"nextTraceBatch\"")
        .doesNotContain("operation=\"findTraces\"");
    // The four unknown IDs each missed the trace store, then the archive.
    Matcher archiveMisses =
        Pattern.compile(
                "sightline_storage_requests_seconds_count\\{operation=\"getTraces\",outcome=\"success\",store=\"archive\"} (\\d+)")
            .matcher(metrics);
    assertThat(archiveMisses.find()).isTrue();
    assertThat(Double.parseDouble(archiveMisses.group(1))).isGreaterThanOrEqualTo(8);
  }
}
