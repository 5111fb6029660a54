/**
 * Jaeger's trace adjusters: the clean-ups applied to every trace read for display unless the client
 * asks for it {@code raw}. Each adjusts a {@link io.sightline.trace.Trace} in place, replacing
 * spans in its list rather than copying the list, and none recurses (a trace may have 100,000
 * spans).
 */
package io.sightline.trace.adjust;
