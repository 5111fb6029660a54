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
import io.sightline.grpc.jaeger.v2.TraceQueryParameters;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.Operation;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceNotFoundException;
import io.sightline.trace.TraceService;
import java.util.function.Consumer;

/**
 * {@code jaeger.api_v2.QueryService}: what {@code /api/*} answers, over gRPC. Traces stream as
 * {@link SpansResponseChunk}s of up to 10 spans, one trace after another; an unknown trace is
 * {@code NOT_FOUND "trace not found"}, a search that finds nothing an empty stream.
 */
final class QueryServiceV2 extends QueryServiceGrpc.QueryServiceImplBase {

  private final TraceService traces;
  private final QueryRequests requests;
  private final Calls calls;

  QueryServiceV2(TraceService traces, QueryRequests requests, Calls calls) {
    this.traces = traces;
    this.requests = requests;
    this.calls = calls;
  }

  @Override
  public void getTrace(GetTraceRequest request, StreamObserver<SpansResponseChunk> observer) {
    calls.streaming(
        observer,
        out -> {
          TraceLookup lookup =
              requests.lookup(request.getTraceId(), request.getStartTime(), request.getEndTime());
          Trace trace =
              traces
                  .getTrace(lookup, request.getRawTraces())
                  .orElseThrow(() -> new TraceNotFoundException(lookup.traceId()));
          send(trace, out);
        });
  }

  @Override
  public void archiveTrace(
      ArchiveTraceRequest request, StreamObserver<ArchiveTraceResponse> observer) {
    calls.unary(
        observer,
        () -> {
          traces.archiveTrace(
              requests.lookup(request.getTraceId(), request.getStartTime(), request.getEndTime()));
          return ArchiveTraceResponse.getDefaultInstance();
        });
  }

  @Override
  public void findTraces(FindTracesRequest request, StreamObserver<SpansResponseChunk> observer) {
    calls.streaming(
        observer,
        out -> {
          if (!request.hasQuery()) {
            throw GrpcFailures.invalid("query", "is required");
          }
          TraceQueryParameters query = request.getQuery();
          // Read a batch at a time; a cancelled call stops the reading (Calls).
          traces
              .streamTraces(requests.traceQuery(query, "tags"), query.getRawTraces())
              .forEachRemaining(trace -> send(trace, out));
        });
  }

  @Override
  public void getServices(
      GetServicesRequest request, StreamObserver<GetServicesResponse> observer) {
    calls.unary(
        observer, () -> GetServicesResponse.newBuilder().addAllServices(traces.services()).build());
  }

  /** The operations with their span kinds, and their names alone (the deprecated field). */
  @Override
  public void getOperations(
      GetOperationsRequest request, StreamObserver<GetOperationsResponse> observer) {
    calls.unary(
        observer,
        () -> {
          GetOperationsResponse.Builder response = GetOperationsResponse.newBuilder();
          for (Operation operation :
              traces.operations(request.getService(), request.getSpanKind())) {
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
    calls.unary(
        observer,
        () -> {
          GetDependenciesResponse.Builder response = GetDependenciesResponse.newBuilder();
          for (DependencyLink link :
              traces.dependencies(
                  requests.dependencies(request.getStartTime(), request.getEndTime()), "")) {
            response.addDependencies(JaegerProtoModel.dependencyLink(link));
          }
          return response.build();
        });
  }

  private static void send(Trace trace, Consumer<SpansResponseChunk> out) {
    for (SpansResponseChunk chunk : JaegerProtoModel.chunks(trace)) {
      out.accept(chunk);
    }
  }
}
