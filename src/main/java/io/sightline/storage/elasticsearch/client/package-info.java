/**
 * Internal to {@link io.sightline.storage.elasticsearch}: the HTTP transport to Elasticsearch and
 * OpenSearch (one JDK {@code HttpClient}, server failover, deadlines, error classification, bulk
 * and multi-search framing). Public only so that the sibling packages can use it; nothing outside
 * {@code storage.elasticsearch} may.
 */
package io.sightline.storage.elasticsearch.client;
