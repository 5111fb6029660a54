package io.sightline.trace;

import java.util.List;
import java.util.Objects;

/**
 * The process (OTLP: resource) that emitted a span.
 *
 * @param serviceName the service name
 * @param tags the process tags, in stored order
 */
public record Process(String serviceName, List<KeyValue> tags) {

  public Process {
    Objects.requireNonNull(serviceName, "serviceName");
    tags = List.copyOf(tags);
  }
}
