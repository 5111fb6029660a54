package io.sightline.trace;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;

/**
 * The traces of a search, newest first, read from the store a batch at a time as the caller
 * iterates ({@link TraceService#streamTraces}), each batch in a storage slot of the {@link
 * ReadBudget}. Traces without spans are left out; each trace handed out is prepared (adjusted, or
 * not when asked for raw) first.
 */
final class SearchStream implements Iterator<Trace> {

  private final ReadBudget budget;
  private final UnaryOperator<Trace> prepare;
  private final boolean releaseBatches;
  private final Iterator<List<Trace>> batches;
  private Iterator<Trace> batch = Collections.emptyIterator();
  private Trace next;

  /**
   * Runs the search (its trace IDs, then the first batch) at once, so a store that is down or a
   * query it refuses fails here, before the caller has written anything.
   *
   * @param prepare applied to each trace before it is handed out
   * @param releaseBatches whether moving on to the next batch frees the previous one's spans from
   *     the request's budget (the caller keeps no trace it has been handed)
   */
  SearchStream(
      ReadBudget budget,
      SpanReader reader,
      TraceQuery query,
      UnaryOperator<Trace> prepare,
      boolean releaseBatches) {
    this.budget = budget;
    this.prepare = prepare;
    this.releaseBatches = releaseBatches;
    this.batches = budget.storageCall(() -> reader.findTraceBatches(query));
    advance();
  }

  /** Reads on when the trace handed out last was the end of its batch. */
  @Override
  public boolean hasNext() {
    advance();
    return next != null;
  }

  @Override
  public Trace next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Trace trace = next;
    next = null;
    return trace;
  }

  /** Finds the next trace with spans, reading batches as needed. */
  private void advance() {
    while (next == null) {
      if (batch.hasNext()) {
        Trace candidate = batch.next();
        if (!candidate.spans().isEmpty()) {
          next = prepare.apply(candidate);
        }
        continue;
      }
      if (!batches.hasNext()) {
        return;
      }
      if (releaseBatches) {
        ReadBudget.releaseHeld(); // the traces read so far have been handed out
      }
      batch = budget.storageCall(batches::next).iterator();
    }
  }
}
