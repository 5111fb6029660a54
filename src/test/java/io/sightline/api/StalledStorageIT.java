package io.sightline.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.testing.LoadedSightline;
import io.sightline.testing.SightlineProcess;
import io.sightline.testing.search.IndexPrefix;
import io.sightline.testing.search.SearchServer;
import io.sightline.testing.search.SearchServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 12, "never hang": Elasticsearch stopped with {@code SIGSTOP} (it keeps its connections open
 * and answers nothing) while many requests need it. With {@code ES_TIMEOUT=3s} every request that
 * needs the store ends with a 503 within its deadline; static files, the admin port and cached
 * names keep answering at once; after {@code SIGCONT} everything works without a restart.
 */
@SearchServerTest(oneServer = true)
class StalledStorageIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration ES_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration MAX_WAIT = Duration.ofSeconds(2);

  /**
   * The longest a request needing the store may take while it is stalled: the page asks the store
   * twice at most (names, then the search), each bounded by the timeout, plus a wait for a slot.
   */
  private static final Duration DEADLINE = ES_TIMEOUT.multipliedBy(2).plus(MAX_WAIT).plusSeconds(2);

  /** Answers that need no storage, on a busy 2-core CI machine. */
  private static final Duration QUICK = Duration.ofMillis(1500);

  /** Jaeger's health document waits for the store's check at most 2 s (its default). */
  private static final Duration HEALTH = QUICK.plusSeconds(2);

  private final SearchServer server;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newCachedThreadPool())
          .build();

  StalledStorageIT(SearchServer server) {
    this.server = server;
  }

  @Test
  void aStalledStoreGets503sInTimeAndTheRestKeepsAnswering(IndexPrefix prefix, @TempDir Path dir)
      throws Exception {
    Assumptions.assumeTrue(server.pid().isPresent(), "needs a local server it can stop");
    long pid = server.pid().getAsLong();
    LoadedSightline.Loaded loaded =
        LoadedSightline.load(server, prefix, 5, 400, Duration.ofSeconds(4_320));
    Instant now = loaded.now();
    Map<String, String> env = loaded.environment();

    env.put("ES_TIMEOUT", ES_TIMEOUT.toSeconds() + "s");
    env.put("SIGHTLINE_READ_MAX_WAIT", MAX_WAIT.toSeconds() + "s");
    env.put("SIGHTLINE_STORAGE_CONCURRENCY", "8");
    Path log = Files.createFile(dir.resolve("sightline.log"));
    try (SightlineProcess sightline = SightlineProcess.start(env, List.of(), log)) {
      sightline.awaitAdmin("/", Duration.ofMinutes(2));
      String base = "http://127.0.0.1:" + sightline.uiPort();
      long start = (now.toEpochMilli() - Duration.ofHours(2).toMillis()) * 1000;
      String window = "&start=" + start + "&end=" + (now.toEpochMilli() + 60_000) * 1000;
      HttpResponse<String> found = send(base + "/api/traces?service=web-frontend&limit=5" + window);
      assertThat(found.statusCode()).isEqualTo(200);
      String traceId = JSON.readTree(found.body()).path("data").path(0).path("traceID").asString();
      assertThat(traceId).isNotEmpty();
      // Names now cached; the page and the stylesheet served once (templates compiled).
      for (String warm : List.of("/api/services", "/search", "/css/base.css")) {
        assertThat(send(base + warm).statusCode()).as(warm).isEqualTo(200);
      }

      List<String> storageUrls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        storageUrls.add(base + "/api/traces?service=web-frontend&limit=" + (20 + i) + window);
        storageUrls.add(base + "/api/traces/" + traceId);
        storageUrls.add(base + "/search?service=web-frontend&limit=" + (20 + i) + window);
        storageUrls.add(
            base
                + "/api/dependencies?endTs="
                + now.toEpochMilli()
                + "&lookback="
                + (86_400_000 + i));
      }
      ExecutorService clients = Executors.newFixedThreadPool(storageUrls.size());
      signal("STOP", pid);
      try {
        List<Future<Timed>> pending = new ArrayList<>();
        for (String url : storageUrls) {
          pending.add(clients.submit(() -> timed(url)));
        }
        Thread.sleep(500); // the requests are all waiting for the store now

        // Meanwhile: static files, the admin port and cached names answer at once.
        for (String quick :
            List.of(base + "/css/base.css", base + "/api/services", base + "/search")) {
          Timed t = timed(quick);
          assertThat(t.status()).as(quick).isEqualTo(200);
          assertThat(t.elapsed()).as(quick).isLessThan(QUICK);
        }
        // The admin port: alive, and Jaeger's health document says the store is not available.
        long t0 = System.nanoTime();
        assertThat(sightline.admin("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(QUICK);
        awaitAdmin(sightline, 503, Duration.ofSeconds(20));

        Duration slowest = Duration.ZERO;
        for (Future<Timed> f : pending) {
          Timed t = f.get(DEADLINE.toSeconds() + 30, TimeUnit.SECONDS);
          assertThat(t.status()).as(t.url() + ": " + head(t.body())).isEqualTo(503);
          assertThat(t.body()).as(t.url()).doesNotContain("Exception").doesNotContain("\tat ");
          assertThat(t.elapsed()).as(t.url()).isLessThanOrEqualTo(DEADLINE);
          slowest = t.elapsed().compareTo(slowest) > 0 ? t.elapsed() : slowest;
        }
        System.out.printf(
            "[StalledStorageIT] %d requests while the store was stopped: all 503, slowest %d ms"
                + " (deadline %d ms)%n",
            pending.size(), slowest.toMillis(), DEADLINE.toMillis());
      } finally {
        signal("CONT", pid);
        clients.shutdownNow();
      }

      // Resumed: the same requests work again, no restart.
      awaitAdmin(sightline, 200, Duration.ofSeconds(30));
      HttpResponse<String> again = send(base + "/api/traces/" + traceId);
      assertThat(again.statusCode()).as(head(again.body())).isEqualTo(200);
      JsonNode data = JSON.readTree(again.body()).path("data");
      assertThat(data.path(0).path("traceID").asString()).isEqualTo(traceId);
      assertThat(send(base + "/search?service=web-frontend&limit=5" + window).statusCode())
          .isEqualTo(200);
      assertThat(sightline.isAlive()).isTrue();
      assertThat(sightline.output()).doesNotContain("OutOfMemoryError");
    }
  }

  /**
   * Waits until Jaeger's health document on the admin port has this status; each answer is quick.
   */
  private static void awaitAdmin(SightlineProcess sightline, int status, Duration within)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    int last;
    do {
      long t0 = System.nanoTime();
      last = sightline.admin("/").statusCode();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("admin /").isLessThan(HEALTH);
      if (last == status) {
        return;
      }
      Thread.sleep(250);
    } while (System.nanoTime() - deadline < 0);
    assertThat(last).as("admin / after " + within).isEqualTo(status);
  }

  /** Sends the signal to the process (e.g. STOP, CONT). */
  static void signal(String signal, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -" + signal + " " + pid).isZero();
  }

  private Timed timed(String url) throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<String> r = send(url);
    return new Timed(url, r.statusCode(), r.body(), Duration.ofNanos(System.nanoTime() - t0));
  }

  private HttpResponse<String> send(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String head(String body) {
    return body.length() > 300 ? body.substring(0, 300) : body;
  }

  private record Timed(String url, int status, String body, Duration elapsed) {}
}
