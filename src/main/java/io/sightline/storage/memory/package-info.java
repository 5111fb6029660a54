/** The embedded default store: the same ports and search semantics as Elasticsearch, in memory. */
package io.sightline.storage.memory;
