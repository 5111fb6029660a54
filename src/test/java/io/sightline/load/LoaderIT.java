package io.sightline.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.demo.DemoProfile;
import io.sightline.demo.DemoTraceGenerator;
import io.sightline.format.jaeger.JaegerModelJson;
import io.sightline.format.jaeger.JaegerUiJson;
import io.sightline.format.otlp.OtlpJson;
import io.sightline.http.json.UiTraceJson;
import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.client.EsPaths;
import io.sightline.testing.Fixtures;
import io.sightline.testing.LoadedSightline;
import io.sightline.testing.PackagedJar;
import io.sightline.testing.PackagedJar.Result;
import io.sightline.testing.search.IndexPrefix;
import io.sightline.testing.search.SearchServer;
import io.sightline.testing.search.SearchServerTest;
import io.sightline.trace.DependencyLinker;
import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The loader as users run it — {@code java -jar target/sightline-*.jar load …}, a separate process
 * — against a real server, and the loaded data read back through the packaged server's API:
 * services, searches, whole traces (exact span counts) and the per-day dependencies documents.
 */
@SearchServerTest
class LoaderIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
  private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(5);
  private static final String FIXTURE_TRACES = "internal/storage/integration/fixtures/traces";

  /** The fixture files' era: test files made here are dated there too, so one shift moves all. */
  private static final Instant FIXTURE_ERA = Instant.parse("2017-01-26T12:00:00Z");

  private final SearchServer server;

  LoaderIT(SearchServer server) {
    this.server = server;
  }

  @Test
  void loadsGeneratedTracesAndEveryFileFormatAndTheServerReadsThemBack(
      IndexPrefix prefix, @TempDir Path dir) throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    // The files: Jaeger UI JSON, OTLP JSON lines (each trace split over two lines), and Jaeger's
    // own model-JSON fixtures.
    Path files = Files.createDirectory(dir.resolve("files"));
    List<Trace> uiTraces =
        new DemoTraceGenerator(11, Clock.fixed(FIXTURE_ERA, ZoneOffset.UTC), DemoProfile.STOREFRONT)
            .traces(25, Duration.ofHours(2))
            .toList();
    writeUiJson(files.resolve("downloaded.json"), uiTraces);
    List<Trace> otlpSource =
        new DemoTraceGenerator(12, Clock.fixed(FIXTURE_ERA, ZoneOffset.UTC))
            .traces(15, Duration.ofHours(2))
            .toList();
    writeOtlpLines(files.resolve("exported.jsonl"), otlpSource);
    Path fixtures = Fixtures.path(Fixtures.JAEGER_V1_76, FIXTURE_TRACES);

    // What the loader should write, computed here with the readers' own entry points.
    List<Trace> fileTraces = new ArrayList<>();
    fileTraces.addAll(JaegerUiJson.readTraces(files.resolve("downloaded.json")));
    fileTraces.addAll(OtlpJson.readTraces(files.resolve("exported.jsonl")));
    try (Stream<Path> list = Files.list(fixtures)) {
      for (Path fixture : list.sorted().toList()) {
        fileTraces.add(JaegerModelJson.readTrace(fixture));
      }
    }
    long newestEnd =
        fileTraces.stream()
            .flatMap(t -> t.spans().stream())
            .mapToLong(Span::endTime)
            .max()
            .orElseThrow();
    TimeShift shift = TimeShift.toNow(newestEnd, micros(now));
    fileTraces.forEach(shift::apply);
    DemoTraceGenerator generator =
        new DemoTraceGenerator(7, Clock.fixed(now, ZoneOffset.UTC), DemoProfile.SHOP);
    List<Trace> generated =
        new ArrayList<>(generator.tracesWithSpans(3_000, Duration.ofDays(2)).toList());
    generated.add(generator.generateLargeTrace(2_500));
    List<Trace> all = new ArrayList<>(generated);
    all.addAll(fileTraces);
    long expectedSpans = all.stream().mapToLong(t -> t.spans().size()).sum();

    // The loader must not start a web server: the ports it would use are taken, and it still runs.
    Result load;
    try (ServerSocket busy = new ServerSocket(0);
        ServerSocket busyAdmin = new ServerSocket(0)) {
      Map<String, String> env = target(prefix);
      env.put("SERVER_PORT", Integer.toString(busy.getLocalPort()));
      env.put("MANAGEMENT_SERVER_PORT", Integer.toString(busyAdmin.getLocalPort()));
      load =
          PackagedJar.run(
              env,
              LOAD_TIMEOUT,
              List.of(
                  "load",
                  "--generate",
                  "--spans",
                  "3000",
                  "--days",
                  "2",
                  "--seed",
                  "7",
                  "--large-trace",
                  "2500",
                  "--now",
                  now.toString(),
                  "--shift-to-now",
                  files.toString(),
                  fixtures.toString()));
    }
    assertThat(load.exitCode()).as(load.toString()).isZero();
    assertThat(load.stdout())
        .as(load.toString())
        .contains(
            String.format(
                java.util.Locale.ROOT,
                "Loaded %,d spans in %,d traces (",
                expectedSpans,
                all.size()))
        .contains("(Jaeger UI JSON): 25 traces")
        .contains("(OTLP JSON): 15 traces")
        .contains("(Jaeger model JSON): 1 trace, ")
        .contains("file traces moved by +");

    Map<String, String> serverEnv = LoadedSightline.environment(server, prefix);
    PackagedJar.Server sightline = PackagedJar.startServer(serverEnv, Duration.ofMinutes(3));
    try (sightline) {
      // Services: every service of every trace loaded.
      Set<String> expectedServices = new TreeSet<>();
      all.forEach(t -> t.spans().forEach(s -> expectedServices.add(s.process().serviceName())));
      JsonNode services = get(sightline, "/api/services");
      Set<String> names = new TreeSet<>();
      services.path("data").forEach(n -> names.add(n.asString()));
      assertThat(names).isEqualTo(expectedServices);

      // Whole traces with exact span counts: the large one, a sample of generated ones, every file
      // trace (spans of one trace ID from several files count together).
      Map<TraceId, Integer> spansPerTrace = new LinkedHashMap<>();
      all.forEach(t -> spansPerTrace.merge(t.traceId(), t.spans().size(), Integer::sum));
      List<TraceId> checked = new ArrayList<>();
      checked.add(generated.get(generated.size() - 1).traceId());
      for (int i = 0; i < generated.size() - 1; i += generated.size() / 12) {
        checked.add(generated.get(i).traceId());
      }
      fileTraces.forEach(t -> checked.add(t.traceId()));
      for (TraceId id : new TreeSet<>(checked)) {
        JsonNode trace = get(sightline, "/api/traces/" + id).path("data").path(0);
        assertThat(trace.path("spans").size())
            .as("spans of " + id)
            .isEqualTo(spansPerTrace.get(id));
      }
      assertThat(spansPerTrace.get(generated.get(generated.size() - 1).traceId())).isEqualTo(2_500);

      // Search: exactly the traces with a span of the service in the window.
      long start = micros(now.minus(Duration.ofDays(3)));
      long end = micros(now.plus(Duration.ofMinutes(1)));
      for (String service : List.of("payment-service", "example-service-2", "cart-service")) {
        Set<String> expected = new TreeSet<>();
        for (Trace trace : all) {
          if (trace.spans().stream().anyMatch(s -> s.process().serviceName().equals(service))) {
            expected.add(trace.traceId().toString());
          }
        }
        JsonNode found =
            get(
                sightline,
                "/api/traces?service="
                    + URLEncoder.encode(service, StandardCharsets.UTF_8)
                    + "&start="
                    + start
                    + "&end="
                    + end
                    + "&limit=1500");
        Set<String> ids = new TreeSet<>();
        found.path("data").forEach(t -> ids.add(t.path("traceID").asString()));
        assertThat(ids).as(service).isNotEmpty().isEqualTo(expected);
      }

      // Dependencies: the per-day documents, summed over the days.
      Map<String, Long> expectedLinks = new TreeMap<>();
      DependencyLinker.byDay(all)
          .values()
          .forEach(
              day ->
                  day.forEach(
                      l ->
                          expectedLinks.merge(
                              l.parent() + " -> " + l.child(), l.callCount(), Long::sum)));
      JsonNode dependencies =
          get(
              sightline,
              "/api/dependencies?endTs="
                  + now.plus(Duration.ofMinutes(1)).toEpochMilli()
                  + "&lookback="
                  + Duration.ofDays(4).toMillis());
      Map<String, Long> links = new TreeMap<>();
      dependencies
          .path("data")
          .forEach(
              l ->
                  links.merge(
                      l.path("parent").asString() + " -> " + l.path("child").asString(),
                      l.path("callCount").asLong(),
                      Long::sum));
      assertThat(links).isNotEmpty().isEqualTo(expectedLinks);
      assertThat(dependencyDays(prefix)).isEqualTo(DependencyLinker.byDay(all).size());

      int status = sightline.stop(Duration.ofSeconds(60));
      assertThat(status).as(sightline.output()).isIn(0, 143);
    }
  }

  @Test
  void aFailedWriteSaysExactlyWhichFilesAndSpansWereWritten(IndexPrefix prefix, @TempDir Path dir)
      throws Exception {
    // Two files on two days; the second day's span index exists but is closed, so every document
    // of it is rejected.
    List<Trace> first =
        new DemoTraceGenerator(
                21, Clock.fixed(Instant.parse("2024-03-01T12:00:00Z"), ZoneOffset.UTC))
            .traces(12, Duration.ofHours(1))
            .toList();
    List<Trace> second =
        new DemoTraceGenerator(
                22, Clock.fixed(Instant.parse("2024-03-03T12:00:00Z"), ZoneOffset.UTC))
            .traces(8, Duration.ofHours(1))
            .toList();
    Path a = dir.resolve("a-first-day.json");
    Path b = dir.resolve("b-second-day.json");
    writeUiJson(a, first);
    writeUiJson(b, second);
    long firstSpans = first.stream().mapToLong(t -> t.spans().size()).sum();

    EsClient client = server.client();
    String closed = prefix.index("jaeger-span-2024-03-03");
    client
        .execute(
            "PUT",
            EsPaths.path(closed),
            Map.of(),
            Map.of("settings", Map.of("number_of_shards", 1, "number_of_replicas", 0)))
        .close();
    client.execute("POST", EsPaths.path(closed, "_close"), Map.of(), null).close();

    Result load =
        PackagedJar.run(
            target(prefix),
            LOAD_TIMEOUT,
            List.of("load", "--bulk-size", "50", a.toString(), b.toString()));

    assertThat(load.exitCode()).as(load.toString()).isEqualTo(LoadCommand.FAILED);
    assertThat(load.stderr())
        .as(load.toString())
        .contains("error: writing spans failed: ")
        .contains(
            String.format(
                java.util.Locale.ROOT,
                "Written before the failure: %,d spans; %,d traces complete.",
                firstSpans,
                first.size()))
        .contains("  written completely: " + a)
        .containsPattern(
            Pattern.quote(b + ": partly written: 0 of ")
                + "\\d+ traces read so far complete \\(0 of [\\d,]+ spans\\)")
        .contains("Dependencies were not written.")
        .doesNotContain("\tat ");
    // What the message says is what the server holds.
    client.refresh(List.of(prefix.index("jaeger-span-2024-03-01")));
    try (var count =
        client.execute(
            "GET",
            EsPaths.path(prefix.index("jaeger-span-2024-03-01"), "_count"),
            Map.of(),
            null)) {
      assertThat(count.tree().path("count").asLong()).isEqualTo(firstSpans);
    }
  }

  @Test
  void aBadFileStopsTheLoadBeforeAnythingIsWritten(IndexPrefix prefix, @TempDir Path dir)
      throws Exception {
    Path good = dir.resolve("good.json");
    writeUiJson(
        good, new DemoTraceGenerator(3, Clock.systemUTC()).traces(5, Duration.ofHours(1)).toList());
    Path bad =
        Files.writeString(
            dir.resolve("bad.json"),
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[\n  {\"traceId\":\"not-hex\"}]}]}]}");

    Result load =
        PackagedJar.run(
            target(prefix), LOAD_TIMEOUT, List.of("load", good.toString(), bad.toString()));

    assertThat(load.exitCode()).as(load.toString()).isEqualTo(LoadCommand.BAD_INPUT);
    assertThat(load.stderr())
        .as(load.toString())
        .startsWith("error: " + bad + ": line 2, column ")
        .contains("traceId")
        .endsWith("Nothing was written.\n");
    try (var indices =
        server
            .client()
            .execute(
                "GET", "/_cat/indices/" + prefix.value() + "-*", Map.of("format", "json"), null)) {
      assertThat(indices.tree().size()).isZero();
    }
  }

  @Test
  void anUnreachableServerIsOneClearLine(IndexPrefix prefix) throws Exception {
    int port = PackagedJar.freePort();
    Map<String, String> env = target(prefix);
    env.put("ES_SERVER_URLS", "http://127.0.0.1:" + port);

    Result load =
        PackagedJar.run(env, LOAD_TIMEOUT, List.of("load", "--generate", "--spans", "100"));

    assertThat(load.exitCode()).as(load.toString()).isEqualTo(LoadCommand.UNREACHABLE);
    assertThat(load.stderr().lines().toList())
        .as(load.toString())
        .containsExactly(load.stderr().lines().findFirst().orElseThrow(), "Nothing was written.");
    assertThat(load.stderr())
        .startsWith("error: cannot use the trace storage: ")
        .contains("cannot connect to http://127.0.0.1:" + port);
    assertThat(load.stdout()).isEmpty();
  }

  /** The loader's variables: no SPAN_STORAGE_TYPE, its default (elasticsearch) is under test. */
  private Map<String, String> target(IndexPrefix prefix) {
    Map<String, String> env = new HashMap<>();
    env.put("ES_SERVER_URLS", server.url().toString());
    env.put("ES_INDEX_PREFIX", prefix.value());
    env.put("ES_NUM_SHARDS", "1");
    env.put("ES_NUM_REPLICAS", "0");
    return env;
  }

  private int dependencyDays(IndexPrefix prefix) throws IOException {
    try (var indices =
        server
            .client()
            .execute(
                "GET",
                "/_cat/indices/" + prefix.value() + "-jaeger-dependencies-*",
                Map.of("format", "json"),
                null)) {
      return indices.tree().size();
    }
  }

  private static JsonNode get(PackagedJar.Server server, String path) throws Exception {
    HttpResponse<String> response = server.get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static void writeUiJson(Path file, List<Trace> traces) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeName("data");
      g.writeStartArray();
      for (Trace trace : traces) {
        UiTraceJson.write(g, trace);
      }
      g.writeEndArray();
      g.writeNumberProperty("total", 0);
      g.writeNumberProperty("limit", 0);
      g.writeNumberProperty("offset", 0);
      g.writeNullProperty("errors");
      g.writeEndObject();
    }
    Files.writeString(file, out.toString());
  }

  /** Two TracesData lines: the first half of every trace's spans, then the rest. */
  private static void writeOtlpLines(Path file, List<Trace> traces) throws IOException {
    List<Trace> firstHalves = new ArrayList<>();
    List<Trace> secondHalves = new ArrayList<>();
    for (Trace trace : traces) {
      int half = Math.max(1, trace.spans().size() / 2);
      firstHalves.add(Trace.of(new ArrayList<>(trace.spans().subList(0, half))));
      if (half < trace.spans().size()) {
        secondHalves.add(
            Trace.of(new ArrayList<>(trace.spans().subList(half, trace.spans().size()))));
      }
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      for (List<Trace> line : List.of(firstHalves, secondHalves)) {
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
          OtlpJson.writeTracesData(g, line);
        }
        out.write('\n');
      }
    }
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }
}
