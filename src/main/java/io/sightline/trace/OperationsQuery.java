package io.sightline.trace;

import java.util.Objects;

/**
 * The operations of one service ({@code GET /api/operations}).
 *
 * @param service the service; not empty
 * @param spanKind the span kind to filter by, or {@code ""} for all
 */
public record OperationsQuery(String service, String spanKind) {

  public OperationsQuery {
    Objects.requireNonNull(service, "service");
    spanKind = spanKind == null ? "" : spanKind;
    if (service.isEmpty()) {
      throw new InvalidQueryException("service", "parameter 'service' is required");
    }
  }
}
