package io.sightline.bench;

import co.elastic.clients.transport.rest5_client.low_level.Cancellable;
import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseListener;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.client.EsResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Whether each transport can abandon a large read part way and go on: Sightline's closes the
 * streamed body after its first 16 KB; the low-level client cancels its asynchronous request once
 * the request is under way (its default consumer only hands the body over when all of it has
 * arrived, so "after 16 KB" cannot be expressed there).
 */
final class TransportCancel {

  private TransportCancel() {}

  static String probe(String id, EsClient jdk, Rest5Client rest, String path, String body) {
    return String.format(
        Locale.ROOT,
        "- %s, JDK HttpClient: %s\n- %s, rest5-client: %s\n",
        id,
        jdk(jdk, path, body),
        id,
        rest(rest, path, body));
  }

  private static String jdk(EsClient client, String path, String body) {
    try {
      long start = System.nanoTime();
      EsResponse response = client.execute("POST", path, Map.of(), TransportData.bytes(body));
      InputStream in = response.body();
      byte[] buffer = new byte[16 * 1024];
      int read = in.readNBytes(buffer, 0, buffer.length);
      long beforeClose = System.nanoTime();
      response.close();
      long closed = System.nanoTime();
      client.clusterHealth();
      return String.format(
          Locale.ROOT,
          "body closed after %,d bytes, %.1f ms into the request; close() took %.1f ms; the next"
              + " request on the client succeeded",
          read,
          (beforeClose - start) / 1e6,
          (closed - beforeClose) / 1e6);
    } catch (IOException | RuntimeException e) {
      return "failed: " + e;
    }
  }

  private static String rest(Rest5Client client, String path, String body) {
    Request request = new Request("POST", path);
    request.setJsonEntity(body);
    CompletableFuture<String> outcome = new CompletableFuture<>();
    long start = System.nanoTime();
    Cancellable cancellable =
        client.performRequestAsync(
            request,
            new ResponseListener() {
              @Override
              public void onSuccess(Response response) {
                outcome.complete("completed before the cancel took effect");
              }

              @Override
              public void onFailure(Exception exception) {
                outcome.complete("ended with " + exception.getClass().getSimpleName());
              }
            });
    try {
      Thread.sleep(5);
      long cancelAt = System.nanoTime();
      cancellable.cancel();
      String result = outcome.get(10, TimeUnit.SECONDS);
      long ended = System.nanoTime();
      Request next = new Request("GET", "/_cluster/health");
      int status = client.performRequest(next).getStatusCode();
      return String.format(
          Locale.ROOT,
          "cancel() %.1f ms into the request: %s %.1f ms later; the next request answered %d",
          (cancelAt - start) / 1e6,
          result,
          (ended - cancelAt) / 1e6,
          status);
    } catch (Exception e) {
      return "failed: " + e;
    }
  }
}
