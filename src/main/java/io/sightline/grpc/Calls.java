package io.sightline.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.sightline.trace.ReadBudget;
import java.util.function.Consumer;

/**
 * Runs one call's work the way every query call runs: under a lease of the read budget that stays
 * open until the answer is handed to gRPC (the spans it read count against the budget until then,
 * as over HTTP), failures sent as statuses ({@link GrpcFailures}).
 */
final class Calls {

  private final ReadBudget budget;

  Calls(ReadBudget budget) {
    this.budget = budget;
  }

  /** A unary call: the body computes the one answer. */
  <T> void unary(StreamObserver<T> observer, java.util.function.Supplier<T> body) {
    streaming(observer, out -> out.accept(body.get()));
  }

  /**
   * A server-streaming call: the body sends messages to its consumer; sending stops quietly once
   * the client has cancelled.
   */
  <T> void streaming(StreamObserver<T> observer, Consumer<Consumer<T>> body) {
    ServerCallStreamObserver<T> call =
        observer instanceof ServerCallStreamObserver<T> server ? server : null;
    try (ReadBudget.Lease lease = budget.open()) {
      body.accept(
          message -> {
            if (call == null || !call.isCancelled()) {
              observer.onNext(message);
            }
          });
      observer.onCompleted();
    } catch (RuntimeException e) {
      if (call != null && call.isCancelled()) {
        return; // nobody to tell
      }
      observer.onError(GrpcFailures.toStatus(e));
    }
  }
}
