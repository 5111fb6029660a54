package io.sightline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.demo.RecordingWriters.Document;
import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyLinker;
import io.sightline.trace.Span;
import io.sightline.trace.Trace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class DemoSeederTest {

  static final Clock NOON = Clock.fixed(Instant.parse("2025-03-14T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void writesTheDemoSetThenItsDependenciesAndSaysSoOnce(CapturedOutput output) {
    RecordingWriters writers = new RecordingWriters();
    DemoProperties properties = new DemoProperties(true, 42, 300, Duration.ofHours(6));
    new DemoSeeder(writers.spans, writers.dependencies, properties, NOON)
        .run(new DefaultApplicationArguments());

    List<Trace> expected = new DemoTraceGenerator(42, NOON).defaultSet(300, Duration.ofHours(6));
    assertThat(writers.spanBatches())
        .hasSize(301)
        .isEqualTo(expected.stream().map(Trace::spans).toList());
    assertThat(writers.spanBatches().get(300)).hasSize(5000);

    // Spans first, made visible, then one dependencies document for the day, stamped 00:00Z.
    List<String> order =
        writers.calls.stream().map(RecordingWriters.Call::what).distinct().toList();
    assertThat(order).containsExactly("spans", "flush", "dependencies");
    Map<LocalDate, List<DependencyLink>> links = DependencyLinker.byDay(expected);
    assertThat(writers.documents())
        .containsExactly(
            new Document(
                Instant.parse("2025-03-14T00:00:00Z"), links.get(LocalDate.of(2025, 3, 14))));
    assertThat(writers.documents().get(0).links()).hasSizeGreaterThan(30);

    List<String> lines =
        output.getAll().lines().filter(l -> l.contains("SPAN_STORAGE_TYPE=elasticsearch")).toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .contains("embedded in-memory store with 301 demo traces")
        .contains("13 services, last 6h")
        .contains("ES_SERVER_URLS=http://<host>:9200")
        .contains("SIGHTLINE_DEMO=false");
  }

  @Test
  void windowsReadAsTheyAreWritten() {
    assertThat(DemoSeeder.readable(Duration.ofHours(72))).isEqualTo("72h");
    assertThat(DemoSeeder.readable(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(DemoSeeder.readable(Duration.ofSeconds(45))).isEqualTo("45s");
  }

  @Test
  void aWindowAcrossMidnightGivesOneDocumentPerUtcDay() {
    Clock twoAm = Clock.fixed(Instant.parse("2025-03-14T02:00:00Z"), ZoneOffset.UTC);
    RecordingWriters writers = new RecordingWriters();
    new DemoSeeder(
            writers.spans,
            writers.dependencies,
            new DemoProperties(true, 7, 200, Duration.ofHours(6)),
            twoAm)
        .run(new DefaultApplicationArguments());

    assertThat(writers.documents())
        .extracting(Document::timestamp)
        .containsExactly(
            Instant.parse("2025-03-13T00:00:00Z"), Instant.parse("2025-03-14T00:00:00Z"));
    long calls =
        writers.documents().stream()
            .flatMap(d -> d.links().stream())
            .mapToLong(DependencyLink::callCount)
            .sum();
    long referencingSpans =
        writers.spanBatches().stream()
            .flatMap(List::stream)
            .filter(s -> !s.references().isEmpty())
            .count();
    // Every reference is a call, unless it crosses midnight; leaf peers add more.
    assertThat(calls).isGreaterThan(referencingSpans - 10);
  }

  @Test
  void seedsNoTracesButTheLargeOneWhenAskedForNone() {
    RecordingWriters writers = new RecordingWriters();
    new DemoSeeder(
            writers.spans,
            writers.dependencies,
            new DemoProperties(true, 1, 0, Duration.ofHours(1)),
            NOON)
        .run(new DefaultApplicationArguments());
    assertThat(writers.spanBatches()).hasSize(1);
    assertThat(writers.spanBatches().get(0))
        .extracting(Span::operationName)
        .contains("reindex products");
  }
}
