package io.sightline.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * The gRPC query port ({@code sightline.query.grpc.*}): jaeger-query's {@code
 * QUERY_GRPC_SERVER_HOST_PORT} and {@code QUERY_GRPC_TLS_*}. The TLS settings have the names of
 * Spring Boot's {@code server.ssl.*}, so that {@link JaegerEnvironment} fills them from Jaeger's
 * variables exactly as it fills those of the HTTP ports.
 *
 * @param enabled whether the port is served at all (Sightline's own switch; jaeger-query always
 *     serves it)
 * @param hostPort {@code [host]:port}
 * @param shutdownGrace how long running calls may take to finish at shutdown
 * @param tls the server's TLS
 */
@ConfigurationProperties("sightline.query.grpc")
public record GrpcQueryProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue(":16685") String hostPort,
    @DefaultValue("10s") Duration shutdownGrace,
    @DefaultValue Tls tls) {

  public GrpcQueryProperties {
    HostPort.parse(hostPort); // fails start-up on a bad address
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException(
          "sightline.query.grpc.shutdown-grace must not be negative");
    }
  }

  /**
   * The port's TLS, off by default.
   *
   * @param enabled {@code QUERY_GRPC_TLS_ENABLED}
   * @param certificate {@code QUERY_GRPC_TLS_CERT} (PEM)
   * @param certificatePrivateKey {@code QUERY_GRPC_TLS_KEY} (PEM)
   * @param trustCertificate {@code QUERY_GRPC_TLS_CLIENT_CA}: clients must present a certificate it
   *     signed
   * @param ciphers {@code QUERY_GRPC_TLS_CIPHER_SUITES}
   * @param enabledProtocols from {@code QUERY_GRPC_TLS_MIN_VERSION}/{@code _MAX_VERSION}
   */
  public record Tls(
      boolean enabled,
      Resource certificate,
      Resource certificatePrivateKey,
      Resource trustCertificate,
      List<String> ciphers,
      List<String> enabledProtocols) {

    public Tls {
      ciphers = ciphers == null ? List.of() : List.copyOf(ciphers);
      enabledProtocols = enabledProtocols == null ? List.of() : List.copyOf(enabledProtocols);
    }
  }
}
