package io.sightline.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.sightline.testing.TestTraceStore;
import io.sightline.trace.adjust.Adjusters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TraceServiceTest {

  private final TestTraceStore store = new TestTraceStore();
  private final TestTraceStore archiveStore = new TestTraceStore();
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;

  private TraceService service(ArchiveStorage archive) {
    return new TraceService(
        store,
        store,
        archive,
        Adjusters.standard(Duration.ZERO),
        Duration.ofSeconds(10),
        ticker,
        Runnable::run,
        ReadBudget.unlimited());
  }

  private static Span span(long traceLow, long spanId, String service, String operation) {
    return new Span(
        new TraceId(0, traceLow),
        new SpanId(spanId),
        operation,
        List.of(),
        1,
        1_000_000,
        10,
        List.of(),
        List.of(),
        new TracedProcess(service, List.of(KeyValue.int64("ip", 0x01020304))),
        List.of());
  }

  @Test
  void servicesKeepStoreOrderAndAreCachedBriefly() {
    store.services(List.of("b", "a", "c"));
    TraceService traces = service(null);
    assertThat(traces.services()).containsExactly("b", "a", "c");
    assertThat(traces.servicesSorted()).containsExactly("a", "b", "c");
    assertThat(store.serviceCalls()).isEqualTo(1);

    store.services(List.of("d"));
    nanos.addAndGet(Duration.ofSeconds(9).toNanos());
    assertThat(traces.services()).containsExactly("b", "a", "c");
    // Past the TTL: this request still gets the older names and starts the refresh (inline here);
    // the next one gets the refreshed names.
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(traces.services()).containsExactly("b", "a", "c");
    assertThat(store.serviceCalls()).isEqualTo(2);
    assertThat(traces.services()).containsExactly("d");
    assertThat(store.serviceCalls()).isEqualTo(2);
  }

  /** A slow or failing refresh never makes a request wait, until the older names are too old. */
  @Test
  void namesPastTheirTtlAreServedWhileTheRefreshFailsThenReadAgain() {
    store.services(List.of("a"));
    TraceService traces = service(null);
    assertThat(traces.services()).containsExactly("a");
    store.failWith(new StorageException(StorageException.Kind.UNAVAILABLE, "busy"));
    nanos.addAndGet(Duration.ofSeconds(11).toNanos());
    assertThat(traces.services()).containsExactly("a"); // the refresh failed: older names kept
    assertThat(traces.services()).containsExactly("a"); // and tried again
    assertThat(store.serviceCalls()).isEqualTo(3);
    // Beyond the TTL + grace the older names are gone: the request reads the store itself.
    nanos.addAndGet(NameCache.STALE_GRACE.toNanos());
    assertThatThrownBy(traces::services).isInstanceOf(StorageException.class).hasMessage("busy");
    store.failWith(null);
    store.services(List.of("b"));
    assertThat(traces.services()).containsExactly("b");
  }

  /** Right after start-up the store may still be filling: "no services" is not kept for long. */
  @Test
  void anEmptyAnswerIsReusedForASecondAtMost() {
    store.services(List.of());
    TraceService traces = service(null);
    assertThat(traces.services()).isEmpty();
    store.services(List.of("a"));
    nanos.addAndGet(Duration.ofMillis(500).toNanos());
    assertThat(traces.services()).isEmpty();
    nanos.addAndGet(Duration.ofMillis(600).toNanos());
    assertThat(traces.services()).containsExactly("a");
    assertThat(store.serviceCalls()).isEqualTo(2);
  }

  /** Once the store is ready (the demo data is in), names read before are never reused. */
  @Test
  void namesReadBeforeTheStoreWasReadyAreForgotten() {
    store.services(List.of("early"));
    TraceService traces = service(null);
    assertThat(traces.services()).containsExactly("early");
    assertThat(traces.operationNames("early")).isEmpty();
    store.services(List.of("early", "seeded"));
    traces.forgetNames();
    assertThat(traces.services()).containsExactly("early", "seeded");
    assertThat(store.serviceCalls()).isEqualTo(2);
    // And cached again from then on.
    assertThat(traces.services()).containsExactly("early", "seeded");
    assertThat(store.serviceCalls()).isEqualTo(2);
  }

  @Test
  void zeroTtlDisablesTheCache() {
    TraceService traces =
        new TraceService(store, store, null, Adjusters.standard(Duration.ZERO), Duration.ZERO);
    traces.services();
    traces.services();
    assertThat(store.serviceCalls()).isEqualTo(2);
  }

  @Test
  void failuresAreNotCached() {
    TraceService traces = service(null);
    store.failWith(new StorageException(StorageException.Kind.UNAVAILABLE, "down"));
    assertThatThrownBy(traces::services).isInstanceOf(StorageException.class).hasMessage("down");
    store.failWith(null);
    store.services(List.of("a"));
    assertThat(traces.services()).containsExactly("a");
  }

  @Test
  void operationsAreCachedPerServiceAndKind() {
    store.writeSpans(
        List.of(
            span(1, 1, "svc", "b-op").withTags(List.of(KeyValue.string("span.kind", "server"))),
            span(1, 2, "svc", "a-op"),
            span(1, 3, "svc", "b-op"),
            span(1, 4, "other", "x")));
    TraceService traces = service(null);
    assertThat(traces.operations("svc", ""))
        .containsExactly(
            new Operation("b-op", "server"), new Operation("a-op", ""), new Operation("b-op", ""));
    assertThat(traces.operationNames("svc")).containsExactly("a-op", "b-op");
    assertThat(traces.operations("svc", "server")).containsExactly(new Operation("b-op", "server"));
    assertThat(store.operationCalls()).isEqualTo(2);
    assertThat(traces.operationNames("nobody")).isEmpty();
  }

  @Test
  void findTracesAdjustsUnlessRaw() {
    store.writeSpans(List.of(span(1, 1, "svc", "op")));
    TraceService traces = service(null);
    TraceQuery query =
        TraceQuery.builder(Instant.EPOCH, Instant.ofEpochSecond(10)).serviceName("svc").build();
    Trace adjusted = traces.findTraces(query, false).get(0);
    assertThat(adjusted.spans().get(0).process().tags())
        .containsExactly(KeyValue.string("ip", "1.2.3.4"));
    Trace raw = traces.findTraces(query, true).get(0);
    assertThat(raw.spans().get(0).process().tags())
        .containsExactly(KeyValue.int64("ip", 0x01020304));
  }

  @Test
  void getTracesFallsBackToTheArchiveInRequestOrder() {
    store.writeSpans(List.of(span(1, 1, "svc", "live")));
    archiveStore.writeSpans(List.of(span(2, 1, "svc", "archived"), span(1, 9, "svc", "old copy")));
    TraceService traces = service(new ArchiveStorage(archiveStore, archiveStore));
    List<Trace> found =
        traces.getTraces(
            List.of(
                TraceLookup.of(new TraceId(0, 2)),
                TraceLookup.of(new TraceId(0, 3)),
                TraceLookup.of(new TraceId(0, 1)),
                TraceLookup.of(new TraceId(0, 2))),
            false);
    assertThat(found)
        .extracting(t -> t.spans().get(0).operationName())
        .containsExactly("archived", "live");
    // fetchTrace says where each came from: the live copy wins over the archived one.
    assertThat(traces.fetchTrace(TraceLookup.of(new TraceId(0, 2)), false).orElseThrow())
        .returns(true, TraceService.Fetched::fromArchive);
    TraceService.Fetched live = traces.fetchTrace(TraceLookup.of(new TraceId(0, 1)), false).get();
    assertThat(live.fromArchive()).isFalse();
    assertThat(live.trace().spans().get(0).operationName()).isEqualTo("live");
    assertThat(traces.fetchTrace(TraceLookup.of(new TraceId(0, 3)), false)).isEmpty();
  }

  @Test
  void getTraceWithoutArchive() {
    store.writeSpans(List.of(span(1, 1, "svc", "live")));
    TraceService traces = service(null);
    assertThat(traces.getTrace(TraceLookup.of(new TraceId(0, 1)), true)).isPresent();
    assertThat(traces.getTrace(TraceLookup.of(new TraceId(0, 2)), true)).isEmpty();
    assertThat(traces.archiveConfigured()).isFalse();
  }

  @Test
  void archiveCopiesTheStoredSpans() {
    Span stored = span(1, 1, "svc", "live");
    store.writeSpans(List.of(stored));
    TraceService traces = service(new ArchiveStorage(archiveStore, archiveStore));
    assertThat(traces.archiveTrace(TraceLookup.of(new TraceId(0, 1)))).isEqualTo(1);
    // Written as stored: no adjuster touched the process tags.
    assertThat(archiveStore.getTraces(List.of(TraceLookup.of(new TraceId(0, 1)))).get(0).spans())
        .containsExactly(stored);
  }

  @Test
  void archiveErrors() {
    assertThatThrownBy(() -> service(null).archiveTrace(TraceLookup.of(new TraceId(0, 1))))
        .isInstanceOf(ArchiveNotConfiguredException.class)
        .hasMessage("archive span storage was not configured");
    TraceService traces = service(new ArchiveStorage(archiveStore, archiveStore));
    assertThatThrownBy(() -> traces.archiveTrace(TraceLookup.of(new TraceId(0, 1))))
        .isInstanceOf(TraceNotFoundException.class)
        .hasMessage("trace not found");
  }

  @Test
  void dependenciesMergeDuplicatesAndFilterByService() {
    Instant day1 = Instant.parse("2026-05-01T00:00:00Z");
    Instant day2 = Instant.parse("2026-05-02T00:00:00Z");
    store.writeDependencies(
        day1, List.of(new DependencyLink("a", "b", 3), new DependencyLink("b", "c", 1)));
    store.writeDependencies(
        day2, List.of(new DependencyLink("a", "b", 4), new DependencyLink("c", "d", 2)));
    TraceService traces = service(null);
    DependencyQuery twoDays = new DependencyQuery(day2, Duration.ofDays(1));
    assertThat(traces.dependencies(twoDays, ""))
        .containsExactly(
            new DependencyLink("a", "b", 7),
            new DependencyLink("b", "c", 1),
            new DependencyLink("c", "d", 2));
    assertThat(traces.dependencies(twoDays, "c"))
        .containsExactly(new DependencyLink("b", "c", 1), new DependencyLink("c", "d", 2));
    assertThat(traces.dependencies(new DependencyQuery(day2, Duration.ofHours(1)), null))
        .containsExactly(new DependencyLink("a", "b", 4), new DependencyLink("c", "d", 2));
  }

  /**
   * A search streamed trace by trace holds one batch of the read budget at a time: four batches of
   * 400 spans pass a budget of 1,000 spans, each batch read only once the caller has taken the one
   * before; collected into a list, the same answer is too large.
   */
  @Test
  void aStreamedSearchFreesEachBatchOnceItHasBeenHandedOut() {
    ReadBudget budget = new ReadBudget(1_000, 4, Duration.ZERO, 4);
    List<Long> heldWhenRead = new ArrayList<>();
    SpanReader batched =
        new SpanReader() {
          @Override
          public List<String> getServices() {
            return List.of("s");
          }

          @Override
          public List<Operation> getOperations(String service, String spanKind) {
            return List.of();
          }

          @Override
          public List<TraceId> findTraceIds(TraceQuery query) {
            return List.of();
          }

          @Override
          public List<Trace> findTraces(TraceQuery query) {
            List<Trace> all = new ArrayList<>();
            findTraceBatches(query).forEachRemaining(all::addAll);
            return all;
          }

          @Override
          public Iterator<List<Trace>> findTraceBatches(TraceQuery query) {
            return new Iterator<>() {
              private int read;

              @Override
              public boolean hasNext() {
                return read < 4;
              }

              @Override
              public List<Trace> next() {
                read++;
                heldWhenRead.add(budget.inUse());
                ReadBudget.charge(400);
                return List.of(Trace.of(List.of(span(read, 1, "s", "op"))));
              }
            };
          }

          @Override
          public List<Trace> getTraces(List<TraceLookup> lookups) {
            return List.of();
          }
        };
    TraceService traces =
        new TraceService(
            batched, store, null, Adjusters.standard(Duration.ZERO), Duration.ZERO, budget);
    TraceQuery query =
        TraceQuery.builder(Instant.EPOCH, Instant.EPOCH.plusSeconds(1)).serviceName("s").build();

    List<Long> traceIds = new ArrayList<>();
    try (ReadBudget.Lease lease = budget.open()) {
      traces.streamTraces(query, false).forEachRemaining(t -> traceIds.add(t.traceId().low()));
      assertThat(lease.held()).isEqualTo(400);
    }
    assertThat(traceIds).containsExactly(1L, 2L, 3L, 4L);
    assertThat(heldWhenRead).containsExactly(0L, 0L, 0L, 0L);
    assertThat(budget.inUse()).isZero();

    heldWhenRead.clear();
    try (ReadBudget.Lease lease = budget.open()) {
      assertThatThrownBy(() -> traces.findTraces(query, false))
          .isInstanceOf(StorageBusyException.class)
          .hasMessageContaining("too large");
    }
    assertThat(heldWhenRead).containsExactly(0L, 400L, 800L);
  }

  /**
   * The live graph's use case: the links of the traces a search finds, raw. Trace "shared" has a
   * Zipkin-style shared span (0x2, web's client half and api's server half); the adjusters would
   * give api's half a new ID, and then neither web → api nor api → api would be found.
   */
  @Test
  void dependenciesOfTracesLinkTheRawTracesASearchFinds() {
    long t = DependencyLinkerTest.NOON;
    TraceId shared = TraceId.parse("4bf92f3577b34da6a3ce929d0e0e4736");
    TraceId chain = TraceId.parse("00000000000000000000000000000abc");
    TraceId older = TraceId.parse("00000000000000000000000000000def");
    store.writeSpans(
        List.of(
            DependencyLinkerTest.span(shared, 1, null, false, process("web"), t, "server"),
            DependencyLinkerTest.span(shared, 2, 1L, false, process("web"), t + 10, "client"),
            DependencyLinkerTest.span(shared, 2, 1L, false, process("api"), t + 20, "server"),
            DependencyLinkerTest.span(
                shared,
                3,
                2L,
                false,
                process("api"),
                t + 30,
                "client",
                KeyValue.string("peer.service", "redis"))));
    store.writeSpans(
        List.of(
            DependencyLinkerTest.span(
                chain, 1, null, false, process("frontend"), t + 100, "server"),
            DependencyLinkerTest.span(chain, 2, 1L, false, process("backend"), t + 110, "server"),
            DependencyLinkerTest.span(chain, 3, 2L, false, process("backend"), t + 120, "server")));
    store.writeSpans(
        List.of(
            DependencyLinkerTest.span(
                older, 1, null, false, process("frontend"), t - 500, "server"),
            DependencyLinkerTest.span(older, 2, 1L, false, process("cron"), t - 400, "server")));
    TraceService traces = service(null);

    SampledDependencies web = traces.dependenciesOfTraces(aroundNoon("web", 10));
    assertThat(web.links())
        .containsExactly(
            new DependencyLink("api", "api", 1),
            new DependencyLink("api", "redis", 1),
            new DependencyLink("web", "api", 1),
            new DependencyLink("web", "web", 1));
    assertThat(web.traces()).isEqualTo(1);
    assertThat(web.capped()).isFalse();

    // Every service: all three traces, summed.
    SampledDependencies all = traces.dependenciesOfTraces(aroundNoon("", 10));
    assertThat(all.traces()).isEqualTo(3);
    assertThat(all.links())
        .contains(
            new DependencyLink("frontend", "backend", 1),
            new DependencyLink("backend", "backend", 1),
            new DependencyLink("frontend", "cron", 1),
            new DependencyLink("web", "api", 1))
        .hasSize(7);

    // A sample of one: the newest matching trace only, and it says the search was capped.
    SampledDependencies one = traces.dependenciesOfTraces(aroundNoon("frontend", 1));
    assertThat(one.traces()).isEqualTo(1);
    assertThat(one.limit()).isEqualTo(1);
    assertThat(one.capped()).isTrue();
    assertThat(one.links())
        .containsExactly(
            new DependencyLink("backend", "backend", 1),
            new DependencyLink("frontend", "backend", 1));
  }

  /** A search of a minute either side of the linker tests' noon. */
  private static TraceQuery aroundNoon(String service, int limit) {
    Instant noon = Instant.EPOCH.plusNanos(DependencyLinkerTest.NOON * 1_000);
    return TraceQuery.builder(noon.minusSeconds(60), noon.plusSeconds(60))
        .serviceName(service)
        .limit(limit)
        .build();
  }

  private static TracedProcess process(String service) {
    return DependencyLinkerTest.process(service);
  }
}
