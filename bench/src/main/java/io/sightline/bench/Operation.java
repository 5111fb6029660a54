package io.sightline.bench;

/**
 * One unit of work a benchmark client repeats: one HTTP request to a product, or the sequence of
 * Elasticsearch requests a product sent for one of its requests (the raw floor).
 */
@FunctionalInterface
interface Operation {

  /**
   * Runs once.
   *
   * @return the number of response bytes received
   * @throws Exception when it failed (an error status included): counted as an error
   */
  long run() throws Exception;
}
