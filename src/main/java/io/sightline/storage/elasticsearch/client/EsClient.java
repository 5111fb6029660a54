package io.sightline.storage.elasticsearch.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sightline.storage.elasticsearch.EsClientFactory;
import io.sightline.trace.StorageException;
import io.sightline.trace.StorageException.Kind;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sightline's Elasticsearch/OpenSearch client: plain HTTP/1.1 over the JDK's {@link HttpClient},
 * JSON through Jackson 2, one code path for Elasticsearch 7–9 and OpenSearch 1–3 (every request
 * sends and accepts plain {@code application/json}; no product check). Thread-safe; build it with
 * {@link EsClientFactory}.
 *
 * <p>Servers are tried in order: when one cannot be connected to (refused, unknown host, connect
 * timeout, TLS handshake failure) the request goes to the next, and the one that answered is tried
 * first from then on. Failures are {@link StorageException}s: {@code UNAVAILABLE} when no server
 * can be reached or one answers 401/403/503, {@code TIMEOUT} when the request timeout passes,
 * {@code FAILED} for other error statuses ({@link EsStatusException} carries the status).
 *
 * <p>Responses are streamed ({@link EsResponse}); callers close them.
 */
public final class EsClient {

  private static final Logger log = LoggerFactory.getLogger(EsClient.class);

  private static final String JSON = EsTransport.JSON;
  private static final String NDJSON = "application/x-ndjson";

  /** Health checks are bounded even when requests have no timeout (Jaeger's default). */
  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(10);

  private final EsTransport transport;
  private final Duration timeout;
  private final ObjectMapper mapper;
  private final AtomicReference<ServerInfo> serverInfo = new AtomicReference<>();

  EsClient(
      HttpClient http,
      List<URI> servers,
      Credentials credentials,
      Duration timeout,
      ObjectMapper mapper) {
    this(http, servers, credentials, timeout, mapper, "", "ES");
  }

  /**
   * @param user the basic-auth user, or empty (for messages)
   * @param prefix the settings' variable prefix, {@code ES} or {@code ES_ARCHIVE} (for messages)
   */
  public EsClient(
      HttpClient http,
      List<URI> servers,
      Credentials credentials,
      Duration timeout,
      ObjectMapper mapper,
      String user,
      String prefix) {
    this.transport = new EsTransport(http, servers, credentials, mapper, user, prefix);
    this.timeout = timeout.isNegative() ? Duration.ZERO : timeout;
    this.mapper = mapper;
  }

  /** The Jackson 2 mapper this client reads and writes with. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** The server URLs, in order (they never carry credentials). */
  public List<String> servers() {
    return transport.servers();
  }

  /** The per-request timeout; zero means none. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * {@code POST /<indices>/_search}.
   *
   * @param params query parameters, e.g. {@code ignore_unavailable=true}
   */
  public EsResponse search(Collection<String> indices, Object body, Map<String, String> params) {
    return transport.send(
        "search " + describe(indices),
        "POST",
        EsPaths.path(EsPaths.indices(indices), "_search"),
        params,
        json(body),
        JSON,
        timeout);
  }

  /**
   * {@code POST /_msearch} with an NDJSON body (a header line and a body line per search). Item
   * errors are inside the response ({@code responses[i].error}); see {@link EsErrors#reason}.
   */
  public EsResponse msearch(List<MultiSearchItem> items, Map<String, String> params) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("no search");
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (MultiSearchItem item : items) {
      line(body, item.header());
      line(body, item.body());
    }
    return transport.send(
        "msearch (" + items.size() + " searches)",
        "POST",
        "/_msearch",
        params,
        body.toByteArray(),
        NDJSON,
        timeout);
  }

  /**
   * {@code POST /_bulk}. The request fails as a whole only when Elasticsearch rejects it; failed
   * items are reported in the result.
   *
   * @param params e.g. {@code refresh=wait_for}
   */
  public BulkResponse bulk(List<BulkOperation> operations, Map<String, String> params) {
    if (operations.isEmpty()) {
      return new BulkResponse(List.of());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (BulkOperation op : operations) {
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("_index", op.index());
      if (op.id() != null) {
        meta.put("_id", op.id());
      }
      line(body, Map.of(op.action(), meta));
      if (op.document() != null) {
        line(body, op.document());
      }
    }
    String operation = "bulk (" + operations.size() + " operations)";
    try (EsResponse response =
        transport.send(operation, "POST", "/_bulk", params, body.toByteArray(), NDJSON, timeout)) {
      JsonNode items = response.tree().path("items");
      List<BulkResponse.Item> results = new ArrayList<>(items.size());
      for (JsonNode item : items) {
        Iterator<Map.Entry<String, JsonNode>> fields = item.properties().iterator();
        if (!fields.hasNext()) {
          continue;
        }
        Map.Entry<String, JsonNode> entry = fields.next();
        JsonNode result = entry.getValue();
        JsonNode error = result.get("error");
        results.add(
            new BulkResponse.Item(
                entry.getKey(),
                result.path("_index").asText(""),
                result.path("_id").asText(""),
                result.path("status").asInt(0),
                error == null || error.isNull() ? null : EsErrors.reason(error)));
      }
      return new BulkResponse(results);
    }
  }

  /** {@code PUT /_template/<name>}: a legacy template (Elasticsearch 7, every OpenSearch). */
  public void putTemplate(String name, Object body) {
    put("put template " + name, EsPaths.path("_template", name), body);
  }

  /** {@code PUT /_index_template/<name>}: a composable template (Elasticsearch 8+). */
  public void putIndexTemplate(String name, Object body) {
    put("put index template " + name, EsPaths.path("_index_template", name), body);
  }

  private void put(String operation, String path, Object body) {
    acknowledge(transport.send(operation, "PUT", path, Map.of(), json(body), JSON, timeout));
  }

  /** {@code POST /<indices>/_refresh}; missing indices are ignored. */
  public void refresh(Collection<String> indices) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("ignore_unavailable", "true");
    params.put("allow_no_indices", "true");
    acknowledge(
        transport.send(
            "refresh " + describe(indices),
            "POST",
            EsPaths.path(EsPaths.indices(indices), "_refresh"),
            params,
            null,
            JSON,
            timeout));
  }

  /**
   * {@code GET /_cluster/health}, bounded by the request timeout, or 10 s when there is none (a
   * health check must not hang).
   */
  public ClusterHealth clusterHealth() {
    return clusterHealth(Map.of());
  }

  /**
   * {@code GET /_cluster/health} with parameters such as {@code wait_for_status=yellow} and {@code
   * timeout=30s}.
   */
  public ClusterHealth clusterHealth(Map<String, String> params) {
    // A caller asking the server to wait gets the configured timeout only (0: none).
    boolean waits = params.keySet().stream().anyMatch(k -> k.startsWith("wait_for"));
    Duration bound = waits || !timeout.isZero() ? timeout : HEALTH_TIMEOUT;
    try (EsResponse response =
        transport.send("cluster health", "GET", "/_cluster/health", params, null, JSON, bound)) {
      JsonNode health = response.tree();
      return new ClusterHealth(
          health.path("cluster_name").asText(""),
          health.path("status").asText(""),
          health.path("number_of_nodes").asInt(0),
          health.path("timed_out").asBoolean(false));
    }
  }

  /**
   * What this client talks to, asked once and remembered ({@code GET
   * /_nodes/_local?filter_path=nodes.*.version}; {@code GET /} is not used, some distributions
   * answer it with 405). Logged once.
   */
  public ServerInfo serverInfo() {
    ServerInfo known = serverInfo.get();
    if (known != null) {
      return known;
    }
    ServerInfo info = fetchServerInfo();
    if (serverInfo.compareAndSet(null, info)) {
      log.info(
          "Trace storage: {} at {} (authentication: {})",
          info.description(),
          transport.preferredServer(),
          transport.credentials().description());
    }
    return serverInfo.get();
  }

  private ServerInfo fetchServerInfo() {
    Duration bound = timeout.isZero() ? HEALTH_TIMEOUT : timeout;
    try (EsResponse response =
        transport.send(
            "node info",
            "GET",
            "/_nodes/_local",
            Map.of("filter_path", "nodes.*.version"),
            null,
            JSON,
            bound)) {
      boolean elastic =
          response.header("X-Elastic-Product").map("Elasticsearch"::equals).orElse(false);
      JsonNode nodes = response.tree().path("nodes");
      Iterator<JsonNode> each = nodes.elements();
      String version = each.hasNext() ? each.next().path("version").asText("") : "";
      if (version.isEmpty()) {
        throw new StorageException(
            Kind.FAILED, "node info failed: the response names no node version");
      }
      try {
        return ServerInfo.of(version, elastic);
      } catch (IllegalArgumentException e) {
        throw new StorageException(Kind.FAILED, "node info failed: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Any other request, for what the operations above do not cover (create or delete an index,
   * aliases, counts).
   *
   * @param method HTTP method
   * @param path a path built with {@link EsPaths#path} (so every segment is encoded)
   * @param params query parameters
   * @param body anything Jackson serialises, a {@code byte[]} of JSON, or null for none
   * @return the 2xx response
   * @throws EsStatusException for an error status
   */
  public EsResponse execute(String method, String path, Map<String, String> params, Object body) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with /: " + path);
    }
    return transport.send(
        method + " " + path, method, path, params, body == null ? null : json(body), JSON, timeout);
  }

  private byte[] json(Object body) {
    if (body instanceof byte[] bytes) {
      return bytes;
    }
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("request body cannot be written as JSON", e);
    }
  }

  /** One NDJSON line: compact JSON (never pretty-printed, whatever the mapper says) and "\n". */
  private void line(ByteArrayOutputStream out, Object value) {
    if (value instanceof byte[] bytes) {
      for (byte b : bytes) {
        if (b == '\n' || b == '\r') {
          throw new IllegalArgumentException("an NDJSON line must not contain a line break");
        }
      }
      out.writeBytes(bytes);
    } else {
      try {
        out.writeBytes(
            mapper.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(value));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("request body cannot be written as JSON", e);
      }
    }
    out.write('\n');
  }

  private static void acknowledge(EsResponse response) {
    response.close();
  }

  /** "a, b, c" or "a, b, c and 7 more": index lists can be long, messages should not be. */
  private static String describe(Collection<String> indices) {
    if (indices.size() <= 3) {
      return String.join(",", indices);
    }
    return String.join(",", indices.stream().limit(3).toList())
        + " and "
        + (indices.size() - 3)
        + " more";
  }

  /** A server URL as it may be shown: without user info (which could hold a password). */
  public static String redact(String url) {
    try {
      URI uri = URI.create(url.trim());
      if (uri.getRawUserInfo() == null) {
        return uri.toString();
      }
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
          .toString();
    } catch (IllegalArgumentException | java.net.URISyntaxException e) {
      return "(invalid URL)";
    }
  }
}
