package io.sightline.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.demo.DemoProfile;
import io.sightline.demo.DemoTraceGenerator;
import io.sightline.testing.LoadedSightline;
import io.sightline.testing.SightlineProcess;
import io.sightline.testing.search.IndexPrefix;
import io.sightline.testing.search.SearchServer;
import io.sightline.testing.search.SearchServerTest;
import io.sightline.trace.Trace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 12, the packaged jar with a small heap. Big reads at once ({@code -Xmx192m}, a read budget
 * of 32,768 spans from its heap: a 10,000-span trace fetched by 8 clients at once beside
 * 1,500-trace searches): never an {@code OutOfMemoryError}, every answer whole or a 503 with {@code
 * Retry-After}, names answered meanwhile, and healthy afterwards. One search far larger than the
 * budget: streamed whole.
 */
@SearchServerTest(oneServer = true)
class AdmissionIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int LARGE = 10_000;
  private static final int FETCHERS = 8;
  private static final int SEARCHERS = 3;
  private static final int ROUNDS = 3;

  /** The loaded traces' window: 0.1 days before now. */
  private static final Duration WINDOW = Duration.ofSeconds(8_640);

  private final SearchServer server;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  AdmissionIT(SearchServer server) {
    this.server = server;
  }

  @Test
  void aSmallHeapAnswersConcurrentBigReadsOrSaysBusy(IndexPrefix prefix, @TempDir Path dir)
      throws Exception {
    LoadedSightline.Loaded loaded =
        LoadedSightline.load(
            server, prefix, 12, 6_000, WINDOW, "--large-trace", Integer.toString(LARGE));
    Instant now = loaded.now();
    Map<String, String> env = loaded.environment();
    List<Trace> generated = loaded.traces();
    Trace large =
        new DemoTraceGenerator(12, Clock.fixed(now, ZoneOffset.UTC), DemoProfile.SHOP)
            .generateLargeTrace(LARGE);
    Map<String, Integer> spansPerTrace = new HashMap<>();
    generated.forEach(t -> spansPerTrace.put(t.traceId().toString(), t.spans().size()));
    spansPerTrace.put(large.traceId().toString(), LARGE);

    env.put("SIGHTLINE_READ_MAX_WAIT", "4s");
    Path log = Files.createFile(dir.resolve("sightline.log"));
    try (SightlineProcess sightline = SightlineProcess.start(env, List.of("-Xmx192m"), log)) {
      sightline.awaitAdmin("/", Duration.ofMinutes(2));
      assertThat(sightline.awaitLine("Read budget: ", Duration.ofSeconds(5)))
          .contains("Read budget: 32768 spans");
      String base = "http://127.0.0.1:" + sightline.uiPort();
      String fetch = base + "/api/traces/" + large.traceId();
      long start = (now.toEpochMilli() - Duration.ofHours(3).toMillis()) * 1000;
      String search =
          base
              + "/api/traces?service=web-frontend&limit=1500&start="
              + start
              + "&end="
              + (now.toEpochMilli() + 60_000) * 1000;

      List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
      List<Long> namesMillis = Collections.synchronizedList(new ArrayList<>());
      List<Integer> namesStatus = Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean loadRunning = new AtomicBoolean(true);
      ExecutorService clients = Executors.newFixedThreadPool(FETCHERS + SEARCHERS + 1);
      try {
        Future<?> names =
            clients.submit(
                () -> {
                  while (loadRunning.get()) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = send(base + "/api/services");
                    namesMillis.add((System.nanoTime() - t0) / 1_000_000);
                    namesStatus.add(r.statusCode());
                    Thread.sleep(100);
                  }
                  return null;
                });
        List<Future<?>> load0 = new ArrayList<>();
        for (int c = 0; c < FETCHERS + SEARCHERS; c++) {
          String url = c < FETCHERS ? fetch : search;
          load0.add(
              clients.submit(
                  () -> {
                    for (int round = 0; round < ROUNDS; round++) {
                      outcomes.add(new Outcome(url, send(url)));
                    }
                    return null;
                  }));
        }
        for (Future<?> f : load0) {
          f.get(3, TimeUnit.MINUTES);
        }
        loadRunning.set(false);
        names.get(30, TimeUnit.SECONDS);
      } finally {
        clients.shutdownNow();
      }

      int fetched = 0;
      int searched = 0;
      int busy = 0;
      for (Outcome outcome : outcomes) {
        HttpResponse<String> r = outcome.response();
        assertThat(r.statusCode()).as(outcome.url() + ": " + head(r.body())).isIn(200, 503);
        if (r.statusCode() == 503) {
          busy++;
          assertThat(r.headers().firstValue("Retry-After")).isPresent();
          JsonNode error = JSON.readTree(r.body());
          assertThat(error.path("data").isNull()).isTrue();
          assertThat(error.path("errors").path(0).path("code").asInt()).isEqualTo(503);
          assertThat(error.path("errors").path(0).path("msg").asString()).contains("busy");
          continue;
        }
        JsonNode data = JSON.readTree(r.body()).path("data");
        assertThat(data.size()).as(outcome.url()).isPositive();
        for (JsonNode trace : data) {
          String id = trace.path("traceID").asString();
          assertThat(trace.path("spans").size())
              .as("spans of " + id)
              .isEqualTo(spansPerTrace.get(id));
        }
        if (outcome.url().equals(fetch)) {
          fetched++;
        } else {
          searched++;
        }
      }
      System.out.printf(
          "[AdmissionIT] %d answers: %d whole fetches of %,d spans, %d searches, %d busy;"
              + " /api/services %d calls, max %d ms%n",
          outcomes.size(),
          fetched,
          LARGE,
          searched,
          busy,
          namesMillis.size(),
          namesMillis.stream().mapToLong(Long::longValue).max().orElse(-1));
      assertThat(outcomes).hasSize((FETCHERS + SEARCHERS) * ROUNDS);
      assertThat(fetched).as("whole fetches of the large trace").isPositive();
      assertThat(searched).as("whole searches").isPositive();
      assertThat(namesStatus).isNotEmpty().containsOnly(200);
      assertThat(sightline.output()).doesNotContain("OutOfMemoryError");
      assertThat(sightline.isAlive()).isTrue();

      // Healthy afterwards, nothing held: the whole budget is free again for one big read.
      assertThat(sightline.admin("/").statusCode()).isEqualTo(200);
      HttpResponse<String> after = send(fetch);
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(after.body()).path("data").path(0).path("spans").size())
          .isEqualTo(LARGE);
    }
  }

  /**
   * A search answer far larger than the whole read budget (over 4,000 spans against a budget of
   * 1,500) is streamed whole, batch by batch, by the JSON API, API v3 and the search page; before
   * streaming it was refused as too large for the server's memory.
   */
  @Test
  void aSearchLargerThanTheBudgetIsStreamedWhole(IndexPrefix prefix, @TempDir Path dir)
      throws Exception {
    LoadedSightline.Loaded loaded = LoadedSightline.load(server, prefix, 13, 5_000, WINDOW);
    Instant now = loaded.now();
    Map<String, String> env = loaded.environment();
    Map<String, Integer> spansPerTrace = new HashMap<>();
    loaded.traces().forEach(t -> spansPerTrace.put(t.traceId().toString(), t.spans().size()));

    env.put("SIGHTLINE_READ_BUDGET_SPANS", "1500");
    Path log = Files.createFile(dir.resolve("sightline.log"));
    try (SightlineProcess sightline = SightlineProcess.start(env, List.of("-Xmx256m"), log)) {
      sightline.awaitAdmin("/", Duration.ofMinutes(2));
      String base = "http://127.0.0.1:" + sightline.uiPort();
      long start = (now.toEpochMilli() - Duration.ofHours(3).toMillis()) * 1000;
      long end = (now.toEpochMilli() + 60_000) * 1000;
      String window = "limit=1500&start=" + start + "&end=" + end;

      HttpResponse<String> api = send(base + "/api/traces?service=web-frontend&" + window);
      assertThat(api.statusCode()).as(head(api.body())).isEqualTo(200);
      JsonNode data = JSON.readTree(api.body()).path("data");
      int spans = 0;
      for (JsonNode trace : data) {
        String id = trace.path("traceID").asString();
        assertThat(trace.path("spans").size())
            .as("spans of " + id)
            .isEqualTo(spansPerTrace.get(id));
        spans += trace.path("spans").size();
      }
      System.out.printf(
          "[AdmissionIT] one search: %d traces, %,d spans, read budget 1,500 spans%n",
          data.size(), spans);
      assertThat(spans).as("spans in one answer").isGreaterThan(2 * 1500);

      HttpResponse<String> v3 =
          send(
              base
                  + "/api/v3/traces?query.service_name=web-frontend&query.num_traces=1500"
                  + "&query.start_time_min="
                  + Instant.ofEpochMilli(start / 1000)
                  + "&query.start_time_max="
                  + Instant.ofEpochMilli(end / 1000));
      assertThat(v3.statusCode()).as(head(v3.body())).isEqualTo(200);
      int v3Spans = 0;
      for (JsonNode resource : JSON.readTree(v3.body()).path("result").path("resourceSpans")) {
        for (JsonNode scope : resource.path("scopeSpans")) {
          v3Spans += scope.path("spans").size();
        }
      }
      assertThat(v3Spans).isEqualTo(spans);

      HttpResponse<String> page = send(base + "/search?service=web-frontend&" + window);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains(data.size() + " traces matched");
      assertThat(sightline.output()).doesNotContain("OutOfMemoryError");
    }
  }

  private HttpResponse<String> send(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String head(String body) {
    return body.length() > 300 ? body.substring(0, 300) : body;
  }

  private record Outcome(String url, HttpResponse<String> response) {}
}
