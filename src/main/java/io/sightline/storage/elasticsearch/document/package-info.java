/**
 * The exact {@code _source} shapes of Jaeger's span, service and dependencies documents as records,
 * decoded straight from the response stream by Jackson 2 (no intermediate maps), and the mapping
 * between those documents and the domain in both directions.
 */
package io.sightline.storage.elasticsearch.document;
