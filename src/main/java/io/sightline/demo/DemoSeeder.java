package io.sightline.demo;

import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyLinker;
import io.sightline.trace.DependencyWriter;
import io.sightline.trace.Span;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.Trace;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Writes the default demo set into the embedded store once the application has started, and the
 * dependency links the daily spark-dependencies job would have stored for it: one document per UTC
 * day, stamped 00:00Z. Runs before the application reports itself ready, so the first page already
 * shows traces.
 */
final class DemoSeeder implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

  private final SpanWriter spanWriter;
  private final DependencyWriter dependencyWriter;
  private final DemoProperties properties;
  private final Clock clock;
  private final Runnable afterSeeding;

  DemoSeeder(
      SpanWriter spanWriter,
      DependencyWriter dependencyWriter,
      DemoProperties properties,
      Clock clock) {
    this(spanWriter, dependencyWriter, properties, clock, () -> {});
  }

  /**
   * @param afterSeeding run once the demo set is in (forgets names cached while the store was still
   *     empty: the server answers while the seeder runs)
   */
  DemoSeeder(
      SpanWriter spanWriter,
      DependencyWriter dependencyWriter,
      DemoProperties properties,
      Clock clock,
      Runnable afterSeeding) {
    this.spanWriter = spanWriter;
    this.dependencyWriter = dependencyWriter;
    this.properties = properties;
    this.clock = clock;
    this.afterSeeding = afterSeeding;
  }

  @Override
  public void run(ApplicationArguments args) {
    seed();
  }

  /** Writes the demo set; returns how many traces were written. */
  int seed() {
    List<Trace> traces =
        new DemoTraceGenerator(properties.seed(), clock)
            .defaultSet(properties.traceCount(), properties.window());
    DependencyLinker links = new DependencyLinker();
    Set<String> services = new HashSet<>();
    long spans = 0;
    for (Trace trace : traces) {
      spanWriter.writeSpans(trace.spans());
      links.add(trace);
      spans += trace.spans().size();
      for (Span span : trace.spans()) {
        services.add(span.process().serviceName());
      }
    }
    spanWriter.flush();
    Map<LocalDate, List<DependencyLink>> byDay = links.byDay();
    byDay.forEach(
        (day, dayLinks) ->
            dependencyWriter.writeDependencies(DependencyLinker.timestampOf(day), dayLinks));
    afterSeeding.run();
    log.info(
        "Using the embedded in-memory store with {} demo traces ({} spans, {} services, last {});"
            + " nothing is persisted. To read Jaeger's Elasticsearch instead, start Sightline with"
            + " SPAN_STORAGE_TYPE=elasticsearch ES_SERVER_URLS=http://<host>:9200 (or"
            + " SPAN_STORAGE_TYPE=opensearch); SIGHTLINE_DEMO=false starts the embedded store"
            + " empty.",
        traces.size(),
        spans,
        services.size(),
        readable(properties.window()));
    return traces.size();
  }

  /** {@code 6h}, {@code 90m}, {@code 45s}: as the setting is usually written. */
  static String readable(Duration duration) {
    if (duration.toNanosPart() != 0) {
      return duration.toString();
    }
    if (duration.toSecondsPart() != 0) {
      return duration.toSeconds() + "s";
    }
    return duration.toMinutesPart() != 0 ? duration.toMinutes() + "m" : duration.toHours() + "h";
  }
}
