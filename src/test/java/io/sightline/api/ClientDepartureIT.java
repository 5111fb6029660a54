package io.sightline.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.testing.LoadedSightline;
import io.sightline.testing.SightlineProcess;
import io.sightline.testing.search.IndexPrefix;
import io.sightline.testing.search.SearchServer;
import io.sightline.testing.search.SearchServerTest;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, "never hang": a client that goes away while its request waits on Elasticsearch cancels
 * the request's Elasticsearch exchange at once, and with it the storage slot and budget it holds —
 * not at {@code ES_TIMEOUT}. Elasticsearch is stopped with {@code SIGSTOP} so that the fetch waits
 * (the timeout is a minute); the admin port's storage timer shows the read ending, as {@code
 * cancelled}, right after the client closed its connection.
 */
@SearchServerTest(oneServer = true)
class ClientDepartureIT {

  private static final String CANCELLED_READS = "sightline_storage_requests_seconds_count";

  private final SearchServer server;

  ClientDepartureIT(SearchServer server) {
    this.server = server;
  }

  @Test
  void aClientThatGoesAwayCancelsItsElasticsearchReadAtOnce(IndexPrefix prefix, @TempDir Path dir)
      throws Exception {
    Assumptions.assumeTrue(server.pid().isPresent(), "needs a local server it can stop");
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux's /proc");
    long pid = server.pid().getAsLong();
    LoadedSightline.Loaded loaded =
        LoadedSightline.load(server, prefix, 9, 200, Duration.ofHours(2));
    String traceId = loaded.traces().get(0).traceId().toString();
    Map<String, String> env = loaded.environment();
    env.put("ES_TIMEOUT", "60s");
    Path log = Files.createFile(dir.resolve("sightline.log"));
    try (SightlineProcess sightline = SightlineProcess.start(env, List.of(), log)) {
      sightline.awaitAdmin("/", Duration.ofMinutes(2));
      assertThat(sightline.get("/api/traces/" + traceId).statusCode()).isEqualTo(200);
      assertThat(cancelledReads(sightline)).isZero();

      StalledStorageIT.signal("STOP", pid);
      try {
        Duration freed;
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), sightline.uiPort())) {
          OutputStream out = client.getOutputStream();
          out.write(
              ("GET /api/traces/" + traceId + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          // The fetch waits on the stopped store, and keeps waiting while the client does.
          Thread.sleep(2_000);
          assertThat(cancelledReads(sightline)).as("while the client waits").isZero();
          assertThat(client.getInputStream().available()).as("no answer yet").isZero();
        } // the client goes away
        long gone = System.nanoTime();
        while (cancelledReads(sightline) == 0
            && System.nanoTime() - gone < TimeUnit.SECONDS.toNanos(30)) {
          Thread.sleep(20);
        }
        freed = Duration.ofNanos(System.nanoTime() - gone);
        assertThat(cancelledReads(sightline)).as("reads ended as cancelled").isEqualTo(1);
        System.out.printf(
            "[ClientDepartureIT] the Elasticsearch read ended %d ms after the client left"
                + " (ES_TIMEOUT 60 s)%n",
            freed.toMillis());
        assertThat(freed).isLessThan(Duration.ofSeconds(1));
      } finally {
        StalledStorageIT.signal("CONT", pid);
      }

      // Nothing left behind: the next fetch works, and nothing was logged as an error.
      assertThat(sightline.get("/api/traces/" + traceId).statusCode()).isEqualTo(200);
      assertThat(sightline.output()).doesNotContain(" ERROR ").doesNotContain("\tat ");
    }
  }

  /** The storage reads that ended because their client went away, from the admin port. */
  private static long cancelledReads(SightlineProcess sightline) throws Exception {
    long count = 0;
    for (String line : sightline.admin("/metrics").body().lines().toList()) {
      if (line.startsWith(CANCELLED_READS) && line.contains("outcome=\"cancelled\"")) {
        count += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return count;
  }
}
