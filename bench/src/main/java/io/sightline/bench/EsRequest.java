package io.sightline.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * One request Sightline sent to Elasticsearch, as the recording proxy saw it: method, path with
 * query, the headers that shape the answer, and the body.
 *
 * @param acceptEncoding e.g. {@code gzip}: Elasticsearch then compresses, and the raw replay
 *     receives the same compressed bytes Sightline did
 */
record EsRequest(
    String method,
    String pathAndQuery,
    String contentType,
    String accept,
    String acceptEncoding,
    byte[] body) {

  /** The same request, to be sent directly to {@code elasticsearch}. */
  HttpRequest toHttpRequest(URI elasticsearch) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(elasticsearch + pathAndQuery))
            .timeout(Http.REQUEST_TIMEOUT);
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    if (accept != null) {
      builder.header("Accept", accept);
    }
    if (acceptEncoding != null) {
      builder.header("Accept-Encoding", acceptEncoding);
    }
    HttpRequest.BodyPublisher publisher =
        body.length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body);
    return builder.method(method, publisher).build();
  }

  /** For the report: {@code POST /_msearch (12,345 bytes)}. */
  String describe() {
    String path = pathAndQuery.length() > 120 ? pathAndQuery.substring(0, 120) + "…" : pathAndQuery;
    return method + " " + path + (body.length == 0 ? "" : String.format(" (%,d B)", body.length));
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
