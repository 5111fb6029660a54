package io.sightline.ingest;

import com.sun.net.httpserver.HttpServer;
import io.sightline.threads.DaemonThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The OTLP/HTTP receiver ({@code COLLECTOR_OTLP_HTTP_HOST_PORT}, default {@code :4318}) on a port
 * of its own, apart from the UI and API: {@code POST /v1/traces} only (see {@link
 * OtlpHttpHandler}).
 */
public final class OtlpHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;

  private OtlpHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts listening; fails if the port is taken.
   *
   * @param maxBodyBytes the largest request body, after gzip decompression
   * @param threads how many requests are decoded at once
   */
  public static OtlpHttpServer start(
      InetSocketAddress address, SpanIngest ingest, int maxBodyBytes, int threads) {
    HttpServer server;
    try {
      server = HttpServer.create(address, 128);
    } catch (IOException e) {
      throw new UncheckedIOException("OTLP/HTTP cannot listen on " + address, e);
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(threads, DaemonThreads.numbered("otlp-http"));
    server.setExecutor(executor);
    OtlpHttpHandler handler = new OtlpHttpHandler(new TraceExports(ingest), maxBodyBytes);
    server.createContext("/", handler::handle);
    server.start();
    return new OtlpHttpServer(server, executor);
  }

  /** The port listened on (the chosen one when configured as 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops taking requests; running ones get up to 2 s. */
  @Override
  public void close() {
    server.stop(2);
    executor.shutdown();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
