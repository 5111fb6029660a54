package io.sightline.config;

import io.sightline.grpc.QueryGrpcServer;
import io.sightline.http.TraceQueryParser;
import io.sightline.trace.ReadBudget;
import io.sightline.trace.TraceService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * The gRPC query API on its own port ({@code QUERY_GRPC_SERVER_HOST_PORT}, default {@code :16685}),
 * over the same {@link TraceService}, limits and read budget as the HTTP API. Stopped with the
 * application: health turns NOT_SERVING, running calls get the grace period.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sightline.query.grpc.enabled", matchIfMissing = true)
@EnableConfigurationProperties(GrpcQueryProperties.class)
class GrpcQueryConfiguration {

  private static final Logger log = LoggerFactory.getLogger(GrpcQueryConfiguration.class);

  @Bean(destroyMethod = "close")
  QueryGrpcServer queryGrpcServer(
      GrpcQueryProperties properties,
      TraceService traceService,
      TraceQueryParser traceQueryParser,
      ReadBudget readBudget) {
    QueryGrpcServer.Tls tls = tls(properties.tls());
    QueryGrpcServer server =
        QueryGrpcServer.start(
            HostPort.parse(properties.hostPort()).socketAddress(),
            tls,
            traceService,
            traceQueryParser,
            readBudget,
            properties.shutdownGrace());
    log.info(
        "gRPC query API (jaeger.api_v2 and api_v3) on port {}{}",
        server.port(),
        tls == null ? "" : " with TLS");
    return server;
  }

  private static QueryGrpcServer.Tls tls(GrpcQueryProperties.Tls tls) {
    if (!tls.enabled()) {
      return null;
    }
    return new QueryGrpcServer.Tls(
        path(tls.certificate(), "QUERY_GRPC_TLS_CERT"),
        path(tls.certificatePrivateKey(), "QUERY_GRPC_TLS_KEY"),
        tls.trustCertificate() == null
            ? null
            : path(tls.trustCertificate(), "QUERY_GRPC_TLS_CLIENT_CA"),
        tls.enabledProtocols(),
        tls.ciphers());
  }

  private static Path path(Resource resource, String variable) {
    if (resource == null) {
      throw new IllegalStateException(variable + " is required with QUERY_GRPC_TLS_ENABLED=true");
    }
    try {
      return resource.getFile().toPath();
    } catch (IOException e) {
      throw new UncheckedIOException(variable + ": not a readable file: " + resource, e);
    }
  }
}
