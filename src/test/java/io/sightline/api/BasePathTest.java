package io.sightline.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code QUERY_BASE_PATH=/jaeger} moves every route under {@code /jaeger}, on a real server. */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "QUERY_BASE_PATH=/jaeger/",
      "management.server.port=0",
      "sightline.demo.enabled=false",
      "SIGHTLINE_DEMO=false"
    })
class BasePathTest {

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void apiIsServedUnderTheBasePath() throws Exception {
    HttpResponse<String> response = get(port, "/jaeger/api/services");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body())
        .startsWith("{\"data\":[")
        .endsWith(",\"limit\":0,\"offset\":0,\"errors\":null}");
  }

  @Test
  void unknownApiPathsUnderTheBasePathAreGos404() throws Exception {
    HttpResponse<String> response = get(port, "/jaeger/api/nope");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("404 page not found\n");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .isEqualToIgnoringWhitespace("text/plain;charset=utf-8");
  }

  @Test
  void theApiIsNotAtTheRootAnyMore() throws Exception {
    HttpResponse<String> response = get(port, "/api/services");
    assertThat(response.statusCode()).isEqualTo(404);
    // Tomcat answers this one (no application there), as Go would: plain text, not HTML.
    assertThat(response.body()).isEqualTo("404 page not found\n");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void theAdminPortKeepsItsOwnPaths() throws Exception {
    assertThat(get(managementPort, "/actuator/health").statusCode()).isEqualTo(200);
  }
}
