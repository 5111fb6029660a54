package io.sightline.trace.adjust;

import io.sightline.trace.Adjuster;
import io.sightline.trace.Span;
import io.sightline.trace.Trace;

/** An adjuster that changes each span on its own, without looking at the trace's other spans. */
abstract class EachSpanAdjuster implements Adjuster {

  @Override
  public final void adjust(Trace trace) {
    trace.spans().replaceAll(this::adjust);
  }

  /** The span adjusted, or the same span when nothing changes. */
  abstract Span adjust(Span span);
}
