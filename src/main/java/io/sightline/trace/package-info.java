/**
 * The domain: trace records, the query model ({@link io.sightline.trace.TraceQuery}, {@link
 * io.sightline.trace.DependencyQuery}, {@link io.sightline.trace.TraceLookup}, …) beside the
 * storage ports it parameterises ({@link io.sightline.trace.SpanReader}, {@link
 * io.sightline.trace.DependencyReader}), and the use cases in {@link
 * io.sightline.trace.TraceService}. No HTTP, no Elasticsearch.
 */
package io.sightline.trace;
