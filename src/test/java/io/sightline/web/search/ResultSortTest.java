package io.sightline.web.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.web.TraceSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultSortTest {

  @Test
  void sortsAreStableAndMatchTheirNames() {
    TraceSummary a = summary("a", 300, 10, 5, 0);
    TraceSummary b = summary("b", 100, 30, 1, 2);
    TraceSummary c = summary("c", 200, 30, 5, 1);
    List<TraceSummary> storageOrder = List.of(a, b, c);
    assertThat(ResultSort.RECENT.sort(storageOrder)).containsExactly(a, c, b);
    assertThat(ResultSort.OLDEST.sort(storageOrder)).containsExactly(b, c, a);
    assertThat(ResultSort.LONGEST.sort(storageOrder)).containsExactly(b, c, a); // tie: b first
    assertThat(ResultSort.SHORTEST.sort(storageOrder)).containsExactly(a, b, c);
    assertThat(ResultSort.MOST_SPANS.sort(storageOrder)).containsExactly(a, c, b);
    assertThat(ResultSort.FEWEST_SPANS.sort(storageOrder)).containsExactly(b, a, c);
    assertThat(ResultSort.MOST_ERRORS.sort(storageOrder)).containsExactly(b, c, a);
    assertThat(ResultSort.of("longest")).isEqualTo(ResultSort.LONGEST);
    assertThat(ResultSort.of("nonsense")).isEqualTo(ResultSort.RECENT);
    assertThat(ResultSort.of(null)).isEqualTo(ResultSort.RECENT);
  }

  private static TraceSummary summary(String id, long start, long duration, int spans, int errors) {
    return new TraceSummary(id, "s", "op", start, duration, spans, errors, 0, List.of());
  }
}
