package io.sightline.trace;

import java.util.List;
import java.util.Objects;

/**
 * The process (OTLP: resource) that emitted a span.
 *
 * @param serviceName the service name
 * @param tags the process tags, in stored order
 */
public record TracedProcess(String serviceName, List<KeyValue> tags) {

  public TracedProcess {
    Objects.requireNonNull(serviceName, "serviceName");
    tags = List.copyOf(tags);
  }
}
