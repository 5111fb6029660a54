package io.sightline.storage.elasticsearch.document;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A nested tag, process tag or log field: {@code {"key": …, "type": …, "value": …}}.
 *
 * <p>{@code value} is a JSON string in data written by Jaeger ≤ v1.68 / v2.5 (binary as hex), and a
 * native JSON number or bool for int64, float64 and bool in data written since ({@code type}
 * decides what it means). Written by {@link SpanToDocument}; read by {@link TagReader}, without
 * this record.
 *
 * @param key the tag key
 * @param type {@code string}, {@code bool}, {@code int64}, {@code float64} or {@code binary}
 * @param value the value
 */
@JsonPropertyOrder({"key", "type", "value"})
public record KeyValueDocument(String key, String type, Object value) {}
