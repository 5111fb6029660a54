/**
 * The gRPC query API on port 16685, as jaeger-query serves it: {@code jaeger.api_v2.QueryService}
 * (Kiali, Jaeger's tools) and {@code jaeger.api_v3.QueryService}, with the gRPC health service and
 * server reflection. A transport: requests become the query model of {@link io.sightline.trace},
 * the work is {@link io.sightline.trace.TraceService}'s (adjusters, archive fallback, read budget),
 * failures are classified once by {@link io.sightline.http.FailureClassifier} and sent as gRPC
 * statuses. The messages and stubs are generated from {@code src/main/protobuf} into {@code
 * io.sightline.grpc.jaeger.v2} and {@code .v3}.
 */
package io.sightline.grpc;
