package io.sightline.web.trace;

import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import java.util.Optional;

/**
 * Where the trace pages get a trace: the trace use cases (primary storage, then the archive, with
 * the adjusters applied), never a store directly.
 */
public interface TraceFetcher {

  /**
   * The trace, adjusted as {@code GET /api/traces/{id}} returns it.
   *
   * @return empty when no store has it
   * @throws io.sightline.trace.StorageException when storage cannot answer
   */
  Optional<Trace> fetch(TraceId traceId);
}
