package io.sightline.storage.elasticsearch.client;

/**
 * One action of a {@code _bulk} request.
 *
 * @param action {@code index}, {@code create} or {@code delete}
 * @param index the target index
 * @param id the document id, or null to let Elasticsearch choose (not for {@code delete})
 * @param document the document (anything Jackson serialises, or a {@code byte[]} of JSON); null for
 *     {@code delete}
 */
public record BulkOperation(String action, String index, String id, Object document) {

  public BulkOperation {
    if (!action.equals("index") && !action.equals("create") && !action.equals("delete")) {
      throw new IllegalArgumentException("bulk action must be index, create or delete: " + action);
    }
    EsPaths.checkIndex(index);
    if (action.equals("delete") ? id == null : document == null) {
      throw new IllegalArgumentException(
          action.equals("delete") ? "delete needs an id" : action + " needs a document");
    }
  }

  /** Indexes (creates or replaces) a document. */
  public static BulkOperation index(String index, String id, Object document) {
    return new BulkOperation("index", index, id, document);
  }

  /** Creates a document; fails (per item) if the id exists. */
  public static BulkOperation create(String index, String id, Object document) {
    return new BulkOperation("create", index, id, document);
  }

  /** Deletes a document by id. */
  public static BulkOperation delete(String index, String id) {
    return new BulkOperation("delete", index, id, null);
  }
}
