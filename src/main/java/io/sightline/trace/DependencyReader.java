package io.sightline.trace;

import java.util.List;

/** Reads the service dependency links that the daily dependencies job stored. */
public interface DependencyReader {

  /** Links stored in the query's window, as stored (duplicates not yet merged). */
  List<DependencyLink> getDependencies(DependencyQuery query);
}
