package io.sightline.storage.elasticsearch.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sightline.trace.RequestCancellation;
import io.sightline.trace.RequestCancelledException;
import io.sightline.trace.StorageException;
import io.sightline.trace.StorageException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP exchange under {@link EsClient}: one request to the first server that can be connected
 * to (the one that answered is tried first from then on), a stale pooled connection retried once
 * for reads, the body streamed (gzip-decoded, bounded by the request timeout), and an error status
 * turned into a {@link StorageException}.
 */
final class EsTransport {

  private static final Logger log =
      LoggerFactory.getLogger(EsClient.class); // the client's log category, as before

  static final String JSON = "application/json";

  private final HttpClient http;
  private final List<URI> servers;
  private final Credentials credentials;
  private final ObjectMapper mapper;
  private final String user;
  private final String prefix;
  private final AtomicInteger preferred = new AtomicInteger();

  /** Servers that have answered over HTTP at least once (so they do not expect https). */
  private final Set<URI> answered = ConcurrentHashMap.newKeySet();

  EsTransport(
      HttpClient http,
      List<URI> servers,
      Credentials credentials,
      ObjectMapper mapper,
      String user,
      String prefix) {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("no server");
    }
    this.http = http;
    this.servers = List.copyOf(servers);
    this.credentials = credentials;
    this.mapper = mapper;
    this.user = user;
    this.prefix = prefix;
  }

  /** The server URLs, in order (they never carry credentials). */
  List<String> servers() {
    return servers.stream().map(URI::toString).toList();
  }

  /** The server requests go to first. */
  URI preferredServer() {
    return servers.get(Math.floorMod(preferred.get(), servers.size()));
  }

  Credentials credentials() {
    return credentials;
  }

  /**
   * Sends one request.
   *
   * @param operation what the request does, for messages
   * @param requestTimeout zero for none
   * @return the 2xx response, its body streamed
   */
  EsResponse send(
      String operation,
      String method,
      String path,
      Map<String, String> params,
      byte[] body,
      String contentType,
      Duration requestTimeout) {
    String target = path + EsPaths.query(params);
    int count = servers.size();
    int start = Math.floorMod(preferred.get(), count);
    IOException lastConnectFailure = null;
    for (int attempt = 0; attempt < count; attempt++) {
      int index = (start + attempt) % count;
      URI server = servers.get(index);
      HttpRequest request = request(server, target, method, body, contentType, requestTimeout);
      long startNanos = System.nanoTime();
      HttpResponse<InputStream> response;
      try {
        response = sendRetryingStale(request, isIdempotentRead(method, path), operation);
      } catch (IOException e) {
        if (isConnectFailure(e)) {
          log.debug("{}: cannot connect to {}: {}", operation, server, EsErrors.describe(e));
          lastConnectFailure = e;
          continue;
        }
        throw EsErrors.exchange(operation, server.toString(), e, answered.contains(server));
      } catch (CancellationException e) {
        throw new RequestCancelledException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException(Kind.UNAVAILABLE, operation + " interrupted", e);
      } catch (UnresolvedAddressException e) {
        lastConnectFailure = new UnknownHostException(server.getHost());
        continue;
      }
      answered.add(server);
      if (attempt > 0 && preferred.compareAndSet(start, index)) {
        log.warn("Elasticsearch server {} cannot be reached; using {}", servers.get(start), server);
      }
      return answer(operation, server, response, startNanos, requestTimeout);
    }
    throw EsErrors.unreachable(operation, String.join(", ", servers()), lastConnectFailure, prefix);
  }

  private EsResponse answer(
      String operation,
      URI server,
      HttpResponse<InputStream> response,
      long startNanos,
      Duration requestTimeout) {
    InputStream in = new CancellableBody(response.body());
    try {
      if (!requestTimeout.isZero()) {
        in = new DeadlineInputStream(in, startNanos + requestTimeout.toNanos());
      }
      if (response
          .headers()
          .firstValue("Content-Encoding")
          .map(v -> v.equalsIgnoreCase("gzip"))
          .orElse(false)) {
        in = new GZIPInputStream(in, 16 * 1024);
      }
    } catch (IOException e) {
      closeQuietly(in);
      throw EsErrors.whileReading(operation, e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new EsResponse(status, response.headers().map(), in, mapper, operation);
    }
    if (status == 401 || status == 403) {
      throw EsErrors.refused(
          operation,
          status,
          in,
          mapper,
          server.toString(),
          credentials.description(),
          user,
          prefix);
    }
    throw EsErrors.forStatus(operation, status, in, mapper);
  }

  /**
   * Sends the request; a read that failed because the server had closed the pooled connection
   * meanwhile (no answer at all) is sent once more, on a fresh connection.
   */
  private HttpResponse<InputStream> sendRetryingStale(
      HttpRequest request, boolean idempotent, String operation)
      throws IOException, InterruptedException {
    try {
      return exchange(request);
    } catch (IOException e) {
      if (!idempotent || isConnectFailure(e) || !EsErrors.closedWithoutAnswer(e)) {
        throw e;
      }
      log.debug("{}: connection closed without an answer ({}); retrying once", operation, e);
      return exchange(request);
    }
  }

  /**
   * Sends the request and waits for the response headers; the request's {@link RequestCancellation}
   * (its client went away) aborts the exchange at once.
   *
   * @throws CancellationException when it did
   */
  private HttpResponse<InputStream> exchange(HttpRequest request)
      throws IOException, InterruptedException {
    RequestCancellation.throwIfCancelled();
    CompletableFuture<HttpResponse<InputStream>> future =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    try (RequestCancellation.Registration cancel =
        RequestCancellation.onCancel(() -> future.cancel(true))) {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IOException(cause);
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    }
  }

  /** Reads, which may be sent twice: GET, HEAD, and searches (POST, but they change nothing). */
  static boolean isIdempotentRead(String method, String path) {
    return method.equals("GET")
        || method.equals("HEAD")
        || path.equals("/_msearch")
        || path.endsWith("/_search")
        || path.endsWith("/_count");
  }

  private HttpRequest request(
      URI server,
      String target,
      String method,
      byte[] body,
      String contentType,
      Duration requestTimeout) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(server.toString() + target))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Accept", JSON)
            .header("Accept-Encoding", "gzip");
    if (body != null) {
      builder.header("Content-Type", contentType);
    }
    String authorization = credentials.authorization();
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (!requestTimeout.isZero()) {
      builder.timeout(requestTimeout);
    }
    return builder.build();
  }

  private static boolean isConnectFailure(IOException e) {
    if (e instanceof HttpConnectTimeoutException || e instanceof SSLHandshakeException) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof UnresolvedAddressException
          || t instanceof SSLHandshakeException) {
        return true;
      }
    }
    return false;
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // Already failing.
    }
  }
}
