package io.sightline.storage.elasticsearch;

import static io.sightline.storage.elasticsearch.TestSpans.micros;
import static io.sightline.storage.elasticsearch.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sightline.storage.elasticsearch.client.BulkOperation;
import io.sightline.storage.elasticsearch.client.BulkResponse;
import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.client.EsResponse;
import io.sightline.storage.elasticsearch.client.JsonCodec;
import io.sightline.storage.elasticsearch.client.ServerInfo;
import io.sightline.storage.elasticsearch.write.ElasticsearchSpanWriter.TraceIdSpelling;
import io.sightline.testing.search.IndexPrefix;
import io.sightline.testing.search.SearchServer;
import io.sightline.testing.search.SearchServerTest;
import io.sightline.trace.ArchiveStorage;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyQuery;
import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Operation;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.StorageException;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceQuery;
import io.sightline.trace.TracedProcess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Elasticsearch storage against real servers (each selected version). */
@SearchServerTest
class ElasticsearchStorageIT {

  private final SearchServer server;
  private EsClient client;
  private final Instant now = Instant.now();
  private final Instant midnight = now.truncatedTo(ChronoUnit.DAYS);

  ElasticsearchStorageIT(SearchServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    client = EsClientFactory.create(server.connection(), JsonCodec.mapper());
  }

  private ElasticsearchStorage storage(IndexPrefix prefix) {
    return storage(prefix, p -> p);
  }

  /** A store with this test's prefix, 1 shard, 0 replicas, adjusted by {@code change}. */
  private ElasticsearchStorage storage(
      IndexPrefix prefix, UnaryOperator<ElasticsearchProperties> change) {
    ElasticsearchProperties base =
        new ElasticsearchProperties(
            server.connection(),
            IndexProperties.defaults().withPrefix(prefix.value()).withShards(1, 0),
            ReadingProperties.defaults(),
            TagsAsFieldsProperties.defaults(),
            ArchiveProperties.enabled(prefix.value() + "-archive", 1, 0));
    return ElasticsearchStorage.create(client, client, change.apply(base), Clock.systemUTC());
  }

  private static TraceQuery.Builder search(Instant from, Instant to) {
    return TraceQuery.builder(from, to);
  }

  @Test
  void aTraceAcrossUtcMidnightIsFetchedWholeAndFoundFromEitherDay(IndexPrefix prefix) {
    ElasticsearchStorage store = storage(prefix);
    TraceId traceId = TraceId.parse("a1b2c3d4e5f60718");
    Instant before = midnight.minusMillis(500);
    Instant after = midnight.plusMillis(500);
    store
        .spanWriter()
        .writeSpans(
            List.of(
                span(traceId, 1, "frontend", "GET /", before),
                span(traceId, 2, 1L, "backend", "query", after)));
    store.spanWriter().flush();
    // Two daily indices hold it.
    String dayBefore = prefix.index("jaeger-span-" + before.atZone(ZoneOffset.UTC).toLocalDate());
    String dayAfter = prefix.index("jaeger-span-" + after.atZone(ZoneOffset.UTC).toLocalDate());
    assertThat(count(dayBefore)).isEqualTo(1);
    assertThat(count(dayAfter)).isEqualTo(1);

    List<Trace> byId = store.spanReader().getTraces(List.of(TraceLookup.of(traceId)));
    assertThat(byId)
        .singleElement()
        .satisfies(t -> assertThat(spanIds(t)).containsExactlyInAnyOrder(1L, 2L));

    List<Trace> fromFirstDay =
        store
            .spanReader()
            .findTraces(search(before.minusSeconds(3600), before).serviceName("frontend").build());
    assertThat(fromFirstDay)
        .singleElement()
        .satisfies(t -> assertThat(spanIds(t)).containsExactlyInAnyOrder(1L, 2L));
    List<Trace> fromSecondDay =
        store
            .spanReader()
            .findTraces(search(after, after.plusSeconds(3600)).serviceName("backend").build());
    assertThat(fromSecondDay)
        .singleElement()
        .satisfies(t -> assertThat(spanIds(t)).containsExactlyInAnyOrder(1L, 2L));
  }

  @Test
  void aTraceOf12000SpansComesBackWhole(IndexPrefix prefix) {
    ElasticsearchStorage store = storage(prefix);
    TraceId traceId = TraceId.parse("4bf92f3577b34da6a3ce929d0e0e4736");
    Instant start = now.minusSeconds(600);
    List<Span> spans = new ArrayList<>(12_000);
    for (int i = 1; i <= 12_000; i++) {
      // Only 7 distinct start times: pages end inside runs of equal startTime.
      spans.add(
          span(
              traceId,
              i,
              i == 1 ? null : 1L,
              "svc-" + (i % 3),
              "op-" + (i % 10),
              start.plusMillis(i % 7)));
    }
    long t0 = System.nanoTime();
    store.spanWriter().writeSpans(spans);
    store.spanWriter().flush();
    long written = System.nanoTime();
    List<Trace> traces = store.spanReader().getTraces(List.of(TraceLookup.of(traceId)));
    long read = System.nanoTime();
    assertThat(traces)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.spans()).hasSize(12_000);
              assertThat(spanIds(t)).hasSize(12_000);
              assertThat(t.warnings()).isEmpty();
              // One TracedProcess instance per distinct process (svc-0..2), not one per span.
              Set<TracedProcess> instances = Collections.newSetFromMap(new IdentityHashMap<>());
              t.spans().forEach(s -> instances.add(s.process()));
              assertThat(instances).hasSize(3);
            });
    System.out.printf(
        "[%s] 12,000 spans: written+refreshed in %d ms, fetched in %d ms%n",
        server.id(), (written - t0) / 1_000_000, (read - written) / 1_000_000);

    // The same with pages of 1,000: twelve rounds of search_after.
    ElasticsearchStorage smallPages =
        storage(
            prefix,
            p ->
                new ElasticsearchProperties(
                    p.connection(),
                    p.indices(),
                    p.reading().withMaxDocCount(1_000),
                    p.tagsAsFields(),
                    p.archive()));
    assertThat(smallPages.spanReader().getTraces(List.of(TraceLookup.of(traceId))))
        .singleElement()
        .satisfies(t -> assertThat(spanIds(t)).hasSize(12_000));
  }

  @Test
  void duplicatesAcrossAPageBoundaryAreAllRead(IndexPrefix prefix) {
    TraceId traceId = TraceId.parse("dd");
    Instant start = now.minusSeconds(60);
    ElasticsearchStorage store = storage(prefix);
    // Five documents at one start time; span 2 is stored twice (same startTime and spanID).
    List<Span> spans =
        List.of(
            span(traceId, 1, "a", "x", start),
            span(traceId, 2, "a", "client", start),
            span(traceId, 2, "b", "server", start),
            span(traceId, 3, "a", "x", start),
            span(traceId, 4, "a", "x", start));
    store.spanWriter().writeSpans(spans);
    store.spanWriter().flush();
    for (int pageSize = 2; pageSize <= 6; pageSize++) {
      int size = pageSize;
      ElasticsearchStorage paged =
          storage(
              prefix,
              p ->
                  new ElasticsearchProperties(
                      p.connection(),
                      p.indices(),
                      p.reading().withMaxDocCount(size),
                      p.tagsAsFields(),
                      p.archive()));
      List<Trace> traces = paged.spanReader().getTraces(List.of(TraceLookup.of(traceId)));
      assertThat(traces)
          .as("page size %d", size)
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.spans()).hasSize(5);
                assertThat(t.spans().stream().map(Span::operationName).collect(Collectors.toList()))
                    .contains("client", "server");
              });
    }
  }

  @Test
  void mixedIdSpellingsMergeIntoOneTrace(IndexPrefix prefix) {
    ElasticsearchStorage store = storage(prefix);
    Instant start = now.minusSeconds(300);
    TraceId short64 = TraceId.parse("00000000000abcde");
    store
        .spanWriter()
        .writeSpans(List.of(span(short64, 1, "mixed", "v1", start)), TraceIdSpelling.JAEGER_V1);
    store
        .spanWriter()
        .writeSpans(
            List.of(span(short64, 2, 1L, "mixed", "v2", start.plusMillis(1))),
            TraceIdSpelling.PADDED_32);
    store
        .spanWriter()
        .writeSpans(
            List.of(span(short64, 3, 1L, "mixed", "legacy", start.plusMillis(2))),
            TraceIdSpelling.LEGACY);
    TraceId long128 = TraceId.parse("0000000000000001000000000000abcd");
    store
        .spanWriter()
        .writeSpans(List.of(span(long128, 1, "mixed", "v1-128", start)), TraceIdSpelling.JAEGER_V1);
    store
        .spanWriter()
        .writeSpans(
            List.of(span(long128, 2, 1L, "mixed", "legacy-128", start)), TraceIdSpelling.LEGACY);
    store.spanWriter().flush();

    assertThat(values(prefix, "traceID"))
        .contains(
            "00000000000abcde",
            "000000000000000000000000000abcde",
            "abcde",
            "0000000000000001000000000000abcd",
            "1000000000000abcd");

    List<Trace> traces =
        store.spanReader().getTraces(List.of(TraceLookup.of(short64), TraceLookup.of(long128)));
    assertThat(traces).hasSize(2);
    assertThat(traces.get(0).spans())
        .extracting(Span::operationName)
        .containsExactlyInAnyOrder("v1", "v2", "legacy");
    assertThat(traces.get(0).spans()).allSatisfy(s -> assertThat(s.traceId()).isEqualTo(short64));
    assertThat(traces.get(1).spans())
        .extracting(Span::operationName)
        .containsExactlyInAnyOrder("v1-128", "legacy-128");

    // Three spellings are three buckets of the aggregation, but one ID.
    List<TraceId> found =
        store
            .spanReader()
            .findTraceIds(search(start.minusSeconds(60), now).serviceName("mixed").build());
    assertThat(found).containsExactlyInAnyOrder(short64, long128);
    assertThat(
            store
                .spanReader()
                .findTraces(
                    search(start.minusSeconds(60), now)
                        .serviceName("mixed")
                        .operationName("legacy")
                        .build()))
        .singleElement()
        .satisfies(t -> assertThat(t.spans()).hasSize(3));
  }

  @Test
  void tagsAsFieldsAreSearchedAndReadBack(IndexPrefix prefix) {
    ElasticsearchStorage store =
        storage(
            prefix,
            p ->
                new ElasticsearchProperties(
                    p.connection(),
                    p.indices(),
                    p.reading(),
                    new TagsAsFieldsProperties(true, List.of(), "", "@"),
                    p.archive()));
    TraceId traceId = TraceId.parse("7a65");
    Instant start = now.minusSeconds(120);
    Span span =
        span(traceId, 1, "tagged", "GET /x", start)
            .withTags(
                List.of(
                    KeyValue.string("http.method", "GET"),
                    KeyValue.int64("http.status_code", 503),
                    KeyValue.bool("error", true),
                    KeyValue.float64("ratio", 0.25),
                    KeyValue.binary("blob", new byte[] {1, 2, 3})));
    store.spanWriter().writeSpans(List.of(span));
    store.spanWriter().flush();
    JsonNode source = firstSource(prefix);
    assertThat(source.path("tag").path("http@method").asText()).isEqualTo("GET");
    assertThat(source.path("tag").path("http@status_code").asLong()).isEqualTo(503);
    assertThat(source.path("tags")).hasSize(1); // binary stays nested
    assertThat(source.path("process").path("tag").path("hostname").asText()).isEqualTo("host-1");

    TraceQuery.Builder q = search(start.minusSeconds(60), now).serviceName("tagged");
    assertThat(store.spanReader().findTraceIds(q.tag("http.status_code", "50.").build()))
        .containsExactly(traceId);
    assertThat(
            store
                .spanReader()
                .findTraceIds(
                    search(start.minusSeconds(60), now).tag("hostname", "host-1").build()))
        .containsExactly(traceId);
    assertThat(
            store
                .spanReader()
                .findTraceIds(
                    search(start.minusSeconds(60), now)
                        .tag("error", "true")
                        .tag("http.method", "G.*")
                        .build()))
        .containsExactly(traceId);
    assertThat(
            store
                .spanReader()
                .findTraceIds(
                    search(start.minusSeconds(60), now).tag("http.method", "POST").build()))
        .isEmpty();

    Span back =
        store.spanReader().getTraces(List.of(TraceLookup.of(traceId))).get(0).spans().get(0);
    assertThat(back.tags())
        .containsExactly(
            KeyValue.binary("blob", new byte[] {1, 2, 3}),
            KeyValue.string("http.method", "GET"),
            KeyValue.int64("http.status_code", 503),
            KeyValue.bool("error", true),
            KeyValue.float64("ratio", 0.25));
    assertThat(back.process().tags()).containsExactly(KeyValue.string("hostname", "host-1"));
    assertThat(back.warnings()).isEmpty();
  }

  @Test
  void servicesAndOperationsComeFromTheServiceIndex(IndexPrefix prefix) {
    ElasticsearchStorage store = storage(prefix);
    Instant start = now.minusSeconds(30);
    TraceId traceId = TraceId.parse("5e");
    store
        .spanWriter()
        .writeSpans(
            List.of(
                span(traceId, 1, "frontend", "GET /dispatch", start),
                span(traceId, 2, 1L, "frontend", "GET /dispatch", start),
                span(traceId, 3, 1L, "frontend", "GET /config", start),
                span(traceId, 4, 1L, "driver", "FindDriverIDs", start)));
    store.spanWriter().flush();
    assertThat(store.spanReader().getServices()).containsExactlyInAnyOrder("frontend", "driver");
    assertThat(store.spanReader().getOperations("frontend", "server"))
        .containsExactlyInAnyOrder(
            new Operation("GET /dispatch", ""), new Operation("GET /config", ""));
    assertThat(store.spanReader().getOperations("nobody", null)).isEmpty();
    // One service document per pair (the FNV-1a ID), however many spans.
    assertThat(count(prefix.index("jaeger-service-" + start.atZone(ZoneOffset.UTC).toLocalDate())))
        .isEqualTo(3);
  }

  @Test
  void dependenciesAreReadBackAsStored(IndexPrefix prefix) {
    ElasticsearchStorage store = storage(prefix);
    Instant day1 = midnight.minus(Duration.ofDays(2));
    Instant day2 = midnight.minus(Duration.ofDays(1));
    store
        .dependencyWriter()
        .writeDependencies(
            day1,
            List.of(
                new DependencyLink("frontend", "driver", 31),
                new DependencyLink("frontend", "redis", 7)));
    store
        .dependencyWriter()
        .writeDependencies(day2, List.of(new DependencyLink("frontend", "driver", 12)));
    List<DependencyLink> week =
        store.dependencyReader().getDependencies(new DependencyQuery(now, Duration.ofDays(7)));
    assertThat(week)
        .containsExactlyInAnyOrder(
            new DependencyLink("frontend", "driver", 31),
            new DependencyLink("frontend", "redis", 7),
            new DependencyLink("frontend", "driver", 12));
    // A window without a midnight holds no daily document.
    assertThat(
            store
                .dependencyReader()
                .getDependencies(
                    new DependencyQuery(day2.plus(Duration.ofHours(13)), Duration.ofHours(1))))
        .isEmpty();
    assertThat(store.dependencyReader().getDependencies(new DependencyQuery(day2, Duration.ZERO)))
        .containsExactly(new DependencyLink("frontend", "driver", 12));
  }

  @Test
  void aFailedMultiSearchItemIsAnErrorNotAMissingTrace(IndexPrefix prefix) {
    // An index made without Jaeger's template: spanID is a text field, which cannot be sorted on.
    Instant start = now.minusSeconds(10);
    String index = prefix.index("jaeger-span-" + start.atZone(ZoneOffset.UTC).toLocalDate());
    Map<String, Object> doc =
        Map.of(
            "traceID",
            "00000000000000ee",
            "spanID",
            "0000000000000001",
            "startTime",
            micros(start),
            "startTimeMillis",
            micros(start) / 1000);
    BulkResponse written =
        client.bulk(List.of(BulkOperation.index(index, null, doc)), Map.of("refresh", "true"));
    assertThat(written.hasFailures()).isFalse();
    ElasticsearchStorage store = storage(prefix);
    assertThatThrownBy(
            () -> store.spanReader().getTraces(List.of(TraceLookup.of(TraceId.parse("ee")))))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("fetching 1 trace failed")
        .hasMessageContaining("HTTP 400");
  }

  @Test
  void badTagPatternsAreTheClientsError(IndexPrefix prefix) throws Exception {
    ElasticsearchStorage store = storage(prefix);
    Instant start = now.minusSeconds(10);
    store.spanWriter().writeSpans(List.of(span(TraceId.parse("bad"), 1, "svc", "op", start)));
    store.spanWriter().flush();
    // Malformed: rejected before it is sent.
    assertThatThrownBy(
            () ->
                store
                    .spanReader()
                    .findTraceIds(search(start.minusSeconds(60), now).tag("http.url", "(").build()))
        .isInstanceOfSatisfying(
            InvalidQueryException.class,
            e -> {
              assertThat(e.parameter()).isEqualTo("tags");
              assertThat(e.getMessage()).contains("http.url");
            });
    // Accepted by Lucene but refused by this index (index.max_regex_length 5): Elasticsearch's 400
    // becomes a query error naming the tags, not a storage failure.
    String index = prefix.index("jaeger-span-" + start.atZone(ZoneOffset.UTC).toLocalDate());
    client
        .execute("PUT", "/" + index + "/_settings", Map.of(), Map.of("index.max_regex_length", 5))
        .close();
    assertThatThrownBy(
            () ->
                store
                    .spanReader()
                    .findTraceIds(
                        search(start.minusSeconds(60), now).tag("http.url", "abcdefghij").build()))
        .isInstanceOfSatisfying(
            InvalidQueryException.class,
            e -> {
              assertThat(e.parameter()).isEqualTo("tags");
              assertThat(e.getMessage()).contains("http.url").contains("regex");
            });
  }

  @Test
  void templatesAreInstalledForThisServerFamily(IndexPrefix prefix) {
    ElasticsearchStorage store = storage(prefix);
    Instant start = now.minusSeconds(10);
    store.spanWriter().writeSpans(List.of(span(TraceId.parse("7e"), 1, "svc", "op", start)));
    store.dependencyWriter().writeDependencies(midnight, List.of(new DependencyLink("a", "b", 1)));
    store.spanWriter().flush();
    ServerInfo info = client.serverInfo();
    String api = info.usesComposableTemplates() ? "/_index_template/" : "/_template/";
    for (String name : List.of("jaeger-span", "jaeger-service", "jaeger-dependencies")) {
      try (EsResponse r = client.execute("GET", api + prefix.index(name), Map.of(), null)) {
        assertThat(r.tree().toString()).contains(prefix.index(name));
      }
    }
    String spanIndex = prefix.index("jaeger-span-" + start.atZone(ZoneOffset.UTC).toLocalDate());
    try (EsResponse r = client.execute("GET", "/" + spanIndex + "/_mapping", Map.of(), null)) {
      JsonNode properties = r.tree().path(spanIndex).path("mappings").path("properties");
      assertThat(properties.path("traceID").path("type").asText()).isEqualTo("keyword");
      assertThat(properties.path("tags").path("type").asText()).isEqualTo("nested");
      assertThat(properties.path("startTimeMillis").path("type").asText()).isEqualTo("date");
    }
    try (EsResponse r = client.execute("GET", "/" + spanIndex + "/_settings", Map.of(), null)) {
      assertThat(
              r.tree()
                  .path(spanIndex)
                  .path("settings")
                  .path("index")
                  .path("number_of_shards")
                  .asText())
          .isEqualTo("1");
    }
  }

  @Test
  void bulkItemErrorsAreReported(IndexPrefix prefix) {
    Instant start = now.minusSeconds(10);
    String index = prefix.index("jaeger-span-" + start.atZone(ZoneOffset.UTC).toLocalDate());
    client
        .execute(
            "PUT",
            "/" + index,
            Map.of(),
            Map.of("mappings", Map.of("dynamic", "strict", "properties", Map.of())))
        .close();
    ElasticsearchStorage store = storage(prefix);
    assertThatThrownBy(
            () ->
                store
                    .spanWriter()
                    .writeSpans(List.of(span(TraceId.parse("e1"), 1, "svc", "op", start))))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("writing spans failed: 1 of 2 documents were rejected")
        .hasMessageContaining(index)
        .hasMessageContaining("strict");
  }

  @Test
  void oldTracesAreFoundWithAPlausibleHintAndNeverHiddenByABadOne(IndexPrefix prefix) {
    ElasticsearchStorage store = storage(prefix);
    TraceId old = TraceId.parse("01d");
    Instant tenDaysAgo = now.minus(Duration.ofDays(10));
    store
        .spanWriter()
        .writeSpans(
            List.of(
                span(old, 1, "svc", "op", tenDaysAgo),
                span(TraceId.parse("ec"), 1, "svc", "op", now.minusSeconds(5))));
    store.spanWriter().flush();
    TraceId recentId = TraceId.parse("ec");
    // Beyond ES_MAX_SPAN_AGE (72h): not found by ID alone, as in Jaeger ...
    assertThat(store.spanReader().getTraces(List.of(TraceLookup.of(old)))).isEmpty();
    // ... but found with the caller's window.
    assertThat(
            store
                .spanReader()
                .getTraces(
                    List.of(
                        new TraceLookup(
                            old, tenDaysAgo.minusSeconds(60), tenDaysAgo.plusSeconds(60)))))
        .hasSize(1);
    // Grafana's backend sends milliseconds where microseconds belong: a window near 1970. It is
    // ignored, and the default window still finds the recent trace.
    Instant msAsMicros = Instant.EPOCH.plus(Duration.ofNanos(now.toEpochMilli() * 1000));
    assertThat(
            store
                .spanReader()
                .getTraces(
                    List.of(new TraceLookup(recentId, msAsMicros, msAsMicros.plusSeconds(3600)))))
        .hasSize(1);
    // A narrow but plausible window elsewhere widens, never narrows.
    assertThat(
            store
                .spanReader()
                .getTraces(
                    List.of(new TraceLookup(recentId, tenDaysAgo, tenDaysAgo.plusSeconds(1)))))
        .hasSize(1);
  }

  @Test
  void notFoundIdsAreLeftOutAndOrderIsKept(IndexPrefix prefix) {
    ElasticsearchStorage store = storage(prefix);
    Instant start = now.minusSeconds(5);
    TraceId a = TraceId.parse("aa");
    TraceId b = TraceId.parse("bb");
    store
        .spanWriter()
        .writeSpans(List.of(span(a, 1, "s", "o", start), span(b, 1, "s", "o", start)));
    store.spanWriter().flush();
    List<Trace> traces =
        store
            .spanReader()
            .getTraces(
                List.of(
                    TraceLookup.of(b),
                    TraceLookup.of(TraceId.parse("cc")),
                    TraceLookup.of(a),
                    TraceLookup.of(b)));
    assertThat(traces).extracting(Trace::traceId).containsExactly(b, a);
  }

  @Test
  void archivedTracesAreWrittenAndReadFromTheArchiveIndex(IndexPrefix prefix) {
    ElasticsearchStorage store = storage(prefix);
    ArchiveStorage archive = store.archive();
    TraceId traceId = TraceId.parse("a5c41e");
    // A year-old trace: the archive has no time limit.
    Instant old = now.minus(Duration.ofDays(365));
    archive
        .writer()
        .writeSpans(
            List.of(span(traceId, 1, "svc", "op", old), span(traceId, 2, 1L, "svc", "op2", old)));
    archive.writer().flush();
    assertThat(count(prefix.value() + "-archive-jaeger-span-archive")).isEqualTo(2);
    assertThat(archive.reader().getTraces(List.of(TraceLookup.of(traceId))))
        .singleElement()
        .satisfies(t -> assertThat(spanIds(t)).containsExactlyInAnyOrder(1L, 2L));
    assertThat(store.spanReader().getTraces(List.of(TraceLookup.of(traceId)))).isEmpty();
    assertThat(archive.reader().getServices()).isEmpty();
  }

  private static Set<Long> spanIds(Trace trace) {
    return trace.spans().stream().map(Span::spanId).map(SpanId::value).collect(Collectors.toSet());
  }

  private long count(String index) {
    try (EsResponse r = client.execute("GET", "/" + index + "/_count", Map.of(), null)) {
      return r.tree().path("count").asLong();
    }
  }

  private List<String> values(IndexPrefix prefix, String field) {
    Map<String, Object> body = Map.of("size", 100, "_source", List.of(field));
    try (EsResponse r = client.search(List.of(prefix.value() + "-jaeger-span-*"), body, Map.of())) {
      List<String> out = new ArrayList<>();
      r.tree()
          .path("hits")
          .path("hits")
          .forEach(h -> out.add(h.path("_source").path(field).asText()));
      return out;
    }
  }

  private JsonNode firstSource(IndexPrefix prefix) {
    try (EsResponse r =
        client.search(List.of(prefix.value() + "-jaeger-span-*"), Map.of("size", 1), Map.of())) {
      return r.tree().path("hits").path("hits").path(0).path("_source");
    }
  }
}
