package io.sightline.storage.elasticsearch.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.sightline.storage.elasticsearch.client.EsErrors;
import io.sightline.storage.elasticsearch.document.SpanDecoder;
import io.sightline.trace.Span;
import io.sightline.trace.StorageException;
import io.sightline.trace.TraceId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the hits of an {@code _msearch} (or {@code _search}) response of span documents: every
 * {@code _source} is decoded straight from the parser into a domain {@link Span} and handed on at
 * once, so a response of 10,000 spans never exists as a tree, as a list of documents or as text.
 */
final class SearchHitsReader {

  /** Receives what the response holds, item by item, hit by hit. */
  interface Sink {

    /** The exact number of hits of item {@code item} ({@code hits.total}). */
    void total(int item, long total);

    /**
     * The trace item {@code item} was searched for: the trace of its spans whose own trace ID is
     * missing or unreadable; null if unknown.
     */
    TraceId traceId(int item);

    /**
     * One hit.
     *
     * @param item the {@code _msearch} item (0 for a plain search)
     * @param index the hit's index
     * @param id the hit's document ID
     * @param span the decoded span, its decoding problems as warnings (null if the hit had no
     *     {@code _source})
     * @param sort the hit's sort values (longs and strings), empty when unsorted
     */
    void hit(int item, String index, String id, Span span, List<Object> sort);

    /**
     * The response's scroll ID ({@code _scroll_id}) or point-in-time ID ({@code pit_id}), whichever
     * it carries: the handle of the next page.
     */
    default void continuation(String id) {}
  }

  private final SpanDecoder decoder;

  /**
   * @param decoder decodes the hits' documents; one per response, as it shares strings and
   *     processes within it
   */
  SearchHitsReader(SpanDecoder decoder) {
    this.decoder = decoder;
  }

  /**
   * Reads a whole {@code _msearch} response.
   *
   * @param operation what is being done, for error messages
   * @throws StorageException when an item failed (its status and Elasticsearch's reason) or one of
   *     its shards did: a trace must not silently come back without some of its spans
   */
  void readMultiSearch(JsonParser p, String operation, Sink sink) throws IOException {
    expect(p.nextToken(), JsonToken.START_OBJECT, p);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("responses")) {
        expect(p.currentToken(), JsonToken.START_ARRAY, p);
        int item = 0;
        while (p.nextToken() == JsonToken.START_OBJECT) {
          readResponse(p, item++, operation, sink);
        }
      } else {
        p.skipChildren();
      }
    }
  }

  /** Reads a plain {@code _search} response as item 0. */
  void readSearch(JsonParser p, String operation, Sink sink) throws IOException {
    expect(p.nextToken(), JsonToken.START_OBJECT, p);
    readResponse(p, 0, operation, sink);
  }

  /** One search response; the parser is on its START_OBJECT and is left on its END_OBJECT. */
  private void readResponse(JsonParser p, int item, String operation, Sink sink)
      throws IOException {
    JsonNode error = null;
    int status = 200;
    String shardFailure = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "error" -> error = p.readValueAsTree();
        case "status" -> status = p.getValueAsInt(200);
        case "_shards" -> shardFailure = shardFailure(p.readValueAsTree());
        case "hits" -> readHits(p, item, sink);
        case "_scroll_id", "pit_id" -> sink.continuation(p.getValueAsString());
        default -> p.skipChildren();
      }
    }
    if (error != null || status >= 300) {
      // The same status means the same as for a whole request (a 503 during shard recovery is
      // "unavailable" on a trace fetch as on a search).
      int itemStatus = status >= 300 ? status : 500;
      throw new StorageException(
          EsErrors.kindOf(itemStatus),
          operation
              + " failed: search "
              + (item + 1)
              + " of the multi-search: HTTP "
              + status
              + (error == null ? "" : ": " + EsErrors.reason(error)),
          EsErrors.publicMessage(itemStatus),
          null);
    }
    if (shardFailure != null) {
      throw new StorageException(
          StorageException.Kind.FAILED,
          operation + " failed: search " + (item + 1) + ": " + shardFailure,
          "the trace storage failed to answer (shards failed)",
          null);
    }
  }

  private static String shardFailure(JsonNode shards) {
    if (shards.path("failed").asInt(0) <= 0) {
      return null;
    }
    JsonNode first = shards.path("failures").path(0);
    return shards.path("failed").asInt()
        + " of "
        + shards.path("total").asInt()
        + " shards failed"
        + (first.isMissingNode()
            ? ""
            : " ("
                + first.path("index").asText("?")
                + ": "
                + EsErrors.reason(first.path("reason"))
                + ")");
  }

  private void readHits(JsonParser p, int item, Sink sink) throws IOException {
    expect(p.currentToken(), JsonToken.START_OBJECT, p);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("total")) {
        if (value == JsonToken.VALUE_NUMBER_INT) {
          sink.total(item, p.getLongValue()); // rest_total_hits_as_int, or Elasticsearch 6
        } else if (value == JsonToken.START_OBJECT) {
          JsonNode total = p.readValueAsTree();
          sink.total(item, total.path("value").asLong());
        } else {
          p.skipChildren();
        }
      } else if (field.equals("hits") && value == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          readHit(p, item, sink);
        }
      } else {
        p.skipChildren();
      }
    }
  }

  private void readHit(JsonParser p, int item, Sink sink) throws IOException {
    String index = null;
    String id = null;
    Span span = null;
    List<Object> sort = List.of();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "_index" -> index = value == JsonToken.VALUE_STRING ? decoder.text(p) : null;
        case "_id" -> id = p.getValueAsString();
        case "_source" -> {
          if (value == JsonToken.START_OBJECT) {
            try {
              span = decoder.decode(p, sink.traceId(item));
            } catch (IllegalArgumentException noTraceId) {
              span = null; // neither the document nor the search names its trace: no span
            }
          } else {
            p.skipChildren();
          }
        }
        case "sort" -> sort = sortValues(p);
        default -> p.skipChildren();
      }
    }
    sink.hit(item, index, id, span, sort);
  }

  /** The sort values of a hit; the parser is on the array's START_ARRAY. */
  static List<Object> sortValues(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      p.skipChildren();
      return List.of();
    }
    List<Object> values = new ArrayList<>(2);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      switch (t) {
        case VALUE_NUMBER_INT -> values.add(p.getLongValue());
        case VALUE_NUMBER_FLOAT -> values.add(p.getDoubleValue());
        case VALUE_STRING -> values.add(p.getText());
        case VALUE_NULL -> values.add(null);
        default -> {
          values.add(null);
          p.skipChildren();
        }
      }
    }
    return values;
  }

  private static void expect(JsonToken actual, JsonToken expected, JsonParser p)
      throws IOException {
    if (actual != expected) {
      throw new com.fasterxml.jackson.core.JsonParseException(
          p, "expected " + expected + " but found " + actual);
    }
  }
}
