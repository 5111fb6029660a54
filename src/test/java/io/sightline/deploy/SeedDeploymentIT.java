package io.sightline.deploy;

import static io.sightline.deploy.Manifests.podTemplate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.storage.elasticsearch.ArchiveProperties;
import io.sightline.storage.elasticsearch.ElasticsearchProperties;
import io.sightline.storage.elasticsearch.ElasticsearchStorage;
import io.sightline.storage.elasticsearch.ElasticsearchStorageHealth;
import io.sightline.storage.elasticsearch.EsClientFactory;
import io.sightline.storage.elasticsearch.IndexProperties;
import io.sightline.storage.elasticsearch.ReadingProperties;
import io.sightline.storage.elasticsearch.TagsAsFieldsProperties;
import io.sightline.testing.SightlineProcess;
import io.sightline.testing.search.SecuredSearchServer;
import io.sightline.testing.search.SecuredSearchServerTest;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanReference;
import io.sightline.trace.StorageException;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed deployment (a jaeger-query Deployment of the jaeger chart, against an Elasticsearch with
 * TLS from a private CA and basic auth) with Sightline's packaged jar in place of jaeger-query: the
 * container's environment exactly as the seed writes it — only the server URL, the CA file's path
 * and the password's value differ — against a real Elasticsearch 8 with security, HTTP TLS (a
 * certificate for another host name, hence the seed's {@code ES_TLS_SKIP_HOST_VERIFY}) and the
 * seed's {@code elastic} user.
 */
@SecuredSearchServerTest
class SeedDeploymentIT {

  private static final Duration STARTUP = Duration.ofMinutes(3);

  private static SecuredSearchServer server;
  private static String service;
  private static TraceId traceId;

  @TempDir Path dir;

  @BeforeAll
  static void writeATrace(SecuredSearchServer secured) {
    server = secured;
    // Unprefixed indices, as the seed reads them; a service of this run's own.
    service = "seed-frontend-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    traceId = new TraceId(0, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
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
    Instant start = Instant.now().minusSeconds(60);
    storage
        .spanWriter()
        .writeSpans(
            List.of(
                span(1, null, service, "GET /dispatch", start, 30_000),
                span(2, 1L, "seed-driver", "FindNearest", start.plusMillis(2), 12_000),
                span(3, 2L, "seed-redis", "GetDriver", start.plusMillis(3), 2_000)));
    storage.spanWriter().flush();
  }

  private static Span span(
      long id, Long parent, String svc, String operation, Instant start, long micros) {
    return new Span(
        traceId,
        new SpanId(id),
        operation,
        parent == null ? List.of() : List.of(SpanReference.childOf(traceId, new SpanId(parent))),
        1,
        start.getEpochSecond() * 1_000_000L + start.getNano() / 1_000,
        micros,
        List.of(KeyValue.string("span.kind", "server")),
        List.of(),
        new TracedProcess(svc, List.of(KeyValue.string("hostname", "seed-host"))),
        List.of());
  }

  /**
   * The jaeger-query container's {@code env} in the seed, in order; {@code valueFrom} entries (the
   * password from the chart's Secret) are null.
   */
  private static Map<String, String> seedEnvironment() throws IOException {
    String yaml;
    try (InputStream in = SeedDeploymentIT.class.getResourceAsStream("seed-jaeger-query.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Node container =
        podTemplate(Manifests.parse(yaml).one("Deployment"))
            .get("spec", "containers")
            .require("jaeger-query");
    Map<String, String> env = new LinkedHashMap<>();
    for (Node variable : container.get("env").items()) {
      env.put(
          variable.get("name").str(),
          variable.get("valueFrom").exists() ? null : variable.get("value").str());
    }
    return env;
  }

  /** The seed's environment with this server's URL, CA file and the password's value. */
  private static Map<String, String> asInTheSeed(String password) throws IOException {
    Map<String, String> env = seedEnvironment();
    assertThat(env)
        .containsOnlyKeys(
            "SPAN_STORAGE_TYPE",
            "ES_SERVER_URLS",
            "ES_TLS_SKIP_HOST_VERIFY",
            "ES_USERNAME",
            "ES_PASSWORD",
            "ES_TLS_ENABLED",
            "ES_TLS_CA",
            "QUERY_BASE_PATH",
            "JAEGER_AGENT_PORT")
        .containsEntry("ES_USERNAME", server.elastic().name())
        .containsEntry("ES_SERVER_URLS", "https://elasticsearch-client.elasticsearch.svc:9200")
        .containsEntry("ES_TLS_CA", "/es-tls/ca.crt")
        .containsEntry("ES_PASSWORD", null);
    env.put("ES_SERVER_URLS", server.url().toString());
    env.put("ES_TLS_CA", server.caFile().toString());
    env.put("ES_PASSWORD", password);
    return env;
  }

  private SightlineProcess start(Map<String, String> env, List<String> jvmOptions) {
    return SightlineProcess.start(env, jvmOptions, dir.resolve("sightline.log"));
  }

  @Test
  void theSeedsEnvironmentAsWrittenServesTheTraces() throws Exception {
    String password = server.elastic().password();
    try (SightlineProcess app = start(asInTheSeed(password), List.of())) {
      app.awaitAdmin("/actuator/health/readiness", STARTUP);

      HttpResponse<String> services = app.get("/api/services");
      assertThat(services.statusCode()).as(services.body()).isEqualTo(200);
      assertThat(services.body()).contains("\"" + service + "\"", "\"seed-driver\"");

      HttpResponse<String> search = app.get("/api/traces?service=" + service + "&lookback=1h");
      assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
      assertThat(search.body())
          .contains("\"traceID\":\"" + traceId.toString() + "\"")
          .contains("\"operationName\":\"FindNearest\"", "\"operationName\":\"GetDriver\"");

      HttpResponse<String> byId = app.get("/api/traces/" + traceId);
      assertThat(byId.statusCode()).as(byId.body()).isEqualTo(200);
      assertThat(byId.body())
          .contains("\"serviceName\":\"" + service + "\"", "\"serviceName\":\"seed-redis\"");

      assertThat(app.awaitLine("Trace storage ready: ", STARTUP))
          .contains("Elasticsearch " + server.version().version());
      // The seed's liveness and readiness probes: GET / on the admin port.
      HttpResponse<String> health = app.admin("/");
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"Server available\"");
      String log = app.output();
      assertThat(log)
          .contains(
              "Accepted and ignored 1 jaeger-query setting(s) that Sightline does not use:"
                  + " JAEGER_AGENT_PORT (see docs/CONFIGURATION.md)")
          .contains("ES_TLS_SKIP_HOST_VERIFY=true: the Elasticsearch server's certificate chain")
          .contains("(authentication: basic auth as user 'elastic')")
          .doesNotContain("ERROR")
          .doesNotContain(password)
          .doesNotContain(base64("elastic:" + password));
    }
  }

  /**
   * A wrong password must not put the pod into a crash loop: the process stays up, says once and
   * clearly what is wrong, and the API answers 503 with the same reason.
   */
  @Test
  void aWrongPasswordIsOneClearErrorNotACrash() throws Exception {
    String wrong = "Wrong-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    try (SightlineProcess app = start(asInTheSeed(wrong), List.of())) {
      app.awaitAdmin("/actuator/health/liveness", STARTUP);
      String error = app.awaitLine("Trace storage not reachable at start-up", STARTUP);
      assertThat(error)
          .contains(" ERROR ")
          .contains(
              "Elasticsearch at "
                  + server.url()
                  + " rejected the credentials for user 'elastic' (security_exception: unable to"
                  + " authenticate user [elastic]")
          .contains("check ES_USERNAME and ES_PASSWORD (or ES_PASSWORD_FILE)")
          .contains("Sightline keeps running; queries answer 503");

      HttpResponse<String> services = app.get("/api/services");
      assertThat(services.statusCode()).isEqualTo(503);
      // The answer says what happened and carries the ID of the log line; the user and the
      // server stay in the log.
      assertThat(services.body())
          .contains("the trace storage refused access (HTTP 401) (error ID ")
          .doesNotContain("elastic'")
          .doesNotContain(wrong);

      // Jaeger's health answer on the admin port reports the storage unavailable; Actuator's
      // liveness (what Sightline's chart probes) stays up, so the pod is not restarted.
      HttpResponse<String> health = app.admin("/");
      assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
      assertThat(health.body()).contains("\"status\":\"Server not available\"");
      assertThat(app.admin("/actuator/health/liveness").statusCode()).isEqualTo(200);

      Thread.sleep(2_000);
      assertThat(app.isAlive()).as("still running").isTrue();
      String log = app.output();
      assertThat(log.split("Trace storage not reachable at start-up", -1)).hasSize(2);
      assertThat(log).doesNotContain(wrong).doesNotContain("\tat ");
    }
    // The storage's health check, which the admin port's health answer asks, says the same.
    ElasticsearchProperties.Connection wrongPassword =
        server.connection().withBasicAuth(server.elastic().name(), wrong);
    assertThatThrownBy(
            () -> new ElasticsearchStorageHealth(EsClientFactory.create(wrongPassword)).check())
        .isInstanceOfSatisfying(
            StorageException.class,
            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE))
        .hasMessageContaining("rejected the credentials for user 'elastic'");
  }

  /**
   * Without the seed's {@code ES_TLS_SKIP_HOST_VERIFY}: the server is addressed by the name its
   * certificate carries (resolved through a hosts file, as cluster DNS would), and both the chain
   * and the name are verified.
   */
  @Test
  void strictTlsByTheCertificatesHostName() throws Exception {
    Map<String, String> env = asInTheSeed(server.elastic().password());
    env.remove("ES_TLS_SKIP_HOST_VERIFY");
    env.put("ES_SERVER_URLS", server.urlByHostName().toString());
    Path hosts =
        Files.writeString(
            dir.resolve("hosts"),
            "127.0.0.1 localhost\n127.0.0.1 " + SecuredSearchServer.HOST_NAME + "\n");
    try (SightlineProcess app = start(env, List.of("-Djdk.net.hosts.file=" + hosts))) {
      app.awaitAdmin("/actuator/health/readiness", STARTUP);
      HttpResponse<String> services = app.get("/api/services");
      assertThat(services.statusCode()).as(services.body()).isEqualTo(200);
      assertThat(services.body()).contains("\"" + service + "\"");
      assertThat(app.awaitLine("Trace storage ready: ", STARTUP)).contains("Elasticsearch");
      assertThat(app.output()).doesNotContain("ES_TLS_SKIP_HOST_VERIFY=true");
    }
  }

  /** A bad value added to the seed's environment: exit code 1, one paragraph, no stack trace. */
  @Test
  void aBadValueStopsTheContainerWithOneParagraph() throws Exception {
    Map<String, String> env = asInTheSeed(server.elastic().password());
    env.put("ES_MAX_DOC_COUNT", "lots");
    try (SightlineProcess app = start(env, List.of())) {
      assertThat(app.awaitExit(STARTUP)).isEqualTo(1);
      String log = app.output();
      assertThat(log)
          .contains("APPLICATION FAILED TO START")
          .contains("ES_MAX_DOC_COUNT=lots is not a whole number.")
          .contains(
              "Set ES_MAX_DOC_COUNT to a whole number, 1 or more, or unset it (default: 10000).")
          .doesNotContain("\tat ")
          .doesNotContain(server.elastic().password());
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
