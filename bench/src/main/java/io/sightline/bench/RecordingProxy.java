package io.sightline.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy in front of Elasticsearch (the JDK's {@link HttpServer}) that records every request
 * passing through while a recording is on. Sightline runs through it once per scenario, before any
 * measurement; the recorded requests are then replayed directly against Elasticsearch as the raw
 * floor. The proxy is never in a measured path.
 */
final class RecordingProxy implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final URI target;
  private List<EsRequest> recording;

  RecordingProxy(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    this.executor = Executors.newFixedThreadPool(8);
    server.setExecutor(executor);
    server.createContext("/", this::forward);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Starts recording (dropping anything recorded before). */
  synchronized void start() {
    recording = new ArrayList<>();
  }

  /** Stops recording; returns what was sent meanwhile, in order. */
  synchronized List<EsRequest> stop() {
    List<EsRequest> recorded = recording == null ? List.of() : List.copyOf(recording);
    recording = null;
    return recorded;
  }

  private synchronized void record(EsRequest request) {
    if (recording != null) {
      recording.add(request);
    }
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      URI uri = exchange.getRequestURI();
      String pathAndQuery =
          uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      EsRequest request =
          new EsRequest(
              exchange.getRequestMethod(),
              pathAndQuery,
              exchange.getRequestHeaders().getFirst("Content-Type"),
              exchange.getRequestHeaders().getFirst("Accept"),
              exchange.getRequestHeaders().getFirst("Accept-Encoding"),
              body);
      record(request);
      HttpResponse<byte[]> response;
      try {
        response =
            Http.client()
                .send(request.toHttpRequest(target), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
        return;
      } catch (IOException e) {
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      for (String header : List.of("Content-Type", "Content-Encoding", "X-Elastic-Product")) {
        response
            .headers()
            .firstValue(header)
            .ifPresent(v -> exchange.getResponseHeaders().add(header, v));
      }
      byte[] answer = response.body();
      boolean noBody = answer.length == 0 || request.method().equals("HEAD");
      exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : answer.length);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }

  /** The recorded requests replayed in order, directly against Elasticsearch: the raw floor. */
  static Operation replay(List<EsRequest> requests, URI elasticsearch) {
    List<HttpRequest> prepared =
        requests.stream().map(r -> r.toHttpRequest(elasticsearch)).toList();
    return () -> {
      long bytes = 0;
      for (HttpRequest request : prepared) {
        bytes += Http.send(request);
      }
      return bytes;
    };
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
