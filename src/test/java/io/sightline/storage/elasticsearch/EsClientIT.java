package io.sightline.storage.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sightline.storage.elasticsearch.client.BulkOperation;
import io.sightline.storage.elasticsearch.client.BulkResponse;
import io.sightline.storage.elasticsearch.client.ClusterHealth;
import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.client.EsPaths;
import io.sightline.storage.elasticsearch.client.EsResponse;
import io.sightline.storage.elasticsearch.client.EsStatusException;
import io.sightline.storage.elasticsearch.client.MultiSearchItem;
import io.sightline.storage.elasticsearch.client.ServerInfo;
import io.sightline.testing.Fixtures;
import io.sightline.testing.search.IndexPrefix;
import io.sightline.testing.search.SearchServer;
import io.sightline.testing.search.SearchServerTest;
import io.sightline.trace.StorageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against real servers (each selected version): a Jaeger span document written and read
 * back, and every operation the storage needs.
 */
@SearchServerTest
class EsClientIT {

  /**
   * The example span of Jaeger's fixtures (docs/JAEGER-COMPAT.md §3.2), as the v2.6+ writer stores
   * it (typed tag values).
   */
  private static final String SPAN =
      """
      {"traceID":"0000000000000001","spanID":"0000000000000002","flags":1,
       "operationName":"test-general-conversion",
       "references":[{"refType":"CHILD_OF","traceID":"0000000000000001","spanID":"0000000000000003"},
                     {"refType":"FOLLOWS_FROM","traceID":"0000000000000001","spanID":"0000000000000004"}],
       "startTime":1714521600123456,"startTimeMillis":1714521600123,"duration":5,
       "tags":[{"key":"peer.service","type":"string","value":"service-y"},
               {"key":"peer.ipv4","type":"int64","value":23456},
               {"key":"error","type":"bool","value":true},
               {"key":"temperature","type":"float64","value":72.5},
               {"key":"blob","type":"binary","value":"00003039"}],
       "logs":[{"timestamp":1714521600123456,"fields":[{"key":"event","type":"string","value":"some-event"}]}],
       "process":{"serviceName":"service-x","tags":[{"key":"peer.ipv4","type":"int64","value":23456}]}}
      """;

  private final SearchServer server;
  private EsClient client;
  private ObjectMapper json;

  EsClientIT(SearchServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    client = server.client();
    json = client.mapper();
  }

  /**
   * Installs Jaeger's span template (HEAD's rendered request for this server family) for the
   * prefix, as Jaeger does at startup: legacy on ES 7 and OpenSearch, composable on ES 8+. Only
   * what the test servers lack is changed: no ILM/ISM settings, one shard, no replica.
   */
  private void installJaegerSpanTemplate(IndexPrefix prefix) throws IOException {
    ServerInfo info = client.serverInfo();
    String family = info.isOpenSearch() ? "os1-3" : info.major() >= 8 ? "es8-9" : "es7";
    JsonNode request =
        json.readTree(
            Fixtures.read(
                "jaeger-mappings", "head-8498073", "rendered", "span." + family + ".json"));
    ObjectNode body = (ObjectNode) request.path("body");
    ObjectNode template = info.usesComposableTemplates() ? (ObjectNode) body.get("template") : body;
    body.put(
        "index_patterns",
        body.path("index_patterns").asText().replace("test-", prefix.value() + "-"));
    template.remove("aliases");
    ObjectNode settings = (ObjectNode) template.get("settings");
    settings.remove(List.of("lifecycle", "plugins.index_state_management.rollover_alias"));
    settings.put("index.number_of_shards", 1);
    settings.put("index.number_of_replicas", 0);
    String name = prefix.index("jaeger-span");
    if (info.usesComposableTemplates()) {
      assertThat(request.path("path").asText()).startsWith("/_index_template/");
      client.putIndexTemplate(name, body);
    } else {
      assertThat(request.path("path").asText()).startsWith("/_template/");
      client.putTemplate(name, body);
    }
  }

  @Test
  void writesAJaegerSpanAndReadsItBackWithASearch(IndexPrefix prefix) throws IOException {
    installJaegerSpanTemplate(prefix);
    String index = prefix.index("jaeger-span-2024-05-01");
    JsonNode span = json.readTree(SPAN);

    BulkResponse written = client.bulk(List.of(BulkOperation.index(index, null, span)), Map.of());
    assertThat(written.hasFailures()).as("bulk failures: %s", written.failures()).isFalse();
    assertThat(written.items())
        .singleElement()
        .satisfies(i -> assertThat(i.status()).isEqualTo(201));
    client.refresh(List.of(index));

    ObjectNode query = json.createObjectNode();
    query.put("size", 10);
    query.putObject("query").putObject("term").put("traceID", "0000000000000001");
    JsonNode found;
    try (EsResponse response =
        client.search(List.of(index), query, Map.of("ignore_unavailable", "true"))) {
      found = response.tree();
    }
    JsonNode hits = found.path("hits").path("hits");
    assertThat(hits).hasSize(1);
    JsonNode source = hits.get(0).path("_source");
    assertThat(hits.get(0).path("_index").asText()).isEqualTo(index);
    assertThat(source.path("spanID").asText()).isEqualTo("0000000000000002");
    assertThat(source.path("operationName").asText()).isEqualTo("test-general-conversion");
    assertThat(source.path("startTime").asLong()).isEqualTo(1714521600123456L);
    assertThat(source.path("duration").asLong()).isEqualTo(5);
    assertThat(source.path("flags").asInt()).isEqualTo(1);
    assertThat(source.path("references").get(1).path("refType").asText()).isEqualTo("FOLLOWS_FROM");
    assertThat(source.path("tags").get(1).path("value").isIntegralNumber()).isTrue();
    assertThat(source.path("tags").get(3).path("value").asDouble()).isEqualTo(72.5);
    assertThat(source.path("tags").get(2).path("value").asBoolean()).isTrue();
    assertThat(source.path("logs").get(0).path("fields").get(0).path("value").asText())
        .isEqualTo("some-event");
    assertThat(source.path("process").path("serviceName").asText()).isEqualTo("service-x");
    assertThat(source).isEqualTo(span);

    // The template applied: nested tags, keyword values (what Jaeger's tag queries rely on).
    ObjectNode nestedQuery = json.createObjectNode();
    ObjectNode nested = nestedQuery.putObject("query").putObject("nested");
    nested.put("path", "tags");
    ObjectNode must = nested.putObject("query").putObject("bool");
    must.putArray("must")
        .add(
            json.createObjectNode()
                .set("match", json.createObjectNode().put("tags.key", "peer.ipv4")))
        .add(
            json.createObjectNode()
                .set("match", json.createObjectNode().put("tags.value", "23456")));
    try (EsResponse response = client.search(List.of(index), nestedQuery, Map.of())) {
      assertThat(response.tree().path("hits").path("hits")).hasSize(1);
    }
  }

  @Test
  void knowsWhatItTalksTo() {
    ServerInfo info = client.serverInfo();
    server
        .version()
        .ifPresent(
            expected -> {
              assertThat(info.version()).isEqualTo(expected.version());
              assertThat(info.major()).isEqualTo(expected.major());
              assertThat(info.isOpenSearch()).isEqualTo(expected.isOpenSearch());
              assertThat(info.usesComposableTemplates())
                  .isEqualTo(!expected.isOpenSearch() && expected.major() >= 8);
            });
    assertThat(new ElasticsearchStorageHealth(client).check())
        .startsWith(info.description())
        .containsPattern("cluster (green|yellow)");
    ClusterHealth health = client.clusterHealth();
    assertThat(health.isUsable()).isTrue();
    assertThat(health.numberOfNodes()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void installsLegacyAndComposableTemplates(IndexPrefix prefix) throws IOException {
    String legacyIndex = prefix.index("legacy-2024-05-01");
    String composableIndex = prefix.index("composable-2024-05-01");
    client.putTemplate(
        prefix.index("legacy"),
        json.readTree(
            """
            {"index_patterns":["%s"],"settings":{"index.number_of_shards":1,
             "index.number_of_replicas":0},
             "mappings":{"properties":{"traceID":{"type":"keyword","ignore_above":256}}}}
            """
                .formatted(prefix.index("legacy-*"))));
    client.putIndexTemplate(
        prefix.index("composable"),
        json.readTree(
            """
            {"index_patterns":["%s"],"priority":1,
             "template":{"settings":{"index.number_of_shards":1,"index.number_of_replicas":0},
              "mappings":{"properties":{"startTimeMillis":{"type":"date",
               "format":"epoch_millis"}}}}}
            """
                .formatted(prefix.index("composable-*"))));
    client.bulk(
        List.of(
            BulkOperation.index(legacyIndex, "a", Map.of("traceID", "abc")),
            BulkOperation.index(composableIndex, "b", Map.of("startTimeMillis", 1714521600123L))),
        Map.of("refresh", "true"));

    JsonNode mappings;
    try (EsResponse response =
        client.execute(
            "GET", EsPaths.path(legacyIndex + "," + composableIndex, "_mapping"), Map.of(), null)) {
      mappings = response.tree();
    }
    assertThat(mappings.at("/" + legacyIndex + "/mappings/properties/traceID/type").asText())
        .isEqualTo("keyword");
    assertThat(
            mappings
                .at("/" + composableIndex + "/mappings/properties/startTimeMillis/type")
                .asText())
        .isEqualTo("date");
  }

  @Test
  void multiSearchesAndStreamsManyHits(IndexPrefix prefix) throws IOException {
    installJaegerSpanTemplate(prefix);
    String index = prefix.index("jaeger-span-2024-05-02");
    List<BulkOperation> spans = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      ObjectNode span = (ObjectNode) json.readTree(SPAN);
      span.put("spanID", String.format("%016x", i + 1));
      span.put("traceID", String.format("%016x", i % 5 + 100));
      spans.add(BulkOperation.index(index, null, span));
    }
    BulkResponse written = client.bulk(spans, Map.of("refresh", "wait_for"));
    assertThat(written.items()).hasSize(500);
    assertThat(written.hasFailures()).isFalse();

    ObjectNode byTrace = json.createObjectNode();
    byTrace.put("size", 1000);
    byTrace.putObject("query").putObject("term").put("traceID", String.format("%016x", 100));
    ObjectNode everything = json.createObjectNode();
    everything.put("size", 1000);
    everything.putObject("query").putObject("match_all");
    List<MultiSearchItem> searches =
        List.of(
            MultiSearchItem.of(List.of(index), byTrace),
            MultiSearchItem.of(List.of(index, prefix.index("missing-index")), everything));

    // Count hits per response while the body streams in, without building a tree.
    List<Integer> hitsPerResponse = new ArrayList<>();
    try (EsResponse response = client.msearch(searches, Map.of());
        JsonParser parser = response.parser()) {
      // {"responses":[{"hits":{"hits":[{...},...]}}, ...]}: the hit arrays are at depth 4.
      int depth = 0;
      while (parser.nextToken() != null) {
        JsonToken token = parser.currentToken();
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        } else if (token == JsonToken.FIELD_NAME
            && depth == 4
            && parser.currentName().equals("hits")
            && parser.nextToken() == JsonToken.START_ARRAY) {
          int hits = 0;
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            hits++;
            parser.skipChildren();
          }
          hitsPerResponse.add(hits);
        }
      }
    }
    assertThat(hitsPerResponse).containsExactly(100, 500);
  }

  @Test
  void bulkReportsFailedItems(IndexPrefix prefix) {
    String index = prefix.index("strict");
    client.bulk(List.of(BulkOperation.create(index, "1", Map.of("n", 1))), Map.of());
    BulkResponse second =
        client.bulk(
            List.of(
                BulkOperation.create(index, "1", Map.of("n", 2)),
                BulkOperation.create(index, "2", Map.of("n", 3))),
            Map.of());
    assertThat(second.failures())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.id()).isEqualTo("1");
              assertThat(item.status()).isEqualTo(409);
              assertThat(item.error()).contains("version_conflict_engine_exception");
            });
  }

  @Test
  void errorsCarryStatusAndReason(IndexPrefix prefix) {
    String missing = prefix.index("jaeger-span-1999-01-01");
    assertThatThrownBy(() -> client.search(List.of(missing), Map.of("size", 1), Map.of()).close())
        .isInstanceOfSatisfying(
            EsStatusException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.kind()).isEqualTo(StorageException.Kind.FAILED);
            })
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("index_not_found_exception")
        .hasMessageContaining(missing);

    String index = prefix.index("jaeger-span-2024-05-03");
    client.bulk(List.of(BulkOperation.index(index, "x", Map.of("startTime", 1))), Map.of());
    Map<String, Object> badQuery = Map.of("query", Map.of("no_such_query", Map.of()));
    assertThatThrownBy(() -> client.search(List.of(index), badQuery, Map.of()).close())
        .isInstanceOfSatisfying(EsStatusException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("no_such_query");

    // Missing daily indices are not errors when ignore_unavailable is set, as Jaeger sends it.
    try (EsResponse response =
        client.search(List.of(missing), Map.of("size", 0), Map.of("ignore_unavailable", "true"))) {
      assertThat(response.tree().path("hits").path("hits")).isEmpty();
    }
  }
}
