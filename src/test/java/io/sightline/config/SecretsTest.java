package io.sightline.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sightline.SightlineApplication;
import io.sightline.storage.elasticsearch.ElasticsearchProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Secrets stay secret: the application is started with a distinctive password (or token) against a
 * stand-in Elasticsearch that rejects it, and neither the log, nor any response of any endpoint on
 * either port (every link the Actuator lists, the API's error answers), nor the settings' {@code
 * toString} contains the secret or its Base64 form. The secret also holds {@code ${…}}: it must
 * reach the server literally, not be treated as a placeholder.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsTest {

  private static final String PASSWORD = "Zq9-${NOT_A_PLACEHOLDER}-pa55w0rd-7731";
  private static final String TOKEN = "tok3n-4f1e9c-distinctive-bearer";

  @TempDir Path dir;

  private HttpServer elasticsearch;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private ConfigurableApplicationContext app;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void standInElasticsearch() throws IOException {
    elasticsearch = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    elasticsearch.createContext(
        "/",
        exchange -> {
          authorizations.add(
              String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          byte[] body =
              ("{\"error\":{\"root_cause\":[{\"type\":\"security_exception\",\"reason\":"
                      + "\"unable to authenticate user [jaeger] for REST request ["
                      + exchange.getRequestURI().getPath()
                      + "]\"}],\"type\":\"security_exception\"},\"status\":401}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(401, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    elasticsearch.start();
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    elasticsearch.stop(0);
  }

  private String esUrl() {
    return "http://127.0.0.1:" + elasticsearch.getAddress().getPort();
  }

  private void start(String... settings) {
    List<String> args = new ArrayList<>(List.of(settings));
    args.addAll(
        List.of(
            "--SPAN_STORAGE_TYPE=elasticsearch",
            "--ES_SERVER_URLS=" + esUrl(),
            "--server.port=0",
            "--management.server.port=0"));
    app = SpringApplication.run(SightlineApplication.class, args.toArray(new String[0]));
  }

  @Test
  void aPasswordAppearsNowhere(CapturedOutput output) throws Exception {
    start("--ES_USERNAME=jaeger", "--ES_PASSWORD=" + PASSWORD, "--LOG_LEVEL=debug");

    String startupError = awaitLine(output, "Trace storage not reachable at start-up");
    assertThat(startupError)
        .contains(
            "Elasticsearch at "
                + esUrl()
                + " rejected the credentials for user 'jaeger' (security_exception: unable to"
                + " authenticate user [jaeger]")
        .contains("check ES_USERNAME and ES_PASSWORD (or ES_PASSWORD_FILE)");
    // The password reached the server exactly as written: ${…} was not resolved.
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("jaeger:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    assertThat(authorizations).isNotEmpty().allMatch(basic::equals);

    Map<String, HttpResponse<String>> responses = everyEndpoint();
    HttpResponse<String> services = responses.get("ui /api/services");
    assertThat(services.statusCode()).isEqualTo(503);
    // The log names the user; the answer only says what happened, with the ID of the log line.
    assertThat(services.body())
        .contains("the trace storage refused access (HTTP 401) (error ID ")
        .doesNotContain("jaeger'")
        .doesNotContain(esUrl());

    assertNowhere(output, responses, PASSWORD, basic.substring("Basic ".length()));
    assertThat(app.getBean(ElasticsearchProperties.class).toString())
        .contains("password=******")
        .doesNotContain(PASSWORD);
    assertThat(count(output.getOut(), "Trace storage not reachable at start-up")).isEqualTo(1);
  }

  @Test
  void aTokenAppearsNowhere(CapturedOutput output) throws Exception {
    Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    start("--ES_TOKEN_FILE=" + token);

    assertThat(awaitLine(output, "Trace storage not reachable at start-up"))
        .contains("rejected the bearer token (security_exception")
        .contains("check ES_TOKEN_FILE");
    assertThat(authorizations).isNotEmpty().allMatch(("Bearer " + TOKEN)::equals);
    assertNowhere(output, everyEndpoint(), TOKEN);
  }

  /** The settings endpoints are not on the web at all; masked values are a second line. */
  @Test
  void theEnvironmentAndSettingsEndpointsAreNotServed(CapturedOutput output) throws Exception {
    start("--ES_USERNAME=jaeger", "--ES_PASSWORD=" + PASSWORD);
    for (String path :
        List.of(
            "/actuator/env",
            "/actuator/env/ES_PASSWORD",
            "/actuator/configprops",
            "/actuator/heapdump",
            "/actuator/threaddump",
            "/actuator/beans",
            "/actuator/loggers")) {
      assertThat(get(adminPort(), path).statusCode()).as(path).isEqualTo(404);
      assertThat(get(uiPort(), path).statusCode()).as(path).isEqualTo(404);
    }
    assertThat(app.getEnvironment().getProperty("management.endpoint.env.show-values"))
        .isEqualTo("never");
    assertThat(app.getEnvironment().getProperty("management.endpoint.configprops.show-values"))
        .isEqualTo("never");
  }

  // ---------------------------------------------------------------------------------------------

  private int uiPort() {
    return ((WebServerApplicationContext) app).getWebServer().getPort();
  }

  private int adminPort() {
    return Integer.parseInt(app.getEnvironment().getRequiredProperty("local.management.port"));
  }

  /** Every link the Actuator lists, and the API's answers (errors included), on both ports. */
  private Map<String, HttpResponse<String>> everyEndpoint() throws Exception {
    Map<String, HttpResponse<String>> responses = new LinkedHashMap<>();
    long now = Instant.now().toEpochMilli();
    for (String path :
        List.of(
            "/",
            "/api/services",
            "/api/services/frontend/operations",
            "/api/operations?service=frontend",
            "/api/traces?service=frontend&lookback=1h",
            "/api/traces/0123456789abcdef",
            "/api/dependencies?endTs=" + now + "&lookback=3600000",
            "/api/nope",
            "/trace/0123456789abcdef",
            "/trace/0123456789abcdef/timeline.json",
            "/lookup?traceId=0123456789abcdef",
            "/v3/api-docs",
            "/actuator",
            "/actuator/env")) {
      responses.put("ui " + path, get(uiPort(), path));
    }
    HttpResponse<String> index = get(adminPort(), "/actuator");
    responses.put("admin /actuator", index);
    Matcher links = Pattern.compile("\"href\":\"http://[^/]+(/[^\"{]*)\"").matcher(index.body());
    List<String> paths = new ArrayList<>(List.of("/", "/metrics", "/actuator/env"));
    while (links.find()) {
      paths.add(links.group(1));
    }
    assertThat(paths).contains("/actuator/health", "/actuator/prometheus");
    for (String path : paths) {
      responses.putIfAbsent("admin " + path, get(adminPort(), path));
    }
    return responses;
  }

  private static void assertNowhere(
      CapturedOutput output, Map<String, HttpResponse<String>> responses, String... secrets) {
    for (String secret : secrets) {
      assertThat(output.getAll()).as("the log").doesNotContain(secret);
      responses.forEach(
          (what, response) -> {
            assertThat(response.body()).as(what + " body").doesNotContain(secret);
            assertThat(response.headers().map().toString())
                .as(what + " headers")
                .doesNotContain(secret);
          });
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String awaitLine(CapturedOutput output, String text) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      for (String line : output.getOut().split("\n")) {
        if (line.contains(text)) {
          return line;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no log line with '" + text + "' in:\n" + output.getOut());
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }
}
