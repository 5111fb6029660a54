package io.sightline.storage.elasticsearch.document;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One (service, operation) pair in a {@code jaeger-service-*} index. There is no span kind.
 *
 * @param serviceName the service
 * @param operationName the operation
 */
@JsonPropertyOrder({"serviceName", "operationName"})
public record ServiceDocument(String serviceName, String operationName) {

  /**
   * The document ID Jaeger gives this pair: FNV-1a 64 over the UTF-8 bytes of the service name
   * followed by the operation name, as lower-case hex without padding.
   */
  public String documentId() {
    long hash = 0xcbf29ce484222325L;
    for (byte b : (serviceName + operationName).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return Long.toHexString(hash);
  }
}
