package io.sightline.web.trace;

/**
 * Rows matching a find query ({@code GET /trace/{id}/find?q=}), or with {@code by=path} the merged
 * path nodes (flamegraph frames, trace graph nodes) with a matching span.
 *
 * @param viewId the assembled view the rows index into (see {@link TimelineJson#viewId()})
 * @param query the query as received
 * @param rows matching rows (or path nodes), ascending
 */
@SuppressWarnings("ArrayRecordComponent") // written as JSON, never compared or hashed
public record FindResult(String viewId, String query, int[] rows) {}
