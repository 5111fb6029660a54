package io.sightline.storage.elasticsearch.document;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A span reference: {@code {"refType": "CHILD_OF"|"FOLLOWS_FROM", "traceID": …, "spanID": …}}.
 *
 * @param refType the reference type
 * @param traceId the referenced span's trace ID, hex
 * @param spanId the referenced span's ID, hex
 */
@JsonPropertyOrder({"refType", "traceID", "spanID"})
public record ReferenceDocument(
    String refType,
    @JsonProperty("traceID") String traceId,
    @JsonProperty("spanID") String spanId) {}
