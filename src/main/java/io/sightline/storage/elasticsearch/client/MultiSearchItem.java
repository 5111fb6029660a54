package io.sightline.storage.elasticsearch.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One search of an {@code _msearch} request: its header line and its body line.
 *
 * @param header the header object, e.g. {@code {"index":"a,b","ignore_unavailable":true}}
 * @param body the search body (anything Jackson serialises, or a {@code byte[]} of JSON)
 */
public record MultiSearchItem(Object header, Object body) {

  /** A search of these indices with {@code ignore_unavailable: true}, as Jaeger sends it. */
  public static MultiSearchItem of(List<String> indices, Object body) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("index", String.join(",", EsPaths.checkIndices(indices)));
    header.put("ignore_unavailable", true);
    return new MultiSearchItem(header, body);
  }
}
