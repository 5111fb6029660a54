package io.sightline.storage.elasticsearch.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The span's process: {@code {"serviceName": …, "tags": […], "tag": {…}}}.
 *
 * @param serviceName the service name
 * @param tags nested process tags; may be null in stored data
 * @param tag tags-as-fields: key (dots replaced) → raw JSON value; absent unless configured
 */
@JsonPropertyOrder({"serviceName", "tags", "tag"})
public record ProcessDocument(
    String serviceName,
    List<KeyValueDocument> tags,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> tag) {}
