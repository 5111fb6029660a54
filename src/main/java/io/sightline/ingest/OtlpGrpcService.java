package io.sightline.ingest;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;

/**
 * OTLP/gRPC {@code opentelemetry.proto.collector.trace.v1.TraceService/Export}. A full queue is
 * {@code UNAVAILABLE} (which OTLP clients always retry, with backoff); a malformed request {@code
 * INVALID_ARGUMENT} naming the field.
 */
final class OtlpGrpcService extends TraceServiceGrpc.TraceServiceImplBase {

  private final TraceExports exports;

  OtlpGrpcService(TraceExports exports) {
    this.exports = exports;
  }

  @Override
  public void export(
      ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> response) {
    TraceExports.Outcome outcome = exports.protobuf(request);
    if (outcome instanceof TraceExports.Outcome.Accepted accepted) {
      response.onNext(OtlpHttpHandler.response(accepted));
      response.onCompleted();
    } else if (outcome instanceof TraceExports.Outcome.Busy busy) {
      response.onError(
          Status.UNAVAILABLE
              .withDescription(
                  "the ingest queue is full: " + busy.spans() + " spans not taken, retry later")
              .asRuntimeException());
    } else if (outcome instanceof TraceExports.Outcome.Invalid invalid) {
      response.onError(
          Status.INVALID_ARGUMENT.withDescription(invalid.problem()).asRuntimeException());
    }
  }
}
