package io.sightline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The benchmark's HTTP client: the JDK's {@link HttpClient} (HTTP/1.1, connections kept alive and
 * pooled, one per concurrent client). Response bodies are drained into a scratch buffer and only
 * counted, so the load generator parses nothing while it measures.
 */
final class Http {

  static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private static final ThreadLocal<byte[]> SCRATCH =
      ThreadLocal.withInitial(() -> new byte[1 << 16]);

  private Http() {}

  static HttpClient client() {
    return CLIENT;
  }

  /** A GET that must answer 200; returns the body's size in bytes. */
  static Operation get(URI uri) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
    return () -> send(request);
  }

  /** Sends the request and drains the body; throws unless the status is 2xx. */
  static long send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
    long bytes = 0;
    try (InputStream in = response.body()) {
      byte[] buffer = SCRATCH.get();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        bytes += n;
      }
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          request.method() + " " + request.uri() + " answered " + response.statusCode());
    }
    return bytes;
  }

  /** A GET whose body is wanted (setup and validation, never measured). */
  static String getString(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          "GET " + uri + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
    }
    return response.body();
  }

  /** The status of a GET, or -1 when nothing answers. */
  static int status(URI uri) {
    try {
      return CLIENT
          .send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** A POST of a body (setup: feeding Zipkin, refreshing indices); returns the response body. */
  static String post(URI uri, String contentType, byte[] body)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          "POST "
              + uri
              + " answered "
              + response.statusCode()
              + ": "
              + abbreviate(response.body()));
    }
    return response.body();
  }

  static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "…";
  }
}
