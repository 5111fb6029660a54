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
   * A server-streaming call: the body sends messages to its consumer. Once the client has cancelled
   * (or gone away), the next message ends the body: a search stops reading the store there, and its
   * lease frees the budget.
   */
  <T> void streaming(StreamObserver<T> observer, Consumer<Consumer<T>> body) {
    ServerCallStreamObserver<T> call =
        observer instanceof ServerCallStreamObserver<T> server ? server : null;
    try (ReadBudget.Lease lease = budget.open()) {
      body.accept(
          message -> {
            if (call != null && call.isCancelled()) {
              throw new ClientGone();
            }
            observer.onNext(message);
          });
      observer.onCompleted();
    } catch (ClientGone e) {
      // nobody to tell; the lease is closed
    } catch (RuntimeException e) {
      if (call != null && call.isCancelled()) {
        return; // nobody to tell
      }
      observer.onError(GrpcFailures.toStatus(e));
    }
  }

  /** Ends a call's body once its client has cancelled. */
  private static final class ClientGone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClientGone() {
      super(null, null, false, false);
    }
  }
}
