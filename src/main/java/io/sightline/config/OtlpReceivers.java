package io.sightline.config;

import io.sightline.ingest.OtlpGrpcServer;
import io.sightline.ingest.OtlpHttpServer;
import io.sightline.ingest.SpanIngest;

/**
 * The running OTLP receivers and their queue, stopped in order: first the ports stop taking
 * requests, then the queue drains into the store, then the last dependency links are recorded.
 */
public final class OtlpReceivers implements AutoCloseable {

  private final SpanIngest ingest;
  private final OtlpGrpcServer grpc;
  private final OtlpHttpServer http;
  private final AutoCloseable afterIngest;

  OtlpReceivers(
      SpanIngest ingest, OtlpGrpcServer grpc, OtlpHttpServer http, AutoCloseable afterIngest) {
    this.ingest = ingest;
    this.grpc = grpc;
    this.http = http;
    this.afterIngest = afterIngest;
  }

  /** The OTLP/gRPC port listened on. */
  public int grpcPort() {
    return grpc.port();
  }

  /** The OTLP/HTTP port listened on. */
  public int httpPort() {
    return http.port();
  }

  /** The queue between the receivers and the store. */
  public SpanIngest ingest() {
    return ingest;
  }

  @Override
  public void close() throws Exception {
    try (afterIngest;
        ingest;
        http;
        grpc) {
      // try-with-resources closes in reverse order: grpc, http, ingest, afterIngest.
    }
  }
}
