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

  /**
   * Stores one document of links stamped with this time in place of every document stored with the
   * same timestamp, so that re-running a day never duplicates it. Without links the day is left
   * with no document (the dependencies job writes none then).
   */
  void replaceDependencies(Instant timestamp, List<DependencyLink> links);
}
