package io.sightline.trace;

import java.util.Objects;

/**
 * An operation (span name) of a service.
 *
 * @param name the operation name
 * @param spanKind the span kind, or {@code ""} when the storage does not record it (Elasticsearch)
 */
public record Operation(String name, String spanKind) {

  public Operation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(spanKind, "spanKind");
  }
}
