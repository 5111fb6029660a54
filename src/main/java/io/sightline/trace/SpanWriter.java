package io.sightline.trace;

import java.util.List;

/**
 * Writes spans into a trace store exactly as Jaeger's collector would (for the Elasticsearch store:
 * documents in daily indices, service entries, index templates). Used by tests, the demo loader,
 * archiving and, later, ingestion.
 */
public interface SpanWriter {

  /** Writes the spans; returns once they are stored (not necessarily searchable yet). */
  void writeSpans(List<Span> spans);

  /** Makes everything written so far visible to readers (Elasticsearch: refresh). */
  default void flush() {}
}
