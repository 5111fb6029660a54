package io.sightline.web.trace.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Grouping and sorting of the statistics rows, with values worked out by hand. */
class StatisticsTest {

  // Spans: api/GET (100, self 60), api/GET (50, self 50, error), db/SELECT (30, self 30),
  // db/INSERT (10, self 10, error), db/SELECT (20, self 20).
  static final List<String> SERVICES = List.of("api", "db");
  static final List<String> OPS = List.of("GET", "SELECT", "INSERT");
  static final int[] SERVICE = {0, 0, 1, 1, 1};
  static final int[] OP = {0, 0, 1, 2, 1};
  static final long[] DURATION = {100, 50, 30, 10, 20};
  static final long[] SELF = {60, 50, 30, 10, 20};
  static final boolean[] ERROR = {false, true, false, true, false};

  static List<Statistics.Group> compute(Statistics.Sort sort, boolean ascending) {
    return Statistics.compute(SERVICE, SERVICES, OP, OPS, DURATION, SELF, ERROR, sort, ascending);
  }

  @Test
  void groupsPerServiceAndOperation() {
    List<Statistics.Group> groups = compute(Statistics.Sort.SELF, false);
    assertThat(groups).extracting(g -> g.row().service()).containsExactly("api", "db");
    assertThat(groups.get(0).row())
        .isEqualTo(new Statistics.Row("api", null, 2, 150, 50, 100, 110, 1));
    assertThat(groups.get(0).row().avg()).isEqualTo(75);
    assertThat(groups.get(0).row().selfPercent(200)).isEqualTo("55.0");
    assertThat(groups.get(1).row()).isEqualTo(new Statistics.Row("db", null, 3, 60, 10, 30, 60, 1));
    assertThat(groups.get(1).rows())
        .containsExactly(
            new Statistics.Row("db", "SELECT", 2, 50, 20, 30, 50, 0),
            new Statistics.Row("db", "INSERT", 1, 10, 10, 10, 10, 1));
  }

  @Test
  void sortsByAnyColumnBothWays() {
    assertThat(compute(Statistics.Sort.COUNT, false))
        .extracting(g -> g.row().service())
        .containsExactly("db", "api");
    assertThat(compute(Statistics.Sort.MIN, true))
        .extracting(g -> g.row().service())
        .containsExactly("db", "api");
    assertThat(compute(Statistics.Sort.NAME, true).get(1).rows())
        .extracting(Statistics.Row::value)
        .containsExactly("INSERT", "SELECT");
    assertThat(compute(Statistics.Sort.ERRORS, false).get(1).rows().get(0).value())
        .isEqualTo("INSERT");
  }

  @Test
  void spansWithoutTheValueGetTheirOwnRow() {
    int[] value = {0, -1, -1, 0, 0};
    List<Statistics.Group> groups =
        Statistics.compute(
            SERVICE,
            SERVICES,
            value,
            List.of("eu"),
            DURATION,
            SELF,
            ERROR,
            Statistics.Sort.TOTAL,
            false);
    assertThat(groups.get(0).rows())
        .containsExactly(
            new Statistics.Row("api", "eu", 1, 100, 100, 100, 60, 0),
            new Statistics.Row("api", Statistics.NO_VALUE, 1, 50, 50, 50, 50, 1));
  }

  @Test
  void unknownSortNamesFallBackToSelfTime() {
    assertThat(Statistics.Sort.parse("bogus")).isEqualTo(Statistics.Sort.SELF);
    assertThat(Statistics.Sort.parse("Total")).isEqualTo(Statistics.Sort.TOTAL);
  }
}
