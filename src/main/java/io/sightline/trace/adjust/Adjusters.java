package io.sightline.trace.adjust;

import io.sightline.trace.Adjuster;
import io.sightline.trace.Trace;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The adjusters a trace goes through before display, unless the client asks for it raw. */
public final class Adjusters {

  private Adjusters() {}

  /**
   * Jaeger v1's standard adjusters in Jaeger's order, preceded by the removal of exact duplicate
   * spans: duplicate spans, Zipkin shared span IDs, clock skew, IP tags (and process tag order),
   * OpenTelemetry library tags, log field order, invalid references, parent reference first.
   *
   * @param maxClockSkewAdjustment the largest clock-skew shift to apply; zero disables shifting
   *     (but not the warnings), as in Jaeger
   */
  public static Adjuster standard(Duration maxClockSkewAdjustment) {
    Objects.requireNonNull(maxClockSkewAdjustment, "maxClockSkewAdjustment");
    if (maxClockSkewAdjustment.isNegative()) {
      throw new IllegalArgumentException("the maximum clock skew adjustment must not be negative");
    }
    return sequence(
        List.of(
            new DuplicateSpanRemover(),
            new SpanIdDeduper(),
            new ClockSkewAdjuster(maxClockSkewAdjustment),
            new IpTagAdjuster(),
            new OtelTagAdjuster(),
            new SortLogFields(),
            new SpanReferencesAdjuster(),
            new ParentReferenceAdjuster()));
  }

  /** Applies the adjusters one after the other. */
  public static Adjuster sequence(List<Adjuster> adjusters) {
    List<Adjuster> copy = List.copyOf(adjusters);
    return (Trace trace) -> {
      for (Adjuster adjuster : copy) {
        adjuster.adjust(trace);
      }
    };
  }
}
