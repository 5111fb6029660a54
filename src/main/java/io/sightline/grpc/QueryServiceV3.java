package io.sightline.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
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
import java.util.Iterator;
import java.util.function.Consumer;

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

  private final QueryCalls calls;

  QueryServiceV3(QueryCalls calls) {
    this.calls = calls;
  }

  @Override
  public void getTrace(GetTraceRequest request, StreamObserver<TracesData> observer) {
    calls.get(
        () ->
            QueryRequests.lookup(
                request.getTraceId(), request.getStartTime(), request.getEndTime()),
        request.getRawTraces(),
        lookup -> noTraces(),
        observer,
        (trace, out) -> out.accept(OtlpProto.tracesData(trace)));
  }

  @Override
  public void findTraces(FindTracesRequest request, StreamObserver<TracesData> observer) {
    calls.find(
        request.hasQuery(),
        () -> {
          TraceQueryParameters query = request.getQuery();
          if (query.getUnknownFields().hasField(FILTER_FIELD)) {
            // Ignoring a predicate would answer more traces than were asked for.
            throw GrpcFailures.invalid("query.filter", "structured filters are not supported");
          }
          return QueryRequests.v2(query);
        },
        "attributes",
        observer,
        QueryServiceV3::send);
  }

  @Override
  public void getServices(
      GetServicesRequest request, StreamObserver<GetServicesResponse> observer) {
    calls.services(
        observer, services -> GetServicesResponse.newBuilder().addAllServices(services).build());
  }

  /** Operations with their span kinds; a kind the store does not know reads {@code internal}. */
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
    calls.dependencies(
        request.getStartTime(),
        request.getEndTime(),
        observer,
        links ->
            DependenciesResponse.newBuilder()
                .addAllDependencies(links.stream().map(QueryServiceV3::dependency).toList())
                .build());
  }

  private static Dependency dependency(DependencyLink link) {
    return Dependency.newBuilder()
        .setParent(link.parent())
        .setChild(link.child())
        .setCallCount(link.callCount())
        .build();
  }

  /** One {@code TracesData} per trace, as read; NOT_FOUND when there is none. */
  private static void send(Iterator<Trace> found, Consumer<TracesData> out) {
    if (!found.hasNext()) {
      throw noTraces();
    }
    found.forEachRemaining(trace -> out.accept(OtlpProto.tracesData(trace)));
  }

  private static StatusRuntimeException noTraces() {
    return Status.NOT_FOUND.withDescription("No traces found").asRuntimeException();
  }
}
