/**
 * Jaeger's span, service and dependencies documents: span documents are decoded straight from the
 * response stream into domain spans by Jackson 2's streaming parser ({@link SpanDecoder}, no
 * intermediate documents or maps); the records give the exact {@code _source} shapes the writers
 * produce ({@link SpanToDocument}) and the service and dependencies documents read back.
 */
package io.sightline.storage.elasticsearch.document;
