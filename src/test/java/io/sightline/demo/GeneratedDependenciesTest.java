package io.sightline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyLinker;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.Trace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo's generated traffic through the one link computation, {@link DependencyLinker}. */
class GeneratedDependenciesTest {

  static final LocalDate DAY = LocalDate.of(2025, 3, 14);

  @Test
  void generatedDataLinksOnlyItsServicesAndPeers() {
    Clock clock = Clock.fixed(Instant.parse("2025-03-14T12:00:00Z"), ZoneOffset.UTC);
    List<Trace> traces = new DemoTraceGenerator(42, clock).defaultSet(1500, Duration.ofHours(6));
    Map<LocalDate, List<DependencyLink>> byDay = DependencyLinker.byDay(traces);
    assertThat(byDay).containsOnlyKeys(DAY);
    List<DependencyLink> links = byDay.get(DAY);

    Set<String> services = DemoTraceGeneratorTest.services(traces);
    Set<String> peers = Set.of("redis", "postgresql", "kafka", "payment-provider");
    Set<String> known = new HashSet<>(services);
    known.addAll(peers);
    Set<String> nodes = new HashSet<>();
    for (DependencyLink link : links) {
      assertThat(services).as("a link's parent runs").contains(link.parent());
      assertThat(link.child()).isIn(known);
      assertThat(link.callCount()).isPositive();
      nodes.add(link.parent());
      nodes.add(link.child());
      if (link.child().equals("web-frontend")) {
        assertThat(link.parent())
            .as("only browsers call the web frontend")
            .isEqualTo("web-frontend");
      }
    }
    assertThat(nodes).hasSize(17).containsAll(peers);
    assertThat(links)
        .extracting(l -> l.parent() + " -> " + l.child())
        .contains(
            "web-frontend -> api-gateway",
            "api-gateway -> catalog-service",
            "catalog-service -> redis",
            "catalog-service -> postgresql",
            "checkout-service -> payment-service",
            "payment-service -> payment-provider",
            "checkout-service -> order-worker",
            "order-worker -> kafka",
            "search-service -> search-service")
        // The published order has a consumer, so the producer is no leaf: no link to Kafka.
        .doesNotContain("checkout-service -> kafka");

    // Independent count: one call per referencing span plus one per leaf with peer.service.
    long expected = 0;
    for (Trace trace : traces) {
      Map<SpanId, List<Span>> children = TraceChecks.children(trace);
      for (Span span : trace.spans()) {
        if (!span.references().isEmpty()) {
          expected++;
          if (!children.containsKey(span.spanId()) && span.tag("peer.service") != null) {
            expected++;
          }
        }
      }
    }
    assertThat(links.stream().mapToLong(DependencyLink::callCount).sum()).isEqualTo(expected);
  }
}
