/**
 * The HTTP-facing pieces that every transport shares: request parameters parsed into the query
 * model of {@link io.sightline.trace} in Jaeger's grammar and with Jaeger's error texts (for {@code
 * /api/*}, {@code /api/v3/*} and the pages alike). Nothing here knows Elasticsearch.
 */
package io.sightline.http;
