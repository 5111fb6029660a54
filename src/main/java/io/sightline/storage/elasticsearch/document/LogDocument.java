package io.sightline.storage.elasticsearch.document;

import java.util.List;

/**
 * A span log: {@code {"timestamp": <µs>, "fields": […]}}.
 *
 * @param timestamp microseconds since the epoch
 * @param fields the log's fields; may be null in stored data
 */
public record LogDocument(Long timestamp, List<KeyValueDocument> fields) {}
