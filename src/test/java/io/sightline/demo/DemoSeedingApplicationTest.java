package io.sightline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyLinker;
import io.sightline.trace.DependencyQuery;
import io.sightline.trace.DependencyReader;
import io.sightline.trace.Span;
import io.sightline.trace.SpanReader;
import io.sightline.trace.Trace;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;

/** The whole application with nothing configured: the embedded store, seeded with the demo set. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DemoSeedingApplicationTest {

  static final Instant NOW = Instant.parse("2025-03-14T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TestConfiguration(proxyBeanMethods = false)
  static class FixedClock {
    @Bean
    Clock clock() {
      return CLOCK;
    }
  }

  @Autowired SpanReader spans;
  @Autowired DependencyReader dependencies;

  private final List<Trace> expected = new DemoTraceGenerator(42, CLOCK).defaultSet();

  @Test
  void theEmbeddedStoreServesTheDemoTraces() {
    assertThat(spans.getServices())
        .containsExactlyInAnyOrderElementsOf(DemoTraceGeneratorTest.SHOP_SERVICES);

    Trace large = expected.get(expected.size() - 1);
    List<Trace> found = spans.getTraces(List.of(TraceLookup.of(large.traceId())));
    assertThat(found).hasSize(1);
    assertThat(sorted(found.get(0).spans())).isEqualTo(sorted(large.spans()));

    List<Trace> checkouts =
        spans.findTraces(
            TraceQuery.builder(NOW.minus(Duration.ofHours(6)), NOW)
                .serviceName("checkout-service")
                .operationName("oteldemo.CheckoutService/PlaceOrder")
                .limit(500)
                .build());
    long expectedCheckouts =
        expected.stream()
            .filter(
                t ->
                    t.spans().stream()
                        .anyMatch(
                            s -> s.operationName().equals("oteldemo.CheckoutService/PlaceOrder")))
            .count();
    assertThat(checkouts).hasSize((int) expectedCheckouts).isNotEmpty();
  }

  @Test
  void theDependenciesOfTheDayAreStoredAtMidnight() {
    List<DependencyLink> stored =
        dependencies.getDependencies(new DependencyQuery(NOW, Duration.ofDays(1)));
    assertThat(stored)
        .containsExactlyInAnyOrderElementsOf(
            DependencyLinker.byDay(expected).get(LocalDate.of(2025, 3, 14)));
    // A window without 00:00Z finds nothing, as with the daily job's documents.
    assertThat(dependencies.getDependencies(new DependencyQuery(NOW, Duration.ofHours(1))))
        .isEmpty();
  }

  @Test
  void startUpSaysOnceThatTheEmbeddedStoreIsInUse(CapturedOutput output) {
    assertThat(output.getAll().lines().filter(l -> l.contains("SPAN_STORAGE_TYPE=elasticsearch")))
        .hasSize(1)
        .allMatch(l -> l.contains("INFO") && l.contains("301 demo traces (10"));
  }

  private static List<Span> sorted(List<Span> spans) {
    return spans.stream().sorted(Comparator.comparingLong(s -> s.spanId().value())).toList();
  }
}
