package io.sightline.web.dependencies;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.DependencyLink;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceGraphTest {

  // web → api → {orders, users}; orders → db; users → db; batch → orders; api → api (self)
  static final List<DependencyLink> LINKS =
      List.of(
          new DependencyLink("web", "api", 10),
          new DependencyLink("api", "orders", 4),
          new DependencyLink("api", "users", 6),
          new DependencyLink("orders", "db", 3),
          new DependencyLink("users", "db", 2),
          new DependencyLink("batch", "orders", 1),
          new DependencyLink("api", "api", 7),
          new DependencyLink("api", "db", 9), // a shortcut from a caller of orders to its callee
          new DependencyLink("web", "api", 5)); // a second document's count for the same pair

  @Test
  void mergesPairsAndKeepsSelfCallsApart() {
    ServiceGraph g = ServiceGraph.of(LINKS);
    assertThat(g.services()).containsExactly("api", "batch", "db", "orders", "users", "web");
    assertThat(g.links()).contains(new DependencyLink("web", "api", 15));
    assertThat(g.links()).noneMatch(l -> l.parent().equals(l.child()));
    assertThat(g.selfCalls()).containsEntry("api", 7L);
    assertThat(g.links()).hasSize(7);
  }

  @Test
  void focusWalksBothWaysUpToTheDepth() {
    ServiceGraph g = ServiceGraph.of(LINKS);
    // one hop from orders: api (caller), batch (caller), db (callee)
    assertThat(g.around("orders", 1).services()).containsExactly("api", "batch", "db", "orders");
    // two hops: web above api; not users (a sibling, neither up nor down from orders)
    assertThat(g.around("orders", 2).services())
        .containsExactly("api", "batch", "db", "orders", "web");
    ServiceGraph twoHops = g.around("orders", 2);
    assertThat(twoHops.links())
        .extracting(l -> l.parent() + ">" + l.child())
        .containsExactlyInAnyOrder("web>api", "api>orders", "batch>orders", "orders>db");
    // api → db links a caller of orders to a callee of orders without passing through it
    assertThat(twoHops.selfCalls()).containsEntry("api", 7L);
    assertThat(g.around("unknown", 3).isEmpty()).isTrue();
  }

  @Test
  void findsAUtcMidnightInAWindow() {
    Instant midnight = Instant.parse("2024-03-05T00:00:00Z");
    assertThat(
            new GraphWindow(
                    Instant.parse("2024-03-05T01:00:00Z"),
                    Instant.parse("2024-03-05T23:00:00Z"),
                    "custom")
                .containsUtcMidnight())
        .isFalse();
    assertThat(
            new GraphWindow(
                    Instant.parse("2024-03-04T23:00:00Z"),
                    Instant.parse("2024-03-05T01:00:00Z"),
                    "custom")
                .containsUtcMidnight())
        .isTrue();
    assertThat(new GraphWindow(midnight, midnight, "custom").containsUtcMidnight()).isTrue();
  }

  @Test
  void graphViewMarksMatchesFocusAndTraffic() {
    ServiceGraph g = ServiceGraph.of(LINKS);
    GraphView view = GraphView.of(g, "orders", "O", s -> "/f/" + s, s -> "/t/" + s);
    assertThat(view.matches()).isEqualTo(1); // case-insensitive: only "orders" has an o
    GraphView.Node orders =
        view.nodes().stream().filter(n -> n.name().equals("orders")).findFirst().orElseThrow();
    assertThat(orders.focus()).isTrue();
    assertThat(orders.match()).isTrue();
    assertThat(orders.callsIn()).isEqualTo(5);
    assertThat(orders.callsOut()).isEqualTo(3);
    assertThat(orders.focusHref()).isEqualTo("/f/orders");
    assertThat(orders.tracesHref()).isEqualTo("/t/orders");
    GraphView.Node api =
        view.nodes().stream().filter(n -> n.name().equals("api")).findFirst().orElseThrow();
    assertThat(api.title()).contains("calls itself: 7");
    assertThat(Double.parseDouble(api.r())).isGreaterThan(Double.parseDouble(orders.r()));
    assertThat(view.edges()).hasSize(7);
    assertThat(view.edges().get(0).d()).startsWith("M");
  }
}
