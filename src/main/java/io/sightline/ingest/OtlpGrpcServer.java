package io.sightline.ingest;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The OTLP/gRPC receiver ({@code COLLECTOR_OTLP_GRPC_HOST_PORT}, default {@code :4317}): grpc-java
 * on shaded Netty, gzip-compressed requests accepted, messages up to the configured size.
 */
public final class OtlpGrpcServer implements AutoCloseable {

  private final Server server;

  private OtlpGrpcServer(Server server) {
    this.server = server;
  }

  /** Starts listening; fails if the port is taken. */
  public static OtlpGrpcServer start(
      InetSocketAddress address, SpanIngest ingest, int maxMessageBytes) {
    Server server =
        NettyServerBuilder.forAddress(address)
            .addService(new OtlpGrpcService(new TraceExports(ingest)))
            .maxInboundMessageSize(maxMessageBytes)
            .build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("OTLP/gRPC cannot listen on " + address, e);
    }
    return new OtlpGrpcServer(server);
  }

  /** The port listened on (the chosen one when configured as 0). */
  public int port() {
    return server.getPort();
  }

  /** Stops taking calls and lets running ones finish (up to 5 s). */
  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
