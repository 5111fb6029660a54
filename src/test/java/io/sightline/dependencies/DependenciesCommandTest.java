package io.sightline.dependencies;

import static io.sightline.trace.DependencyLinkerTest.process;
import static io.sightline.trace.DependencyLinkerTest.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.storage.memory.MemoryDependencyStore;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyQuery;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanScanner;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command's day loop over its ports: a scanner handing over hand-built traces, the embedded
 * dependencies store as the writer.
 */
class DependenciesCommandTest {

  static final LocalDate DAY = LocalDate.of(2026, 3, 1);
  static final Instant MIDNIGHT = Instant.parse("2026-03-01T00:00:00Z");

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final DependenciesCommand command =
      new DependenciesCommand(
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8),
          Clock.fixed(Instant.parse("2026-03-02T00:10:00Z"), ZoneOffset.UTC),
          Map.of());

  /** frontend → backend → (peer) postgresql, one trace per call. */
  static List<Span> trace(long id, Instant start) {
    TraceId traceId = new TraceId(0, id);
    long t = start.getEpochSecond() * 1_000_000L;
    return new ArrayList<>(
        List.of(
            span(traceId, 1, null, false, process("frontend"), t, "server"),
            span(
                traceId,
                2,
                1L,
                false,
                process("backend"),
                t + 10,
                "server",
                KeyValue.string("peer.service", "postgresql"))));
  }

  /** Hands over the given traces and checks the range asked for is the day's. */
  static SpanScanner scanner(List<List<Span>> traces) {
    return (start, end, listener) -> {
      assertThat(start).isEqualTo(MIDNIGHT);
      assertThat(end).isEqualTo(MIDNIGHT.plus(Duration.ofDays(1)));
      long spans = traces.stream().mapToLong(List::size).sum();
      listener.total(spans);
      traces.forEach(listener::trace);
      listener.read(spans);
      return spans;
    };
  }

  @Test
  void aDayIsLinkedAndItsDocumentReplacedOnEveryRun() throws Exception {
    MemoryDependencyStore store = new MemoryDependencyStore();
    DependenciesOptions options =
        DependenciesOptions.parse(List.of("--day", DAY.toString()), DAY, Map.of());
    List<List<Span>> traces =
        List.of(trace(1, MIDNIGHT.plusSeconds(60)), trace(2, MIDNIGHT.plusSeconds(7200)));

    List<DependencyLink> first = command.processDay(DAY, options, scanner(traces), store);
    command.processDay(DAY, options, scanner(traces), store);

    assertThat(first)
        .containsExactly(
            new DependencyLink("backend", "postgresql", 2),
            new DependencyLink("frontend", "backend", 2));
    DependencyQuery query = new DependencyQuery(MIDNIGHT.plusSeconds(3600), Duration.ofDays(2));
    assertThat(store.getDependencies(query)).as("one document, not two").isEqualTo(first);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("2026-03-01: 4 spans in 2 traces read in")
        .contains("2 links, 4 calls")
        .contains("written: the dependencies document of 2026-03-01");
  }

  @Test
  void aDryRunPrintsTheLinksAndWritesNothing() throws Exception {
    MemoryDependencyStore store = new MemoryDependencyStore();
    DependenciesOptions options = DependenciesOptions.parse(List.of("--dry-run"), DAY, Map.of());
    command.processDay(DAY, options, scanner(List.of(trace(1, MIDNIGHT))), store);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("  backend -> postgresql 1\n", "  frontend -> backend 1\n");
    DependencyQuery query = new DependencyQuery(MIDNIGHT.plusSeconds(1), Duration.ofDays(2));
    assertThat(store.getDependencies(query)).isEmpty();
  }

  @Test
  void badArgumentsExitWithTheUsageStatusBeforeAnySettingIsRead() {
    assertThat(command.execute(List.of("--day", "tomorrow"))).isEqualTo(DependenciesCommand.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("sightline dependencies: --day tomorrow: not a date YYYY-MM-DD");
  }
}
