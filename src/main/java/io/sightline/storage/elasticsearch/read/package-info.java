/**
 * Internal to {@link io.sightline.storage.elasticsearch}: the read side (service and operation
 * names, the two-phase trace search, trace fetch with {@code search_after} paging, dependencies).
 * Public only so that {@link io.sightline.storage.elasticsearch.ElasticsearchStorage} can compose
 * it.
 */
package io.sightline.storage.elasticsearch.read;
