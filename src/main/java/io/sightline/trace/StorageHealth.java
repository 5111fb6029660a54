package io.sightline.trace;

/** Tells whether the trace store can answer right now (the admin port's health check uses it). */
public interface StorageHealth {

  /**
   * Checks the store, quickly (bounded by the store's timeout).
   *
   * @return a short description of what was reached, e.g. {@code "Elasticsearch 8.19.0"}
   * @throws StorageException when the store cannot answer
   */
  String check();
}
