/**
 * Reads and writes Jaeger's Elasticsearch/OpenSearch indices. Jackson 2 lives here and only here.
 */
package io.sightline.storage.elasticsearch;
