package io.sightline.trace;

import java.time.Instant;
import java.util.List;

/** Writes a dependencies document the way the daily dependencies job does. */
public interface DependencyWriter {

  /**
   * Stores one document of links stamped with this time (the dependencies job uses 00:00Z of the
   * day it processed).
   */
  void writeDependencies(Instant timestamp, List<DependencyLink> links);
}
