package io.sightline.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.sightline.http.TraceQueryParser;
import io.sightline.tls.PemFiles;
import io.sightline.trace.ReadBudget;
import io.sightline.trace.TraceService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.springframework.boot.ssl.SslManagerBundle;

/**
 * The gRPC query port ({@code QUERY_GRPC_SERVER_HOST_PORT}, default {@code :16685}): both query
 * services, the health service ({@code grpc.health.v1.Health}: SERVING for the server and each
 * service until shutdown begins) and server reflection (v1 and v1alpha, for grpcurl and friends),
 * on grpc-java's shaded Netty, optionally with TLS.
 */
public final class QueryGrpcServer implements AutoCloseable {

  /** Largest request message; query requests are small. */
  private static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

  private final Server server;
  private final HealthStatusManager health;
  private final Duration grace;

  private QueryGrpcServer(Server server, HealthStatusManager health, Duration grace) {
    this.server = server;
    this.health = health;
    this.grace = grace;
  }

  /**
   * Server TLS, as Jaeger's {@code QUERY_GRPC_TLS_*}.
   *
   * @param cert the certificate chain (PEM)
   * @param key its private key (PEM)
   * @param clientCa when given, clients must present a certificate it signed
   * @param protocols the TLS versions to accept ({@code TLSv1.2}…); empty for the defaults
   * @param ciphers the cipher suites; empty for the defaults
   */
  public record Tls(
      Path cert, Path key, Path clientCa, List<String> protocols, List<String> ciphers) {

    public Tls {
      protocols = List.copyOf(protocols);
      ciphers = List.copyOf(ciphers);
    }

    /**
     * The server's context: the PEM files read and checked, and the key (and client trust) managers
     * made, as for Elasticsearch's TLS ({@link PemFiles}); grpc-java's Netty takes them from there.
     */
    SslContext sslContext() {
      try {
        SslManagerBundle managers =
            PemFiles.managers(
                PemFiles.keyPair(cert, "QUERY_GRPC_TLS_CERT", key, "QUERY_GRPC_TLS_KEY"),
                clientCa == null
                    ? null
                    : PemFiles.certificates(clientCa, "QUERY_GRPC_TLS_CLIENT_CA"));
        SslContextBuilder builder =
            GrpcSslContexts.configure(SslContextBuilder.forServer(managers.getKeyManagerFactory()));
        if (clientCa != null) {
          builder.trustManager(managers.getTrustManagerFactory()).clientAuth(ClientAuth.REQUIRE);
        }
        if (!protocols.isEmpty()) {
          builder.protocols(protocols);
        }
        if (!ciphers.isEmpty()) {
          builder.ciphers(ciphers);
        }
        return builder.build();
      } catch (SSLException e) {
        throw new IllegalStateException("QUERY_GRPC_TLS_*: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Starts listening; fails if the port is taken or the TLS files cannot be used.
   *
   * @param tls the server's TLS, or {@code null} for plain text
   * @param grace how long running calls may take to finish at shutdown
   */
  public static QueryGrpcServer start(
      InetSocketAddress address,
      Tls tls,
      TraceService traces,
      TraceQueryParser parser,
      ReadBudget budget,
      Duration grace) {
    QueryRequests requests = new QueryRequests(parser.limits());
    QueryCalls calls = new QueryCalls(traces, requests, new Calls(budget));
    List<BindableService> services = List.of(new QueryServiceV2(calls), new QueryServiceV3(calls));
    HealthStatusManager health = new HealthStatusManager();
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(address).maxInboundMessageSize(MAX_REQUEST_BYTES);
    if (tls != null) {
      builder.sslContext(tls.sslContext());
    }
    for (BindableService service : services) {
      builder.addService(service);
    }
    builder
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .addService(reflectionV1Alpha());
    Server server = builder.build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("the gRPC query API cannot listen on " + address, e);
    }
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    for (BindableService service : services) {
      health.setStatus(
          service.bindService().getServiceDescriptor().getName(), ServingStatus.SERVING);
    }
    return new QueryGrpcServer(server, health, grace);
  }

  /** Reflection's older protocol, which many tools still ask first. */
  @SuppressWarnings("deprecation")
  private static BindableService reflectionV1Alpha() {
    return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
  }

  /** The port listened on (the chosen one when configured as 0). */
  public int port() {
    return server.getPort();
  }

  /**
   * Health turns NOT_SERVING, new calls are refused, running ones get the grace period to finish;
   * whatever still runs then is cancelled.
   */
  @Override
  public void close() {
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
