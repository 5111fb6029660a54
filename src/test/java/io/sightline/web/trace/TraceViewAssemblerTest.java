package io.sightline.web.trace;

import static io.sightline.web.trace.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.KeyValue;
import io.sightline.trace.Trace;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TraceViewAssemblerTest {

  private static Trace shop() {
    return TestTraces.trace(
        span("1")
            .service("frontend")
            .op("GET /checkout")
            .at(0, 1_000_000)
            .tag("span.kind", "server")
            .tag("http.method", "GET")
            .tag(KeyValue.int64("http.status_code", 502)),
        span("2")
            .service("frontend")
            .op("POST cart")
            .childOf("1")
            .at(10_000, 200_000)
            .tag("span.kind", "client")
            .tag("peer.service", "cart-legacy"),
        span("3")
            .service("orders")
            .op("SELECT")
            .childOf("1")
            .at(300_000, 500_000)
            .tag("db.system", "postgresql")
            .tag("db.statement", "select 1"),
        span("4")
            .service("orders")
            .op("compute")
            .childOf("3")
            .at(400_000, 10_000)
            .log(405_000, KeyValue.string("event", "oops"))
            .error(),
        span("5")
            .service("payments")
            .op("charge")
            .childOf("1")
            .at(850_000, 100_000)
            .tag("span.kind", "client")
            .tag("peer.service", "bank"),
        span("6")
            .service("payments")
            .op("bank call")
            .childOf("5")
            .at(860_000, 50_000)
            .tag("span.kind", "server"));
  }

  @Test
  void headerSummarisesTheTrace() {
    TraceHeader header = TraceViewAssembler.assemble(shop()).header;
    assertThat(header.name()).isEqualTo("frontend: GET /checkout");
    assertThat(header.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(header.startMicros()).isEqualTo(TestTraces.T0);
    assertThat(header.durationMicros()).isEqualTo(1_000_000);
    assertThat(header.serviceCount()).isEqualTo(3);
    assertThat(header.depth()).isEqualTo(3);
    assertThat(header.spanCount()).isEqualTo(6);
    assertThat(header.errorCount()).isEqualTo(1);
    assertThat(header.incomplete()).isFalse();
    assertThat(header.pageTitle()).isEqualTo("GET /checkout (frontend) · 4bf92f3");
  }

  @Test
  void errorsBubbleUpToEveryAncestor() {
    TraceView view = TraceViewAssembler.assemble(shop());
    // rows: 1, 2, 3, 4, 5, 6
    assertThat(view.flags[3] & RowFlags.ERROR).isNotZero();
    assertThat(view.flags[2] & RowFlags.DESC_ERROR).isNotZero();
    assertThat(view.flags[0] & RowFlags.DESC_ERROR).isNotZero();
    assertThat(view.flags[1] & (RowFlags.ERROR | RowFlags.DESC_ERROR)).isZero();
    assertThat(view.flags[4] & (RowFlags.ERROR | RowFlags.DESC_ERROR)).isZero();
    assertThat(view.flags[3] & RowFlags.DESC_ERROR).isZero(); // a leaf
  }

  @Test
  void rowsCarryOffsetsServicesHintsAndLogs() {
    TraceView view = TraceViewAssembler.assemble(shop());
    assertThat(view.services).containsExactly("frontend", "orders", "payments");
    assertThat(view.service).containsExactly(0, 0, 1, 1, 2, 2);
    assertThat(view.start).containsExactly(0, 10_000, 300_000, 400_000, 850_000, 860_000);
    assertThat(view.operationName(2)).isEqualTo("SELECT");
    assertThat(view.logCount).containsExactly(0, 0, 0, 1, 0, 0);
    assertThat(view.logOffsets).containsExactly(405_000);

    assertThat(RowFlags.kind(view.flags[0])).isEqualTo(SpanHints.KIND_SERVER);
    assertThat(RowFlags.type(view.flags[0])).isEqualTo(SpanHints.TYPE_HTTP);
    assertThat(RowFlags.type(view.flags[2])).isEqualTo(SpanHints.TYPE_DB);
    assertThat(view.pillSets.get(view.pills[0]))
        .containsExactly(
            new SpanHints.Pill("GET", "method"), new SpanHints.Pill("502", "status-error"));
    assertThat(view.pillSets.get(view.pills[2]))
        .containsExactly(new SpanHints.Pill("postgresql", "db"));
    assertThat(view.pills[1]).isEqualTo(-1);
    // A client leaf names its uninstrumented peer; a client with an instrumented child does not.
    assertThat(view.strings.get(view.peer[1])).isEqualTo("cart-legacy");
    assertThat(view.strings.get(view.peer[4])).isEqualTo("bank");
    assertThat(view.peer[0]).isEqualTo(-1);
    assertThat(view.flags[0] & RowFlags.HAS_CHILDREN).isNotZero();
    assertThat(view.flags[1] & RowFlags.HAS_CHILDREN).isZero();
    assertThat(view.flags[0] & RowFlags.CRITICAL).isNotZero();
  }

  @Test
  void incompleteTracesCountOrphansAndRootlessTracesHaveJaegersName() {
    Trace orphaned =
        TestTraces.trace(span("2").childOf("1").at(0, 10), span("3").childOf("2").at(1, 1));
    TraceHeader header = TraceViewAssembler.assemble(orphaned).header;
    assertThat(header.incomplete()).isTrue();
    assertThat(header.orphanCount()).isEqualTo(1);
    assertThat(header.incompleteTooltip()).contains("1 span has missing parent span");
    // "2" references a span outside the trace: still the name-giving root, as in Jaeger UI.
    assertThat(header.name()).isEqualTo("svc: 2");

    Trace cycle = TestTraces.trace(span("1").childOf("2"), span("2").childOf("1"));
    assertThat(TraceViewAssembler.assemble(cycle).header.name())
        .isEqualTo("<trace-without-root-span>");
  }

  @Test
  void findMatchesRowsInOrder() {
    TraceView view = TraceViewAssembler.assemble(shop());
    assertThat(view.find(SpanMatcher.parse("payments"))).containsExactly(4, 5);
    assertThat(view.find(SpanMatcher.parse("oops postgresql"))).containsExactly(2, 3);
    assertThat(view.find(SpanMatcher.parse(""))).isEmpty();
  }

  @Test
  void negativeDurationsReadAsZero() {
    TraceView view = TraceViewAssembler.assemble(TestTraces.trace(span("1").at(0, -5)));
    assertThat(view.duration).containsExactly(0);
    assertThat(view.header.durationMicros()).isZero();
  }

  @Test
  void largeSyntheticTraces() throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    for (int size : List.of(1_000, 10_000, 100_000)) {
      Trace trace = TestTraces.synthetic(size, 42);
      System.gc();
      Runtime rt = Runtime.getRuntime();
      long before = rt.totalMemory() - rt.freeMemory();
      long t = System.nanoTime();
      TraceView view = TraceViewAssembler.assemble(trace);
      long assembleMs = (System.nanoTime() - t) / 1_000_000;
      t = System.nanoTime();
      int[] found = view.find(SpanMatcher.parse("cache miss http.status_code=503"));
      long findMs = (System.nanoTime() - t) / 1_000_000;
      System.gc();
      long after = rt.totalMemory() - rt.freeMemory();
      t = System.nanoTime();
      byte[] payload = json.writeValueAsBytes(TimelineJson.of(view));
      long jsonMs = (System.nanoTime() - t) / 1_000_000;
      ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
      try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
        gzip.write(payload);
      }
      System.out.printf(
          "synthetic %,d spans: assembled in %d ms (depth %d, %d critical-path sections,"
              + " ~%,d KB retained by the view); timeline JSON %,d bytes (%,d gzipped), written"
              + " in %d ms; find in %d ms (%,d rows)%n",
          size,
          assembleMs,
          view.header.depth(),
          view.criticalPath.size(),
          Math.max(0, after - before) / 1024,
          payload.length,
          gzipped.size(),
          jsonMs,
          findMs,
          found.length);
      assertThat(view.size()).isEqualTo(size);
      assertThat(view.header.name()).isEqualTo("frontend: GET /");
      assertThat(view.tree.subtreeEnd(0)).isEqualTo(size);
      assertThat(found).isNotEmpty();
    }
  }
}
