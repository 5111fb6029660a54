package io.sightline.trace;

import java.util.Objects;

/**
 * Where archived traces live: read by the trace fetch as a fallback, written by {@code POST
 * /api/archive/{traceID}}.
 *
 * @param reader reads archived traces
 * @param writer writes spans into the archive
 */
public record ArchiveStorage(SpanReader reader, SpanWriter writer) {

  public ArchiveStorage {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(writer, "writer");
  }
}
