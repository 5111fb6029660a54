package io.sightline.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.DependencyLink;
import io.sightline.trace.DependencyQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryDependencyStoreTest {

  private static final Instant DAY = Instant.parse("2024-05-01T00:00:00Z");

  @Test
  void comparesTimestampsInMillisecondsLikeAnElasticsearchDate() {
    MemoryDependencyStore store = new MemoryDependencyStore();
    store.writeDependencies(DAY.plusNanos(999_999), List.of(new DependencyLink("a", "b", 1)));

    // The document's timestamp is 00:00:00.000 once stored at millisecond precision.
    assertThat(store.getDependencies(new DependencyQuery(DAY, Duration.ZERO))).hasSize(1);
    assertThat(store.getDependencies(new DependencyQuery(DAY.minusNanos(1), Duration.ofHours(1))))
        .isEmpty();
  }

  @Test
  void keepsTheNewestDocumentsUpToTheCap() {
    MemoryDependencyStore store = new MemoryDependencyStore();
    for (int i = 0; i < MemoryDependencyStore.MAX_DOCUMENTS + 5; i++) {
      store.writeDependencies(
          DAY.plus(Duration.ofMinutes(i)), List.of(new DependencyLink("p" + i, "c", i)));
    }

    List<DependencyLink> all =
        store.getDependencies(
            new DependencyQuery(DAY.plus(Duration.ofDays(30)), Duration.ofDays(60)));
    assertThat(all).hasSize(MemoryDependencyStore.MAX_DOCUMENTS);
    assertThat(all.get(0)).isEqualTo(new DependencyLink("p5", "c", 5));
  }

  @Test
  void returnsLinksInTimestampOrderAsStored() {
    MemoryDependencyStore store = new MemoryDependencyStore();
    store.writeDependencies(DAY.plusSeconds(2), List.of(new DependencyLink("x", "y", 2)));
    store.writeDependencies(DAY, List.of(new DependencyLink("x", "y", 1)));
    store.writeDependencies(
        DAY, List.of(new DependencyLink("x", "y", 3), new DependencyLink("y", "z", 4)));

    assertThat(
            store.getDependencies(new DependencyQuery(DAY.plusSeconds(2), Duration.ofSeconds(2))))
        .containsExactly(
            new DependencyLink("x", "y", 1),
            new DependencyLink("x", "y", 3),
            new DependencyLink("y", "z", 4),
            new DependencyLink("x", "y", 2));
  }
}
