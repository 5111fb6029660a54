package io.sightline.trace;

import java.util.Iterator;
import java.util.List;

/**
 * Reads spans, services and operations from a trace store. Implementations throw {@link
 * StorageException} when the store cannot answer and {@link
 * io.sightline.trace.InvalidQueryException} for a query the store refuses as malformed (a bad tag
 * pattern, say).
 */
public interface SpanReader {

  /** Service names seen recently (Elasticsearch: within the max span age). Never null. */
  List<String> getServices();

  /**
   * Operations of a service. Stores that do not record span kinds (Elasticsearch) ignore {@code
   * spanKind} and return {@code ""} kinds.
   *
   * @param spanKind a span kind to filter by, or {@code null}/{@code ""} for all
   */
  List<Operation> getOperations(String service, String spanKind);

  /** IDs of the traces matching the query, newest (latest matching span start) first. */
  List<TraceId> findTraceIds(TraceQuery query);

  /** Complete traces matching the query, newest first. */
  List<Trace> findTraces(TraceQuery query);

  /**
   * The traces of {@link #findTraces}, read from the store a batch at a time: this call finds the
   * matching trace IDs, each {@link Iterator#next()} reads the next few traces whole. A caller that
   * writes a batch out before asking for the next holds one batch at a time, not the whole answer.
   * A batch may be empty (its traces had no spans left); the store is only read on {@code next()}.
   *
   * <p>By default the whole answer is one batch.
   */
  default Iterator<List<Trace>> findTraceBatches(TraceQuery query) {
    return List.of(findTraces(query)).iterator();
  }

  /**
   * Complete traces by ID, in request order, each whole however many spans it has. IDs not found
   * are left out; every stored spelling of an ID is found and merged into one trace.
   */
  List<Trace> getTraces(List<TraceLookup> lookups);
}
