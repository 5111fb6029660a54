/**
 * Jaeger's JSON API: {@code /api/*} (and, later, {@code /api/v3/*}). Thin controllers over the
 * trace use cases; {@link io.sightline.api.JaegerResponses} writes Jaeger's envelope and Go's error
 * responses, {@link io.sightline.api.JaegerApiExceptionHandler} maps failures to them.
 */
package io.sightline.api;
