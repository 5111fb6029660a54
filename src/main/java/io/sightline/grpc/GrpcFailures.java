package io.sightline.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.sightline.http.Failure;
import io.sightline.http.FailureClassifier;

/**
 * A failure as a gRPC status, from the one classification every transport shares ({@link
 * FailureClassifier}: the same message and log line as over HTTP):
 *
 * <ul>
 *   <li>400 (bad input, naming the field) → {@code INVALID_ARGUMENT};
 *   <li>404 (a trace in neither store) → {@code NOT_FOUND};
 *   <li>503 with a retry time (the read budget refused: the server is busy) → {@code
 *       RESOURCE_EXHAUSTED}; any other 503 (the store is down or too slow) → {@code UNAVAILABLE};
 *   <li>anything else → {@code INTERNAL}, with the public message only.
 * </ul>
 */
final class GrpcFailures {

  private GrpcFailures() {}

  static StatusRuntimeException toStatus(Throwable failure) {
    if (failure instanceof StatusRuntimeException status) {
      return status;
    }
    Failure classified = FailureClassifier.classify(failure);
    return code(classified).withDescription(classified.message()).asRuntimeException();
  }

  static Status code(Failure failure) {
    return switch (failure.status()) {
      case 400 -> Status.INVALID_ARGUMENT;
      case 404 -> Status.NOT_FOUND;
      case 503 -> failure.retryAfter() != null ? Status.RESOURCE_EXHAUSTED : Status.UNAVAILABLE;
      default -> failure.status() < 500 ? Status.FAILED_PRECONDITION : Status.INTERNAL;
    };
  }

  /** Bad input, naming the field: {@code INVALID_ARGUMENT "<field>: <problem>"}. */
  static StatusRuntimeException invalid(String field, String problem) {
    return Status.INVALID_ARGUMENT.withDescription(field + ": " + problem).asRuntimeException();
  }
}
