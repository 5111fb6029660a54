package io.sightline.dependencies;

import static io.sightline.trace.DependencyLinkerTest.process;
import static io.sightline.trace.DependencyLinkerTest.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sightline.demo.DemoTraceGenerator;
import io.sightline.storage.elasticsearch.ArchiveProperties;
import io.sightline.storage.elasticsearch.ElasticsearchProperties;
import io.sightline.storage.elasticsearch.ElasticsearchStorage;
import io.sightline.storage.elasticsearch.IndexProperties;
import io.sightline.storage.elasticsearch.ReadingProperties;
import io.sightline.storage.elasticsearch.TagsAsFieldsProperties;
import io.sightline.storage.elasticsearch.client.EsResponse;
import io.sightline.storage.elasticsearch.write.ElasticsearchSpanWriter.TraceIdSpelling;
import io.sightline.testing.search.IndexPrefix;
import io.sightline.testing.search.SearchServer;
import io.sightline.testing.search.SearchServerTest;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyQuery;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanReference;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@code dependencies} command against real Elasticsearch and OpenSearch: spans written as
 * Jaeger's collector writes them (nested tags and tags as fields, 64- and 128-bit trace IDs,
 * Zipkin-style shared client/server spans, peer.service leaves), the day's document read back
 * through the dependencies reader that serves {@code /api/dependencies}, compared with links
 * counted independently here.
 */
@SearchServerTest
class DependenciesJobIT {

  static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(3);
  static final Instant MIDNIGHT = DAY.atStartOfDay(ZoneOffset.UTC).toInstant();

  private final SearchServer server;

  DependenciesJobIT(SearchServer server) {
    this.server = server;
  }

  private ElasticsearchStorage storage(IndexPrefix prefix, TagsAsFieldsProperties tags) {
    ElasticsearchProperties properties =
        new ElasticsearchProperties(
            server.connection(),
            IndexProperties.defaults().withPrefix(prefix.value()).withShards(1, 0),
            ReadingProperties.defaults(),
            tags,
            ArchiveProperties.enabled(prefix.value() + "-archive", 1, 0));
    return ElasticsearchStorage.create(
        server.client(), server.client(), properties, Clock.systemUTC());
  }

  @Test
  void aDayOfCollectorSpansBecomesOneDocumentThatReRunsReplace(IndexPrefix prefix) {
    ElasticsearchStorage nested = storage(prefix, TagsAsFieldsProperties.defaults());
    ElasticsearchStorage asFields =
        storage(prefix, new TagsAsFieldsProperties(true, List.of(), "", "@"));

    // Generated shop traffic in the day's afternoon, half in each tag encoding.
    List<Trace> generated =
        new DemoTraceGenerator(7, Clock.fixed(MIDNIGHT.plusSeconds(18 * 3600), ZoneOffset.UTC))
            .defaultSet(40, Duration.ofHours(4));
    List<List<Span>> unique = new ArrayList<>();
    for (int i = 0; i < generated.size(); i++) {
      List<Span> spans = generated.get(i).spans();
      (i % 2 == 0 ? nested : asFields).spanWriter().writeSpans(spans);
      unique.add(spans);
    }
    // A 64-bit trace in Jaeger v1's spelling, two services and a database leaf.
    TraceId short64 = TraceId.parse("00000000000000000000a1b2c3d4e5f6");
    long noon = micros(MIDNIGHT.plusSeconds(12 * 3600));
    List<Span> chain =
        List.of(
            span(short64, 1, null, false, process("frontend"), noon, "server"),
            span(short64, 2, 1L, false, process("frontend"), noon + 5, "client"),
            span(short64, 3, 2L, false, process("backend"), noon + 9, "server"),
            span(
                short64,
                4,
                3L,
                true,
                process("backend"),
                noon + 20,
                "client",
                KeyValue.string("peer.service", "postgresql")));
    nested.spanWriter().writeSpans(chain, TraceIdSpelling.JAEGER_V1);
    unique.add(chain);
    // Spans of the days before and after: not this day's links.
    TraceId edges = TraceId.parse("5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e");
    nested
        .spanWriter()
        .writeSpans(
            List.of(
                span(edges, 1, null, false, process("yesterday"), micros(MIDNIGHT) - 1, "server"),
                span(edges, 2, 1L, false, process("late"), micros(MIDNIGHT) - 1, "server"),
                span(
                    edges,
                    3,
                    1L,
                    false,
                    process("tomorrow"),
                    micros(MIDNIGHT) + 86_400_000_000L,
                    "server")));
    // Zipkin-style shared span 0x2 (client and server halves), 128-bit ID, tags as fields.
    TraceId long128 = TraceId.parse("4bf92f3577b34da6a3ce929d0e0e4736");
    asFields
        .spanWriter()
        .writeSpans(
            List.of(
                span(long128, 1, null, false, process("web"), noon, "server"),
                span(long128, 2, 1L, false, process("web"), noon + 10, "client"),
                span(long128, 2, 1L, false, process("api"), noon + 20, "server"),
                span(
                    long128,
                    3,
                    2L,
                    false,
                    process("api"),
                    noon + 30,
                    "client",
                    KeyValue.string("peer.service", "redis"))),
            TraceIdSpelling.PADDED_32);
    nested.spanWriter().flush();
    asFields.spanWriter().flush();
    // A document as the Spark job would have left it: the run must replace it.
    nested
        .dependencyWriter()
        .writeDependencies(MIDNIGHT, List.of(new DependencyLink("stale", "stale", 99)));

    Map<String, Long> expected = independentLinks(unique);
    // The shared pair, by hand: web → api (the pair), web → web (client side to its parent),
    // api → api (the db client's parent is the server half), api → redis (a leaf's peer).
    for (String link : List.of("web -> api", "web -> web", "api -> api", "api -> redis")) {
      expected.merge(link, 1L, Long::sum);
    }
    assertThat(expected).containsKeys("frontend -> backend", "backend -> postgresql");

    String dryRun = run(prefix, "--dry-run");
    assertThat(dryRun).contains("  web -> api 1");
    assertThat(printedLinks(dryRun)).isEqualTo(expected);
    assertThat(storedDocuments(prefix)).as("a dry run writes nothing").hasSize(1);
    // Sliced (Elasticsearch 8+; one scroll elsewhere): three slices of three-span pages, so a
    // trace's spans lie in several slices and the merge by traceID must join them.
    String sliced = run(prefix, "--dry-run", "--slices", "3");
    assertThat(printedLinks(sliced)).isEqualTo(expected);
    assertThat(sliced).contains(spansAndTraces(dryRun));

    for (int round = 1; round <= 2; round++) {
      String output = run(prefix);
      assertThat(output).contains(DAY + ": ").contains("written");
      List<JsonNode> documents = storedDocuments(prefix);
      assertThat(documents).as("one document after run " + round).hasSize(1);
      assertThat(documents.get(0).path("timestamp").asText()).isEqualTo(DAY + "T00:00:00Z");
      assertThat(documents.get(0).path("dependencies").get(0).fieldNames())
          .toIterable()
          .containsExactly("parent", "child", "callCount");
      List<DependencyLink> read =
          nested
              .dependencyReader()
              .getDependencies(
                  new DependencyQuery(MIDNIGHT.plusSeconds(3600), Duration.ofHours(2)));
      assertThat(merged(read)).isEqualTo(expected);
    }
  }

  /** Runs the command in this JVM against the test server and prefix; returns its stdout. */
  private String run(IndexPrefix prefix, String... extra) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--day",
                DAY.toString(),
                "--es",
                server.url().toString(),
                "--index-prefix",
                prefix.value(),
                "--page-size",
                "3",
                "--progress",
                "0"));
    args.addAll(List.of(extra));
    int status =
        new DependenciesCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC(),
                Map.of())
            .execute(args);
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * The links a dry run prints ({@code " parent -> child calls"}), as "parent -> child" → calls.
   */
  static Map<String, Long> printedLinks(String output) {
    Map<String, Long> links = new TreeMap<>();
    for (String line : output.split("\n")) {
      Matcher m = Pattern.compile("^  (.+ -> .+) (\\d+)$").matcher(line);
      if (m.matches()) {
        links.put(m.group(1), Long.parseLong(m.group(2)));
      }
    }
    return links;
  }

  /** "N spans in M traces" of a run's summary line. */
  static String spansAndTraces(String output) {
    Matcher m = Pattern.compile("[\\d,]+ spans in [\\d,]+ traces").matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return m.group();
  }

  private List<JsonNode> storedDocuments(IndexPrefix prefix) {
    try (EsResponse response =
        server
            .client()
            .search(
                List.of(prefix.index("jaeger-dependencies-" + DAY)),
                Map.of("query", Map.of("match_all", Map.of()), "size", 100),
                Map.of())) {
      List<JsonNode> sources = new ArrayList<>();
      response.tree().path("hits").path("hits").forEach(hit -> sources.add(hit.path("_source")));
      return sources;
    }
  }

  /**
   * Links counted here for traces whose span IDs are unique: one per reference to a span of the
   * trace (parent service → child service), one per referencing span no span refers to that has a
   * peer.service tag (service → peer).
   */
  static Map<String, Long> independentLinks(List<List<Span>> traces) {
    Map<String, Long> counts = new TreeMap<>();
    for (List<Span> trace : traces) {
      Map<SpanId, String> serviceOf = new HashMap<>();
      Set<SpanId> referenced = new HashSet<>();
      for (Span span : trace) {
        serviceOf.put(span.spanId(), span.process().serviceName());
        span.references().forEach(r -> referenced.add(r.spanId()));
      }
      for (Span span : trace) {
        String service = span.process().serviceName();
        for (SpanReference reference : span.references()) {
          String parent = serviceOf.get(reference.spanId());
          if (parent != null) {
            counts.merge(parent + " -> " + service, 1L, Long::sum);
          }
        }
        KeyValue peer = span.tag("peer.service");
        if (!span.references().isEmpty() && !referenced.contains(span.spanId()) && peer != null) {
          counts.merge(service + " -> " + peer.valueAsString(), 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  static Map<String, Long> merged(List<DependencyLink> links) {
    Map<String, Long> counts = new TreeMap<>();
    links.forEach(l -> counts.merge(l.parent() + " -> " + l.child(), l.callCount(), Long::sum));
    return counts;
  }

  static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
  }
}
