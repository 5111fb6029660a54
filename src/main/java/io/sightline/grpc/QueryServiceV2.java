package io.sightline.grpc;

import io.grpc.stub.StreamObserver;
import io.sightline.grpc.jaeger.v2.ArchiveTraceRequest;
import io.sightline.grpc.jaeger.v2.ArchiveTraceResponse;
import io.sightline.grpc.jaeger.v2.FindTracesRequest;
import io.sightline.grpc.jaeger.v2.GetDependenciesRequest;
import io.sightline.grpc.jaeger.v2.GetDependenciesResponse;
import io.sightline.grpc.jaeger.v2.GetOperationsRequest;
import io.sightline.grpc.jaeger.v2.GetOperationsResponse;
import io.sightline.grpc.jaeger.v2.GetServicesRequest;
import io.sightline.grpc.jaeger.v2.GetServicesResponse;
import io.sightline.grpc.jaeger.v2.GetTraceRequest;
import io.sightline.grpc.jaeger.v2.QueryServiceGrpc;
import io.sightline.grpc.jaeger.v2.SpansResponseChunk;
import io.sightline.trace.Operation;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceNotFoundException;
import java.util.function.Consumer;

/**
 * {@code jaeger.api_v2.QueryService}: what {@code /api/*} answers, over gRPC. Traces stream as
 * {@link SpansResponseChunk}s of up to 10 spans, one trace after another; an unknown trace is
 * {@code NOT_FOUND "trace not found"}, a search that finds nothing an empty stream.
 */
final class QueryServiceV2 extends QueryServiceGrpc.QueryServiceImplBase {

  private final QueryCalls calls;

  QueryServiceV2(QueryCalls calls) {
    this.calls = calls;
  }

  @Override
  public void getTrace(GetTraceRequest request, StreamObserver<SpansResponseChunk> observer) {
    calls.get(
        () ->
            QueryRequests.lookup(
                request.getTraceId(), request.getStartTime(), request.getEndTime()),
        request.getRawTraces(),
        lookup -> new TraceNotFoundException(lookup.traceId()),
        observer,
        QueryServiceV2::send);
  }

  @Override
  public void archiveTrace(
      ArchiveTraceRequest request, StreamObserver<ArchiveTraceResponse> observer) {
    calls.archive(
        () ->
            QueryRequests.lookup(
                request.getTraceId(), request.getStartTime(), request.getEndTime()),
        observer,
        ArchiveTraceResponse.getDefaultInstance());
  }

  @Override
  public void findTraces(FindTracesRequest request, StreamObserver<SpansResponseChunk> observer) {
    calls.find(
        request.hasQuery(),
        request::getQuery,
        "tags",
        observer,
        (found, out) -> found.forEachRemaining(trace -> send(trace, out)));
  }

  @Override
  public void getServices(
      GetServicesRequest request, StreamObserver<GetServicesResponse> observer) {
    calls.services(
        observer, services -> GetServicesResponse.newBuilder().addAllServices(services).build());
  }

  /** The operations with their span kinds, and their names alone (the deprecated field). */
  @Override
  public void getOperations(
      GetOperationsRequest request, StreamObserver<GetOperationsResponse> observer) {
    calls.operations(
        request.getService(),
        request.getSpanKind(),
        observer,
        operations -> {
          GetOperationsResponse.Builder response = GetOperationsResponse.newBuilder();
          for (Operation operation : operations) {
            response.addOperationNames(operation.name());
            response.addOperations(
                io.sightline.grpc.jaeger.v2.Operation.newBuilder()
                    .setName(operation.name())
                    .setSpanKind(operation.spanKind()));
          }
          return response.build();
        });
  }

  @Override
  public void getDependencies(
      GetDependenciesRequest request, StreamObserver<GetDependenciesResponse> observer) {
    calls.dependencies(
        request.getStartTime(),
        request.getEndTime(),
        observer,
        links ->
            GetDependenciesResponse.newBuilder()
                .addAllDependencies(links.stream().map(JaegerProtoModel::dependencyLink).toList())
                .build());
  }

  private static void send(Trace trace, Consumer<SpansResponseChunk> out) {
    for (SpansResponseChunk chunk : JaegerProtoModel.chunks(trace)) {
      out.accept(chunk);
    }
  }
}
