/** Jaeger's JSON API: /api/* and /api/v3/*. Thin controllers over the trace use cases. */
package io.sightline.api;
