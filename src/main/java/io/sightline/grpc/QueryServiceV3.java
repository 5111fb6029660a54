package io.sightline.grpc;

import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.sightline.format.otlp.OtlpProto;
import io.sightline.grpc.jaeger.v3.DependenciesResponse;
import io.sightline.grpc.jaeger.v3.Dependency;
import io.sightline.grpc.jaeger.v3.FindTracesRequest;
import io.sightline.grpc.jaeger.v3.GetDependenciesRequest;
import io.sightline.grpc.jaeger.v3.GetOperationsRequest;
import io.sightline.grpc.jaeger.v3.GetOperationsResponse;
import io.sightline.grpc.jaeger.v3.GetServicesRequest;
import io.sightline.grpc.jaeger.v3.GetServicesResponse;
import io.sightline.grpc.jaeger.v3.GetTraceRequest;
import io.sightline.grpc.jaeger.v3.QueryServiceGrpc;
import io.sightline.grpc.jaeger.v3.TraceQueryParameters;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.Operation;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceService;
import java.util.Iterator;
import java.util.List;

/**
 * {@code jaeger.api_v3.QueryService}: what {@code /api/v3/*} answers, over gRPC. Each trace is one
 * OTLP {@link TracesData} message of the stream (Jaeger's chunking of v3); a get or search that
 * finds nothing is {@code NOT_FOUND "No traces found"}, as in Jaeger's v3 handler and HTTP gateway.
 */
final class QueryServiceV3 extends QueryServiceGrpc.QueryServiceImplBase {

  /** Jaeger's span kind for operations whose kind the store does not record. */
  private static final String UNKNOWN_KIND = "internal";

  /** TraceQueryParameters.filter, Jaeger's experimental structured filter (not supported). */
  private static final int FILTER_FIELD = 10;

  private final TraceService traces;
  private final QueryRequests requests;
  private final Calls calls;

  QueryServiceV3(TraceService traces, QueryRequests requests, Calls calls) {
    this.traces = traces;
    this.requests = requests;
    this.calls = calls;
  }

  @Override
  public void getTrace(GetTraceRequest request, StreamObserver<TracesData> observer) {
    calls.streaming(
        observer,
        out ->
            send(
                traces.getTraces(
                    List.of(
                        requests.lookup(
                            request.getTraceId(), request.getStartTime(), request.getEndTime())),
                    request.getRawTraces()),
                out));
  }

  @Override
  public void findTraces(FindTracesRequest request, StreamObserver<TracesData> observer) {
    calls.streaming(
        observer,
        out -> {
          if (!request.hasQuery()) {
            throw GrpcFailures.invalid("query", "is required");
          }
          TraceQueryParameters query = request.getQuery();
          if (query.getUnknownFields().hasField(FILTER_FIELD)) {
            // Ignoring a predicate would answer more traces than were asked for.
            throw GrpcFailures.invalid("query.filter", "structured filters are not supported");
          }
          send(
              traces.streamTraces(
                  requests.traceQuery(QueryRequests.v2(query), "attributes"), query.getRawTraces()),
              out);
        });
  }

  @Override
  public void getServices(
      GetServicesRequest request, StreamObserver<GetServicesResponse> observer) {
    calls.unary(
        observer, () -> GetServicesResponse.newBuilder().addAllServices(traces.services()).build());
  }

  /** Operations with their span kinds; a kind the store does not know reads {@code internal}. */
  @Override
  public void getOperations(
      GetOperationsRequest request, StreamObserver<GetOperationsResponse> observer) {
    calls.unary(
        observer,
        () -> {
          GetOperationsResponse.Builder response = GetOperationsResponse.newBuilder();
          for (Operation operation :
              traces.operations(request.getService(), request.getSpanKind())) {
            response.addOperations(
                io.sightline.grpc.jaeger.v3.Operation.newBuilder()
                    .setName(operation.name())
                    .setSpanKind(
                        operation.spanKind().isEmpty() ? UNKNOWN_KIND : operation.spanKind()));
          }
          return response.build();
        });
  }

  @Override
  public void getDependencies(
      GetDependenciesRequest request, StreamObserver<DependenciesResponse> observer) {
    calls.unary(
        observer,
        () -> {
          DependenciesResponse.Builder response = DependenciesResponse.newBuilder();
          for (DependencyLink link :
              traces.dependencies(
                  requests.dependencies(request.getStartTime(), request.getEndTime()), "")) {
            response.addDependencies(
                Dependency.newBuilder()
                    .setParent(link.parent())
                    .setChild(link.child())
                    .setCallCount(link.callCount()));
          }
          return response.build();
        });
  }

  private static void send(List<Trace> found, java.util.function.Consumer<TracesData> out) {
    send(found.iterator(), out);
  }

  /** One {@code TracesData} per trace, as read; NOT_FOUND when there is none. */
  private static void send(Iterator<Trace> found, java.util.function.Consumer<TracesData> out) {
    if (!found.hasNext()) {
      throw io.grpc.Status.NOT_FOUND.withDescription("No traces found").asRuntimeException();
    }
    found.forEachRemaining(trace -> out.accept(OtlpProto.tracesData(trace)));
  }
}
