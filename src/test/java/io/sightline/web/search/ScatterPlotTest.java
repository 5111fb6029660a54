package io.sightline.web.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.web.TraceSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScatterPlotTest {

  static ResultRow row(String id, long start, long duration, int spans, int errors) {
    TraceSummary s =
        new TraceSummary(id, "svc", "op", start, duration, spans, errors, 0, List.of());
    return ResultRow.of(s, 0, "/trace/" + id, 1_000, Instant.ofEpochSecond(1));
  }

  @Test
  void placesTracesByStartAndDuration() {
    ScatterPlot plot =
        ScatterPlot.of(
            List.of(
                row("first", 1_000, 1_000, 1, 0),
                row("last", 3_000, 500, 100, 2),
                row("mid", 2_000, 0, 50, 0)));
    // y axis up to a round duration at least the longest
    assertThat(plot.yTicks())
        .extracting(ScatterPlot.Tick::label)
        .containsExactly("0", "500µs", "1ms");
    ScatterPlot.Point first = find(plot, "first");
    ScatterPlot.Point last = find(plot, "last");
    ScatterPlot.Point mid = find(plot, "mid");
    assertThat(first.cx()).isEqualTo("2.000%");
    assertThat(last.cx()).isEqualTo("98.000%");
    assertThat(mid.cx()).isEqualTo("50.000%");
    assertThat(first.cy()).isEqualTo("6.000%"); // the longest: top of the plot
    assertThat(mid.cy()).isEqualTo("84.000%"); // zero: the bottom
    assertThat(last.cy()).isEqualTo("45.000%");
    // bubbles grow with spans; errors are marked and drawn last (on top)
    assertThat(Double.parseDouble(last.r())).isGreaterThan(Double.parseDouble(mid.r()));
    assertThat(Double.parseDouble(mid.r())).isGreaterThan(Double.parseDouble(first.r()));
    assertThat(last.error()).isTrue();
    assertThat(plot.points().get(plot.points().size() - 1).traceId()).isEqualTo("last");
    assertThat(last.title()).contains("svc: op").contains("100 spans").contains("2 errors");
    assertThat(last.href()).isEqualTo("/trace/last");
    assertThat(plot.xTicks()).hasSize(3);
  }

  @Test
  void oneTraceSitsInTheMiddle() {
    ScatterPlot plot = ScatterPlot.of(List.of(row("only", 5, 7, 1, 0)));
    assertThat(plot.points().get(0).cx()).isEqualTo("50.000%");
    assertThat(plot.xTicks()).hasSize(1);
    assertThat(ScatterPlot.of(List.of()).points()).isEmpty();
  }

  @Test
  void roundCeilings() {
    assertThat(ScatterPlot.niceCeiling(1)).isEqualTo(1);
    assertThat(ScatterPlot.niceCeiling(7)).isEqualTo(7);
    assertThat(ScatterPlot.niceCeiling(11)).isEqualTo(12);
    assertThat(ScatterPlot.niceCeiling(1_500_000)).isEqualTo(1_600_000);
    assertThat(ScatterPlot.niceCeiling(5_500_000)).isEqualTo(6_000_000);
    assertThat(ScatterPlot.niceCeiling(1_000)).isEqualTo(1_000);
    assertThat(ScatterPlot.niceCeiling(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void relativeTimesAndDays() {
    Instant now = Instant.parse("2024-03-05T14:00:00Z");
    long nowUs = SearchParams.micros(now);
    assertThat(SearchTimes.relative(nowUs - 5_000_000, now)).isEqualTo("a few seconds ago");
    assertThat(SearchTimes.relative(nowUs - 60_000_000, now)).isEqualTo("1 minute ago");
    assertThat(SearchTimes.relative(nowUs - 5 * 3_600_000_000L, now)).isEqualTo("5 hours ago");
    assertThat(SearchTimes.relative(nowUs - 49 * 3_600_000_000L, now)).isEqualTo("2 days ago");
    assertThat(SearchTimes.relative(nowUs + 600_000_000L, now)).isEqualTo("in the future");
    assertThat(SearchTimes.day(nowUs, now)).isEqualTo("Today");
    assertThat(SearchTimes.day(nowUs - 24 * 3_600_000_000L, now)).isEqualTo("Yesterday");
    assertThat(SearchTimes.day(nowUs - 3 * 24 * 3_600_000_000L, now)).isEqualTo("Mar 2");
    assertThat(SearchTimes.day(nowUs - 400 * 24 * 3_600_000_000L, now)).isEqualTo("Jan 30 2023");
    assertThat(SearchTimes.time(nowUs + 7_000_000)).isEqualTo("14:00:07");
  }

  private static ScatterPlot.Point find(ScatterPlot plot, String id) {
    return plot.points().stream().filter(p -> p.traceId().equals(id)).findFirst().orElseThrow();
  }
}
