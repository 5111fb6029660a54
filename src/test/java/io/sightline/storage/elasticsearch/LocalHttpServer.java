package io.sightline.storage.elasticsearch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

/**
 * A tiny HTTP(S) server on 127.0.0.1 for the transport's own tests: it records each request and
 * answers with what the test's handler says. It knows nothing of Elasticsearch's semantics; the ITs
 * cover those against real servers.
 */
public final class LocalHttpServer implements AutoCloseable {

  /** What the client sent. */
  @SuppressWarnings("ArrayRecordComponent") // test data, never compared
  public record Request(
      String method,
      String path,
      String query,
      Map<String, List<String>> headers,
      byte[] body,
      SSLSession tls) {

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Answers one exchange (the request is already recorded). */
  public interface Handler {
    void handle(HttpExchange exchange, Request request) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private LocalHttpServer(HttpServer server, Handler handler) {
    this.server = server;
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "local-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            SSLSession session =
                exchange instanceof com.sun.net.httpserver.HttpsExchange https
                    ? https.getSSLSession()
                    : null;
            Request request =
                new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes(),
                    session);
            requests.add(request);
            handler.handle(exchange, request);
          }
        });
    server.start();
  }

  public static LocalHttpServer http(Handler handler) throws IOException {
    return new LocalHttpServer(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), handler);
  }

  /**
   * @param clientAuth whether the server demands a client certificate
   */
  public static LocalHttpServer https(SSLContext context, boolean clientAuth, Handler handler)
      throws IOException {
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            javax.net.ssl.SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setNeedClientAuth(clientAuth);
            params.setSSLParameters(parameters);
          }
        });
    return new LocalHttpServer(server, handler);
  }

  /** {@code http://127.0.0.1:<port>} (or https). */
  public String url() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public Request lastRequest() {
    return requests.get(requests.size() - 1);
  }

  /** Sends a JSON answer. */
  public static void json(HttpExchange exchange, int status, String body) throws IOException {
    json(exchange, status, body, Map.of());
  }

  public static void json(
      HttpExchange exchange, int status, String body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
