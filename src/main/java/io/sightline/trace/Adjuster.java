package io.sightline.trace;

/** Changes a trace in place for display. Problems are recorded as span warnings, never thrown. */
@FunctionalInterface
public interface Adjuster {

  /** Adjusts the trace's span list in place. */
  void adjust(Trace trace);
}
