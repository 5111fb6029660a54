/**
 * Internal to {@link io.sightline.storage.elasticsearch}: the write side (spans, services and
 * dependencies documents in bulk, exactly as Jaeger's collector and spark job write them). Public
 * only so that {@link io.sightline.storage.elasticsearch.ElasticsearchStorage} can compose it.
 */
package io.sightline.storage.elasticsearch.write;
