package io.sightline.storage.elasticsearch.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.storage.elasticsearch.ElasticsearchProperties;
import io.sightline.storage.elasticsearch.EsClientFactory;
import io.sightline.trace.StorageException;
import io.sightline.trace.StorageException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Connections that Elasticsearch (or a proxy) closes: a pooled connection closed without an answer
 * is retried once for reads, and only a server that never answered is suspected of wanting https.
 */
class EsClientFaultTest {

  private static final String OK =
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";

  /**
   * A raw HTTP server: on its first connection it answers {@code answeredOnFirst} requests (keeping
   * the connection open), then reads one more request and closes the connection without answering;
   * every later connection is answered normally.
   */
  private static final class ClosingServer implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0);
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    final Thread thread;

    ClosingServer(int answeredOnFirst) throws IOException {
      thread =
          new Thread(
              () -> {
                try {
                  while (!socket.isClosed()) {
                    Socket connection = socket.accept();
                    int number = connections.incrementAndGet();
                    daemon(() -> serve(connection, number, answeredOnFirst));
                  }
                } catch (IOException closed) {
                  // done
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    private void serve(Socket connection, int number, int answeredOnFirst) {
      try (connection) {
        InputStream in = connection.getInputStream();
        OutputStream out = connection.getOutputStream();
        for (int served = 0; ; served++) {
          if (!readRequest(in)) {
            return;
          }
          requests.incrementAndGet();
          if (number == 1 && served >= answeredOnFirst) {
            return; // closed without an answer
          }
          out.write(OK.getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      } catch (IOException e) {
        // the client went away
      }
    }

    /** Reads one request (headers and a Content-Length body); false at the end of the stream. */
    private static boolean readRequest(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        head.write(b);
        String text = head.toString(StandardCharsets.US_ASCII);
        if (text.endsWith("\r\n\r\n")) {
          int length = 0;
          for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
              length = Integer.parseInt(line.substring(15).trim());
            }
          }
          in.readNBytes(length);
          return true;
        }
      }
      return false;
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** A search whose answer is read to the end, so that its connection goes back to the pool. */
  private static void search(EsClient client) {
    try (EsResponse response = client.search(List.of("a"), Map.of(), Map.of())) {
      assertThat(response.tree().isObject()).isTrue();
    }
  }

  private static EsClient client(String url) {
    return EsClientFactory.create(ElasticsearchProperties.Connection.of(List.of(url)));
  }

  @Test
  void aSearchOnAPooledConnectionClosedWithoutAnswerIsRetriedOnce() throws IOException {
    try (ClosingServer server = new ClosingServer(1)) {
      EsClient client = client(server.url());
      search(client);
      // The pooled connection is closed under the second search: sent again, answered.
      search(client);
      assertThat(server.requests.get()).isEqualTo(3);
      assertThat(server.connections.get()).isEqualTo(2);
    }
  }

  @Test
  void writesAreNotRetriedAndAServerThatAnsweredBeforeIsNotSaidToWantHttps() throws IOException {
    try (ClosingServer server = new ClosingServer(1)) {
      EsClient client = client(server.url());
      search(client);
      assertThatThrownBy(() -> client.putTemplate("t", Map.of()))
          .isInstanceOfSatisfying(
              StorageException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
                assertThat(e.publicMessage())
                    .isEqualTo("the connection to the trace storage failed")
                    .doesNotContain(server.url());
              })
          .hasMessageContaining(server.url())
          .hasMessageNotContaining("https");
      assertThat(server.requests.get()).isEqualTo(2);
    }
  }

  @Test
  void aServerThatNeverAnsweredAndClosesTwiceMayExpectHttps() throws IOException {
    try (ClosingServer server = new ClosingServer(0)) {
      // First connection: closed without an answer; the retry's connection is answered.
      client(server.url()).search(List.of("a"), Map.of(), Map.of()).close();
    }
    try (ServerSocket silent = new ServerSocket(0)) {
      Thread closer =
          daemon(
              () -> {
                try {
                  while (true) {
                    try (Socket s = silent.accept()) {
                      ClosingServer.readRequest(s.getInputStream());
                    }
                  }
                } catch (IOException e) {
                  // closed
                }
              });
      String url = "http://127.0.0.1:" + silent.getLocalPort();
      assertThatThrownBy(() -> client(url).search(List.of("a"), Map.of(), Map.of()))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("does it expect https://?");
      closer.interrupt();
    }
  }
}
