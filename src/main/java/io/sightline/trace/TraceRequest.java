package io.sightline.trace;

import java.util.List;
import java.util.Objects;

/**
 * What a trace request asks for: a search ({@code GET /api/traces?service=…}) or traces by ID
 * ({@code GET /api/traces?traceID=…}, {@code GET /api/traces/{traceID}}).
 */
public sealed interface TraceRequest {

  /** Whether the caller wants the traces as stored, without Jaeger's adjusters. */
  boolean raw();

  /**
   * A search.
   *
   * @param query the search
   * @param raw skip the adjusters
   */
  record Search(TraceQuery query, boolean raw) implements TraceRequest {
    public Search {
      Objects.requireNonNull(query, "query");
    }
  }

  /**
   * Traces by ID.
   *
   * @param lookups one per requested ID, in request order, without repeats
   * @param raw skip the adjusters
   */
  record Fetch(List<TraceLookup> lookups, boolean raw) implements TraceRequest {
    public Fetch {
      lookups = List.copyOf(lookups);
      if (lookups.isEmpty()) {
        throw new IllegalArgumentException("a fetch needs at least one trace ID");
      }
    }
  }
}
