package io.sightline.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class DependencyLinkerTest {

  static final LocalDate DAY = LocalDate.of(2025, 3, 14);
  static final long NOON = Instant.parse("2025-03-14T12:00:00Z").getEpochSecond() * 1_000_000L;
  static final TraceId TRACE = TraceId.parse("4bf92f3577b34da6a3ce929d0e0e4736");

  @Test
  void linksEveryReferenceAndLeafPeerOfAHandBuiltTrace() {
    List<Span> spans = handBuilt(TRACE);
    assertThat(DependencyLinker.byDay(List.of(Trace.of(spans))))
        .containsOnlyKeys(DAY)
        .containsEntry(
            DAY,
            List.of(
                link("backend", "backend", 3), // the db client, the internal span, the producer
                link("backend", "postgresql", 1), // a leaf with peer.service
                link("backend", "worker", 1), // FOLLOWS_FROM counts too
                link("frontend", "backend", 1),
                link("frontend", "frontend", 1),
                link("worker", "redis", 1), // its parent is missing, its peer still counts
                link("worker", "worker", 1)));
  }

  @Test
  void identicalSpansCountOnceAndTracesAddUp() {
    List<Span> withDuplicate = new ArrayList<>(handBuilt(TRACE));
    withDuplicate.add(withDuplicate.get(2));
    TraceId other = TraceId.parse("00000000000000000000000000abcdef");
    Map<LocalDate, List<DependencyLink>> links =
        DependencyLinker.byDay(List.of(Trace.of(withDuplicate), Trace.of(handBuilt(other))));
    assertThat(links.get(DAY))
        .containsExactly(
            link("backend", "backend", 6),
            link("backend", "postgresql", 2),
            link("backend", "worker", 2),
            link("frontend", "backend", 2),
            link("frontend", "frontend", 2),
            link("worker", "redis", 2),
            link("worker", "worker", 2));
  }

  @Test
  void sharedClientServerSpansLinkThroughTheirServerSide() {
    // Zipkin style: client and server share span ID 0x2; the server names the client's parent.
    TracedProcess web = process("web");
    TracedProcess api = process("api");
    SpanId shared = new SpanId(2);
    List<Span> spans =
        List.of(
            span(1, null, web, NOON, "server"),
            span(2, 1L, web, NOON + 10, "client"),
            span(2, 1L, api, NOON + 20, "server"),
            span(3, 2L, api, NOON + 30, "client", KeyValue.string("peer.service", "db")));
    assertThat(spans.get(1).spanId()).isEqualTo(shared);
    assertThat(DependencyLinker.byDay(List.of(Trace.of(spans))).get(DAY))
        .containsExactly(
            link("api", "api", 1), // parent of the db client: the server side of span 2
            link("api", "db", 1),
            link("web", "api", 1), // the shared pair
            link("web", "web", 1)); // the client side links to its parent; the server side not
  }

  @Test
  void eachUtcDayIsDerivedFromTheSpansThatStartedOnIt() {
    long midnight = Instant.parse("2025-03-15T00:00:00Z").getEpochSecond() * 1_000_000L;
    TracedProcess web = process("web");
    TracedProcess api = process("api");
    List<Span> spans =
        List.of(
            span(1, null, web, midnight - 100_000, "server"),
            span(2, 1L, web, midnight - 50_000, "client"),
            span(3, 2L, api, midnight + 10_000, "server"),
            span(
                4,
                3L,
                api,
                midnight + 20_000,
                "client",
                KeyValue.string("peer.service", "postgresql")));
    Map<LocalDate, List<DependencyLink>> links = DependencyLinker.byDay(List.of(Trace.of(spans)));
    // The web → api call crosses midnight: the job, reading one day's index at a time, loses it.
    assertThat(links)
        .containsExactly(
            Map.entry(DAY, List.of(link("web", "web", 1))),
            Map.entry(
                DAY.plusDays(1), List.of(link("api", "api", 1), link("api", "postgresql", 1))));
    assertThat(DependencyLinker.timestampOf(DAY.plusDays(1)))
        .isEqualTo(Instant.parse("2025-03-15T00:00:00Z"));

    // The total over days (the live graph's): the same cut, the days added up.
    DependencyLinker linker = new DependencyLinker();
    linker.add(Trace.of(spans));
    linker.add(Trace.of(spans));
    assertThat(linker.total())
        .containsExactly(
            link("api", "api", 2), link("api", "postgresql", 2), link("web", "web", 2));
  }

  @Test
  void aCustomPeerServiceTagIsHonoured() {
    List<Span> spans =
        List.of(
            span(1, null, process("svc"), NOON, "server"),
            span(
                2,
                1L,
                process("svc"),
                NOON + 1,
                "client",
                KeyValue.string("db.instance", "users")));
    DependencyLinker links = new DependencyLinker("db.instance");
    links.add(Trace.of(spans));
    assertThat(links.byDay().get(DAY))
        .containsExactly(link("svc", "svc", 1), link("svc", "users", 1));
  }

  // ---------------------------------------------------------------- the hand-built trace

  /**
   * frontend server → frontend client → backend server → {db client (peer postgresql), internal,
   * producer (peer kafka) → worker consumer (FOLLOWS_FROM) → worker client}; plus a worker client
   * whose parent is missing (peer redis), and a root-level peer.service that must not link.
   */
  static List<Span> handBuilt(TraceId traceId) {
    TracedProcess frontend = process("frontend");
    TracedProcess backend = process("backend");
    TracedProcess worker = process("worker");
    List<Span> spans = new ArrayList<>();
    spans.add(
        span(
            traceId,
            1,
            null,
            false,
            frontend,
            NOON,
            "server",
            KeyValue.string("peer.service", "browser")));
    spans.add(span(traceId, 2, 1L, false, frontend, NOON + 100, "client"));
    spans.add(span(traceId, 3, 2L, false, backend, NOON + 200, "server"));
    spans.add(
        span(
            traceId,
            4,
            3L,
            false,
            backend,
            NOON + 300,
            "client",
            KeyValue.string("peer.service", "postgresql")));
    spans.add(span(traceId, 5, 3L, false, backend, NOON + 400, "internal"));
    spans.add(
        span(
            traceId,
            6,
            3L,
            false,
            backend,
            NOON + 500,
            "producer",
            KeyValue.string("peer.service", "kafka")));
    spans.add(span(traceId, 7, 6L, true, worker, NOON + 900, "consumer"));
    spans.add(span(traceId, 8, 7L, false, worker, NOON + 950, "client"));
    spans.add(
        span(
            traceId,
            9,
            999L,
            false,
            worker,
            NOON + 990,
            "client",
            KeyValue.string("peer.service", "redis")));
    return spans;
  }

  static Span span(
      long id, Long parent, TracedProcess process, long start, String kind, KeyValue... tags) {
    return span(TRACE, id, parent, false, process, start, kind, tags);
  }

  /** A span as the Jaeger model has it, with a {@code span.kind} tag; reused by other tests. */
  public static Span span(
      TraceId traceId,
      long id,
      Long parent,
      boolean followsFrom,
      TracedProcess process,
      long start,
      String kind,
      KeyValue... extraTags) {
    List<KeyValue> tags = new ArrayList<>();
    tags.add(KeyValue.string("span.kind", kind));
    tags.addAll(List.of(extraTags));
    List<SpanReference> references =
        parent == null
            ? List.of()
            : List.of(
                followsFrom
                    ? SpanReference.followsFrom(traceId, new SpanId(parent))
                    : SpanReference.childOf(traceId, new SpanId(parent)));
    return new Span(
        traceId,
        new SpanId(id),
        "op" + id,
        references,
        1,
        start,
        50,
        tags,
        List.of(),
        process,
        List.of());
  }

  public static TracedProcess process(String service) {
    return new TracedProcess(service, List.of(KeyValue.string("host.name", service + "-0")));
  }

  static DependencyLink link(String parent, String child, long count) {
    return new DependencyLink(parent, child, count);
  }
}
