package io.sightline.storage.elasticsearch.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * One span in a {@code jaeger-span-*} index (docs/JAEGER-COMPAT.md §3.2), field for field, as
 * {@link SpanToDocument} writes it ({@link SpanDecoder} reads stored documents straight into
 * spans).
 *
 * @param traceId 16 or 32 lower-case hex characters (or fewer in data written before Jaeger 1.16)
 * @param spanId 16 hex characters
 * @param parentSpanId the parent span (written by Jaeger ≥ 2.20 only), or null
 * @param flags Jaeger flags; absent when 0
 * @param operationName the operation
 * @param references parent and links; null when empty in data written by Jaeger v2
 * @param startTime microseconds since the epoch
 * @param startTimeMillis {@code startTime / 1000}: the field searches filter on
 * @param duration microseconds
 * @param tags nested span tags
 * @param tag tags-as-fields: key (dots replaced) → raw JSON value; absent unless configured
 * @param logs span logs
 * @param process the emitting process
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "traceID",
  "spanID",
  "parentSpanID",
  "flags",
  "operationName",
  "references",
  "startTime",
  "startTimeMillis",
  "duration",
  "tags",
  "tag",
  "logs",
  "process"
})
public record SpanDocument(
    @JsonProperty("traceID") String traceId,
    @JsonProperty("spanID") String spanId,
    @JsonProperty("parentSpanID") String parentSpanId,
    Long flags,
    String operationName,
    List<ReferenceDocument> references,
    Long startTime,
    Long startTimeMillis,
    Long duration,
    List<KeyValueDocument> tags,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> tag,
    List<LogDocument> logs,
    ProcessDocument process) {}
