package io.sightline.storage.elasticsearch.client;

import static io.sightline.storage.elasticsearch.LocalHttpServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.storage.elasticsearch.ElasticsearchProperties;
import io.sightline.storage.elasticsearch.ElasticsearchStorageHealth;
import io.sightline.storage.elasticsearch.EsClientFactory;
import io.sightline.storage.elasticsearch.LocalHttpServer;
import io.sightline.trace.StorageException;
import io.sightline.trace.StorageException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The transport against a local HTTP server: wire format, auth, failover, errors, timeouts. */
class EsClientTest {

  @TempDir Path dir;

  private static EsClient client(ElasticsearchProperties.Connection connection) {
    return EsClientFactory.create(connection);
  }

  private static ElasticsearchProperties.Connection to(String... urls) {
    return ElasticsearchProperties.Connection.of(List.of(urls));
  }

  /** A port nothing listens on (bound, then released). */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void searchPostsJsonToTheIndicesWithEncodedParameters() throws IOException {
    try (LocalHttpServer server =
        LocalHttpServer.http((x, r) -> json(x, 200, "{\"hits\":{\"hits\":[]}}"))) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("ignore_unavailable", "true");
      params.put("q", "a b&c");
      try (EsResponse response =
          client(to(server.url()))
              .search(
                  List.of("jaeger-span-2024-05-02", "jaeger-span-2024-05-01"),
                  Map.of("size", 0),
                  params)) {
        assertThat(response.tree().path("hits").path("hits").isArray()).isTrue();
      }
      LocalHttpServer.Request request = server.lastRequest();
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path())
          .isEqualTo("/jaeger-span-2024-05-02,jaeger-span-2024-05-01/_search");
      assertThat(request.query()).isEqualTo("ignore_unavailable=true&q=a%20b%26c");
      assertThat(request.header("Content-Type")).isEqualTo("application/json");
      assertThat(request.header("Accept")).isEqualTo("application/json");
      assertThat(request.header("Authorization")).isNull();
      assertThat(request.bodyText()).isEqualTo("{\"size\":0}");
    }
  }

  @Test
  void pathSegmentsAreEncoded() {
    assertThat(EsPaths.path("_template", "a/b c")).isEqualTo("/_template/a%2Fb%20c");
    assertThat(EsPaths.path("c1:jaeger-*,x", "_search")).isEqualTo("/c1:jaeger-*,x/_search");
    assertThatThrownBy(() -> EsPaths.indices(List.of("a,b")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EsPaths.indices(List.of("../_all")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void msearchAndBulkSendNdjson() throws IOException {
    try (LocalHttpServer server =
        LocalHttpServer.http(
            (x, r) -> {
              if (r.path().equals("/_bulk")) {
                json(
                    x,
                    200,
                    """
                    {"took":3,"errors":true,"items":[
                      {"index":{"_index":"i","_id":"1","status":201}},
                      {"create":{"_index":"i","_id":"2","status":409,"error":{"type":
                        "version_conflict_engine_exception","reason":"[2]: version conflict"}}},
                      {"delete":{"_index":"i","_id":"3","status":404}}]}
                    """);
              } else {
                json(x, 200, "{\"responses\":[]}");
              }
            })) {
      EsClient client = client(to(server.url()));
      client
          .msearch(
              List.of(
                  MultiSearchItem.of(List.of("a", "b"), Map.of("size", 1)),
                  new MultiSearchItem(
                      Map.of("index", "c"), "{\"size\":2}".getBytes(StandardCharsets.UTF_8))),
              Map.of("rest_total_hits_as_int", "true"))
          .close();
      LocalHttpServer.Request msearch = server.lastRequest();
      assertThat(msearch.path()).isEqualTo("/_msearch");
      assertThat(msearch.header("Content-Type")).isEqualTo("application/x-ndjson");
      assertThat(msearch.bodyText())
          .isEqualTo(
              """
              {"index":"a,b","ignore_unavailable":true}
              {"size":1}
              {"index":"c"}
              {"size":2}
              """);

      BulkResponse bulk =
          client.bulk(
              List.of(
                  BulkOperation.index("i", "1", Map.of("n", 1)),
                  BulkOperation.create("i", "2", Map.of("n", 2)),
                  BulkOperation.delete("i", "3")),
              Map.of("refresh", "wait_for"));
      LocalHttpServer.Request request = server.lastRequest();
      assertThat(request.query()).isEqualTo("refresh=wait_for");
      assertThat(request.bodyText())
          .isEqualTo(
              """
              {"index":{"_index":"i","_id":"1"}}
              {"n":1}
              {"create":{"_index":"i","_id":"2"}}
              {"n":2}
              {"delete":{"_index":"i","_id":"3"}}
              """);
      assertThat(bulk.items())
          .extracting(BulkResponse.Item::action)
          .containsExactly("index", "create", "delete");
      assertThat(bulk.failures())
          .extracting(BulkResponse.Item::id, BulkResponse.Item::status, BulkResponse.Item::error)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "2", 409, "version_conflict_engine_exception: [2]: version conflict"),
              org.assertj.core.groups.Tuple.tuple("3", 404, null));
    }
  }

  @Test
  void ndjsonLinesMustBeSingleLines() throws IOException {
    try (LocalHttpServer server = LocalHttpServer.http((x, r) -> json(x, 200, "{}"))) {
      byte[] pretty = "{\n\"size\":1}".getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(
              () ->
                  client(to(server.url()))
                      .msearch(List.of(new MultiSearchItem(Map.of(), pretty)), Map.of()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(server.requests()).isEmpty();
    }
  }

  @Test
  void templatesRefreshHealth() throws IOException {
    try (LocalHttpServer server =
        LocalHttpServer.http(
            (x, r) ->
                json(
                    x,
                    200,
                    r.path().equals("/_cluster/health")
                        ? "{\"cluster_name\":\"c\",\"status\":\"yellow\",\"number_of_nodes\":1,"
                            + "\"timed_out\":false}"
                        : "{\"acknowledged\":true}"))) {
      EsClient client = client(to(server.url()));
      client.putTemplate("jaeger-span", Map.of("index_patterns", List.of("*jaeger-span-*")));
      assertThat(server.lastRequest().method()).isEqualTo("PUT");
      assertThat(server.lastRequest().path()).isEqualTo("/_template/jaeger-span");
      client.putIndexTemplate(
          "p-jaeger-span", Map.of("index_patterns", List.of("p-jaeger-span-*")));
      assertThat(server.lastRequest().path()).isEqualTo("/_index_template/p-jaeger-span");
      client.refresh(List.of("a", "b"));
      assertThat(server.lastRequest().path()).isEqualTo("/a,b/_refresh");
      assertThat(server.lastRequest().query())
          .isEqualTo("ignore_unavailable=true&allow_no_indices=true");
      assertThat(client.clusterHealth()).isEqualTo(new ClusterHealth("c", "yellow", 1, false));
    }
  }

  @Test
  void serverInfoTellsElasticsearchFromOpenSearchWithoutAskingSlash() throws IOException {
    String nodes = "{\"nodes\":{\"n1\":{\"version\":\"%s\"}}}";
    try (LocalHttpServer es =
            LocalHttpServer.http(
                (x, r) ->
                    json(
                        x,
                        200,
                        nodes.formatted("8.19.0"),
                        Map.of("X-Elastic-Product", "Elasticsearch")));
        LocalHttpServer os =
            LocalHttpServer.http((x, r) -> json(x, 200, nodes.formatted("2.19.1")));
        LocalHttpServer oldEs =
            LocalHttpServer.http((x, r) -> json(x, 200, nodes.formatted("7.10.2")))) {
      EsClient esClient = client(to(es.url()));
      assertThat(esClient.serverInfo())
          .isEqualTo(new ServerInfo(ServerInfo.Distribution.ELASTICSEARCH, "8.19.0", 8));
      assertThat(esClient.serverInfo().usesComposableTemplates()).isTrue();
      esClient.serverInfo();
      assertThat(es.requests()).hasSize(1); // remembered
      assertThat(es.lastRequest().path()).isEqualTo("/_nodes/_local");
      assertThat(es.lastRequest().query()).isEqualTo("filter_path=nodes.*.version");

      ServerInfo openSearch = client(to(os.url())).serverInfo();
      assertThat(openSearch)
          .isEqualTo(new ServerInfo(ServerInfo.Distribution.OPENSEARCH, "2.19.1", 2));
      assertThat(openSearch.usesComposableTemplates()).isFalse();
      assertThat(openSearch.description()).isEqualTo("OpenSearch 2.19.1");
      assertThat(client(to(oldEs.url())).serverInfo().distribution())
          .isEqualTo(ServerInfo.Distribution.ELASTICSEARCH);
    }
  }

  @Test
  void gzippedResponsesAreDecoded() throws IOException {
    try (LocalHttpServer server =
        LocalHttpServer.http(
            (x, r) -> {
              assertThat(r.header("Accept-Encoding")).isEqualTo("gzip");
              x.getResponseHeaders().set("Content-Encoding", "gzip");
              x.sendResponseHeaders(200, 0);
              try (OutputStream out = new GZIPOutputStream(x.getResponseBody())) {
                out.write("{\"took\":1}".getBytes(StandardCharsets.UTF_8));
              }
            })) {
      try (EsResponse response =
          client(to(server.url())).search(List.of("x"), Map.of(), Map.of())) {
        assertThat(response.tree().path("took").asInt()).isEqualTo(1);
      }
    }
  }

  @Test
  void basicAuthFromUsernameAndPassword() throws IOException {
    try (LocalHttpServer server = LocalHttpServer.http((x, r) -> json(x, 200, "{}"))) {
      client(to(server.url()).withBasicAuth("elastic", "s3cr3t:x")).refresh(List.of("a"));
      assertThat(server.lastRequest().header("Authorization"))
          .isEqualTo("Basic " + base64("elastic:s3cr3t:x"));
    }
  }

  @Test
  void passwordTokenAndApiKeyFilesAreReadAndReRead() throws IOException {
    Path password = Files.writeString(dir.resolve("password"), "first\n");
    Path token = Files.writeString(dir.resolve("token"), "tok-1\r\n");
    Path apiKey = Files.writeString(dir.resolve("apikey"), "a2V5OnNlY3JldA==");
    try (LocalHttpServer server = LocalHttpServer.http((x, r) -> json(x, 200, "{}"))) {
      EsClient basic = client(to(server.url()).withPasswordFile("u", password.toString()));
      basic.refresh(List.of("a"));
      assertThat(server.lastRequest().header("Authorization"))
          .isEqualTo("Basic " + base64("u:first"));
      Files.writeString(password, "second");
      Files.setLastModifiedTime(password, FileTime.from(Instant.now().plusSeconds(5)));
      basic.refresh(List.of("a"));
      assertThat(server.lastRequest().header("Authorization"))
          .isEqualTo("Basic " + base64("u:second"));

      client(to(server.url()).withTokenFile(token.toString())).refresh(List.of("a"));
      assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer tok-1");

      client(to(server.url()).withApiKeyFile(apiKey.toString())).refresh(List.of("a"));
      assertThat(server.lastRequest().header("Authorization")).isEqualTo("ApiKey a2V5OnNlY3JldA==");

      // Jaeger v1: the bearer token wins over basic auth when both are set.
      client(to(server.url()).withBasicAuth("u", "p").withTokenFile(token.toString()))
          .refresh(List.of("a"));
      assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer tok-1");
    }
  }

  @Test
  void contradictoryOrMissingSecretsFailAtStartNamingTheVariable() {
    ElasticsearchProperties.Connection both =
        new ElasticsearchProperties.Connection(
            List.of("http://127.0.0.1:9200"), "u", "p", "/x", "", "", "0", null, null);
    assertThatThrownBy(() -> client(both))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ES_PASSWORD and ES_PASSWORD_FILE");
    String missing = dir.resolve("nope").toString();
    assertThatThrownBy(() -> client(to("http://127.0.0.1:9200").withTokenFile(missing)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ES_TOKEN_FILE=" + missing);
    assertThatThrownBy(() -> client(to("http://user:pw@127.0.0.1:9200")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ES_USERNAME")
        .hasMessageNotContaining("pw");
    assertThatThrownBy(() -> client(to("localhost:9200")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("full URL");
    assertThatThrownBy(() -> client(to("http://127.0.0.1:9200").withTimeout("5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ES_TIMEOUT=5");
  }

  @Test
  void connectionFailureMovesToTheNextServerAndSticksToIt() throws IOException {
    int dead = closedPort();
    try (LocalHttpServer server = LocalHttpServer.http((x, r) -> json(x, 200, "{}"))) {
      EsClient client = client(to("http://127.0.0.1:" + dead, server.url()));
      client.refresh(List.of("a"));
      client.refresh(List.of("b"));
      assertThat(server.requests()).hasSize(2);
      assertThat(client.servers()).containsExactly("http://127.0.0.1:" + dead, server.url());
    }
  }

  @Test
  void noReachableServerIsUnavailableNamingThemWithoutSecrets() throws IOException {
    int dead = closedPort();
    EsClient client =
        client(
            to("http://127.0.0.1:" + dead, "http://no-such-host.invalid:9200")
                .withBasicAuth("elastic", "hunter2"));
    assertThatThrownBy(() -> client.search(List.of("jaeger-span-2024-05-01"), Map.of(), Map.of()))
        .isInstanceOfSatisfying(
            StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE))
        .hasMessageContaining("search jaeger-span-2024-05-01 failed: cannot connect to")
        .hasMessageContaining("127.0.0.1:" + dead)
        .hasMessageContaining("no-such-host.invalid")
        .hasMessageNotContaining("hunter2");
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403, 503})
  void refusalsAreUnavailable(int status) throws IOException {
    try (LocalHttpServer server =
        LocalHttpServer.http(
            (x, r) ->
                json(
                    x,
                    status,
                    "{\"error\":{\"root_cause\":[{\"type\":\"security_exception\",\"reason\":"
                        + "\"missing authentication credentials\"}],\"type\":\"security_exception\","
                        + "\"reason\":\"outer\"},\"status\":"
                        + status
                        + "}"))) {
      assertThatThrownBy(
              () ->
                  client(to(server.url()).withBasicAuth("elastic", "hunter2"))
                      .search(List.of("a"), Map.of(), Map.of()))
          .isInstanceOfSatisfying(
              EsStatusException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
                assertThat(e.status()).isEqualTo(status);
              })
          .hasMessageStartingWith("search a failed: HTTP " + status + ": ")
          .hasMessageContaining("security_exception: missing authentication credentials")
          .hasMessageNotContaining("hunter2");
    }
  }

  /** 401 and 403 say who was refused where, and which variables to check. */
  @Test
  void refusedCredentialsNameTheUserTheServerAndTheVariables() throws IOException {
    try (LocalHttpServer server =
        LocalHttpServer.http(
            (x, r) ->
                json(
                    x,
                    r.path().startsWith("/forbidden") ? 403 : 401,
                    "{\"error\":{\"type\":\"security_exception\",\"reason\":\"nope\"}}"))) {
      EsClient basic = client(to(server.url()).withBasicAuth("jaeger", "hunter2"));
      assertThatThrownBy(() -> basic.clusterHealth())
          .hasMessage(
              "cluster health failed: HTTP 401: Elasticsearch at "
                  + server.url()
                  + " rejected the credentials for user 'jaeger' (security_exception: nope);"
                  + " check ES_USERNAME and ES_PASSWORD (or ES_PASSWORD_FILE)");
      assertThatThrownBy(() -> basic.execute("GET", "/forbidden", Map.of(), null).close())
          .hasMessageContaining("does not allow user 'jaeger' this (security_exception: nope)");
      EsClient anonymous = client(to(server.url()));
      assertThatThrownBy(() -> anonymous.clusterHealth())
          .hasMessageContaining(
              " requires authentication (security_exception: nope); set ES_USERNAME");
    }
  }

  @Test
  void otherErrorsAreFailedWithTheServersReason() throws IOException {
    try (LocalHttpServer server =
        LocalHttpServer.http(
            (x, r) -> {
              switch (r.path()) {
                case "/a/_search" ->
                    json(
                        x,
                        400,
                        "{\"error\":{\"root_cause\":[{\"type\":\"parsing_exception\",\"reason\":"
                            + "\"unknown query [no_such_query]\"}],\"type\":\"x\",\"reason\":\"y\"},"
                            + "\"status\":400}");
                case "/b/_search" ->
                    json(x, 500, "{\"error\":{\"type\":\"illegal_state\",\"reason\":\"boom\"}}");
                case "/c/_search" -> json(x, 502, "<html>Bad gateway</html>");
                default -> json(x, 404, "{\"error\":\"plain string error\"}");
              }
            })) {
      EsClient client = client(to(server.url()));
      assertThatThrownBy(() -> client.search(List.of("a"), Map.of(), Map.of()))
          .isInstanceOfSatisfying(
              EsStatusException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FAILED))
          .hasMessage(
              "search a failed: HTTP 400: parsing_exception: unknown query [no_such_query]");
      assertThatThrownBy(() -> client.search(List.of("b"), Map.of(), Map.of()))
          .hasMessage("search b failed: HTTP 500: illegal_state: boom");
      assertThatThrownBy(() -> client.search(List.of("c"), Map.of(), Map.of()))
          .hasMessage("search c failed: HTTP 502: <html>Bad gateway</html>");
      assertThatThrownBy(() -> client.search(List.of("d"), Map.of(), Map.of()))
          .isInstanceOfSatisfying(
              EsStatusException.class, e -> assertThat(e.status()).isEqualTo(404))
          .hasMessage("search d failed: HTTP 404: plain string error");
    }
  }

  @Test
  void slowHeadersAreATimeout() throws IOException {
    try (LocalHttpServer server =
        LocalHttpServer.http(
            (x, r) -> {
              sleep(3000);
              json(x, 200, "{}");
            })) {
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  client(to(server.url()).withTimeout("300ms"))
                      .search(List.of("a"), Map.of(), Map.of()))
          .isInstanceOfSatisfying(
              StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT))
          .hasMessageContaining("search a timed out");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void aBodyThatStallsIsATimeoutToo() throws IOException {
    try (LocalHttpServer server =
        LocalHttpServer.http(
            (x, r) -> {
              x.sendResponseHeaders(200, 0);
              OutputStream out = x.getResponseBody();
              out.write("{\"hits\":{\"hits\":[".getBytes(StandardCharsets.UTF_8));
              out.flush();
              sleep(5000);
            })) {
      long start = System.nanoTime();
      try (EsResponse response =
          client(to(server.url()).withTimeout("500ms")).search(List.of("a"), Map.of(), Map.of())) {
        assertThatThrownBy(response::tree)
            .isInstanceOfSatisfying(
                StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT))
            .hasMessageContaining("timed out while reading the response");
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void responsesStreamWithoutBuffering() throws IOException {
    // 20 MB of hits: readable as a stream while the server is still writing.
    int hits = 200_000;
    try (LocalHttpServer server =
        LocalHttpServer.http(
            (x, r) -> {
              x.sendResponseHeaders(200, 0);
              try (OutputStream out = x.getResponseBody()) {
                out.write("{\"hits\":{\"hits\":[".getBytes(StandardCharsets.UTF_8));
                byte[] hit =
                    "{\"_source\":{\"traceID\":\"0000000000000001\",\"spanID\":\"00000000000000aa\",\"operationName\":\"GET /dispatch\"}}"
                        .getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < hits; i++) {
                  if (i > 0) {
                    out.write(',');
                  }
                  out.write(hit);
                }
                out.write("]}}".getBytes(StandardCharsets.UTF_8));
              }
            })) {
      try (EsResponse response = client(to(server.url())).search(List.of("a"), Map.of(), Map.of());
          InputStream body = response.body()) {
        byte[] first = body.readNBytes(17);
        assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("{\"hits\":{\"hits\":[");
        long rest = body.transferTo(OutputStream.nullOutputStream());
        assertThat(rest).isGreaterThan(20_000_000L);
      }
    }
  }

  @Test
  void storageHealthReportsServerAndStatus() throws IOException {
    try (LocalHttpServer server =
        LocalHttpServer.http(
            (x, r) -> {
              if (r.path().equals("/_cluster/health")) {
                json(
                    x, 200, "{\"cluster_name\":\"prod\",\"status\":\"red\",\"number_of_nodes\":3}");
              } else {
                json(x, 200, "{\"nodes\":{\"a\":{\"version\":\"3.0.0\"}}}");
              }
            })) {
      assertThatThrownBy(() -> new ElasticsearchStorageHealth(client(to(server.url()))).check())
          .isInstanceOfSatisfying(
              StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE))
          .hasMessage("OpenSearch 3.0.0 cluster prod is red");
    }
  }

  @Test
  void connectionSettingsNeverPrintThePassword() {
    assertThat(to("http://127.0.0.1:9200").withBasicAuth("elastic", "hunter2").toString())
        .contains("elastic")
        .doesNotContain("hunter2");
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
