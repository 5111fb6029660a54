package io.sightline.trace;

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
   * Complete traces by ID, in request order, each whole however many spans it has. IDs not found
   * are left out; every stored spelling of an ID is found and merged into one trace.
   */
  List<Trace> getTraces(List<TraceLookup> lookups);
}
