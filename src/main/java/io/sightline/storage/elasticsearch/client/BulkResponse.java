package io.sightline.storage.elasticsearch.client;

import java.util.List;

/**
 * The outcome of a {@code _bulk} request: one item per operation, in order. The request as a whole
 * succeeded; items can still have failed.
 *
 * @param items per-operation results
 */
public record BulkResponse(List<Item> items) {

  public BulkResponse {
    items = List.copyOf(items);
  }

  /**
   * The result of one operation.
   *
   * @param action {@code index}, {@code create} or {@code delete}
   * @param index the index the item went to
   * @param id the document id
   * @param status the item's HTTP status
   * @param error the readable error of a failed item (see {@link EsErrors#reason}), or null
   */
  public record Item(String action, String index, String id, int status, String error) {

    public boolean failed() {
      return error != null || status >= 300;
    }
  }

  /** Whether any item failed. */
  public boolean hasFailures() {
    return items.stream().anyMatch(Item::failed);
  }

  /** The failed items. */
  public List<Item> failures() {
    return items.stream().filter(Item::failed).toList();
  }
}
