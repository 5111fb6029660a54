package io.sightline.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import io.sightline.grpc.jaeger.v2.TraceQueryParameters;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.Operation;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceService;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The calls both API versions answer alike: the request read into the query model ({@link
 * QueryRequests}), {@link TraceService} asked, the call run by {@link Calls}; only the messages
 * differ, and each version builds its own from what was found.
 */
final class QueryCalls {

  private final TraceService traces;
  private final QueryRequests requests;
  private final Calls calls;

  QueryCalls(TraceService traces, QueryRequests requests, Calls calls) {
    this.traces = traces;
    this.requests = requests;
    this.calls = calls;
  }

  /**
   * {@code GetTrace}: one trace, from the trace store or the archive, handed to the version's
   * {@code send}.
   *
   * @param lookup the request's trace ID and window hints, read inside the call
   * @param notFound the version's failure when the trace is in neither store
   */
  <T> void get(
      Supplier<TraceLookup> lookup,
      boolean raw,
      Function<TraceLookup, RuntimeException> notFound,
      StreamObserver<T> observer,
      BiConsumer<Trace, Consumer<T>> send) {
    calls.streaming(
        observer,
        out -> {
          TraceLookup wanted = lookup.get();
          send.accept(traces.getTrace(wanted, raw).orElseThrow(() -> notFound.apply(wanted)), out);
        });
  }

  /** {@code ArchiveTrace}: copies a trace into the archive storage. */
  <T> void archive(Supplier<TraceLookup> lookup, StreamObserver<T> observer, T answer) {
    calls.unary(
        observer,
        () -> {
          traces.archiveTrace(lookup.get());
          return answer;
        });
  }

  /** {@code GetServices}: the service names in the store's order. */
  <T> void services(StreamObserver<T> observer, Function<List<String>, T> answer) {
    calls.unary(observer, () -> answer.apply(traces.services()));
  }

  /** {@code GetOperations}: a service's operations, of one span kind or ({@code ""}) all. */
  <T> void operations(
      String service,
      String spanKind,
      StreamObserver<T> observer,
      Function<List<Operation>, T> answer) {
    calls.unary(observer, () -> answer.apply(traces.operations(service, spanKind)));
  }

  /** {@code GetDependencies} of {@code [start_time, end_time]}, both required. */
  <T> void dependencies(
      Timestamp start,
      Timestamp end,
      StreamObserver<T> observer,
      Function<List<DependencyLink>, T> answer) {
    calls.unary(
        observer, () -> answer.apply(traces.dependencies(requests.dependencies(start, end), "")));
  }

  /**
   * {@code FindTraces}: the search's traces, read a batch at a time and handed to the version's
   * {@code send}; a cancelled call stops the reading ({@link Calls}).
   *
   * @param hasQuery whether the request has its required {@code query}
   * @param query the request's {@code query} as api_v2's parameters, read only when there is one
   * @param tagsField the name of the tags field ({@code tags} in v2, {@code attributes} in v3)
   */
  <T> void find(
      boolean hasQuery,
      Supplier<TraceQueryParameters> query,
      String tagsField,
      StreamObserver<T> observer,
      BiConsumer<Iterator<Trace>, Consumer<T>> send) {
    calls.streaming(
        observer,
        out -> {
          if (!hasQuery) {
            throw GrpcFailures.invalid("query", "is required");
          }
          TraceQueryParameters search = query.get();
          send.accept(
              traces.streamTraces(requests.traceQuery(search, tagsField), search.getRawTraces()),
              out);
        });
  }
}
