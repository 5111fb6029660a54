package io.sightline.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the demo data that seeds the embedded store ({@code sightline.demo.*}).
 *
 * <pre>
 * sightline:
 *   demo:
 *     enabled: true      # SIGHTLINE_DEMO; false starts the embedded store empty
 *     seed: 42           # SIGHTLINE_DEMO_SEED; same seed, same traces (relative to start-up)
 *     trace-count: 300   # SIGHTLINE_DEMO_TRACE_COUNT; request traces, plus one 5,000-span trace
 *     window: 6h         # SIGHTLINE_DEMO_WINDOW; how far back before start-up the traces reach
 * </pre>
 *
 * @param enabled whether to seed the embedded store at start-up
 * @param seed the generator's seed
 * @param traceCount how many request traces (0 to 100,000); the large trace comes on top
 * @param window how far back before start-up the traces are spread
 */
@ConfigurationProperties("sightline.demo")
record DemoProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("42") long seed,
    @DefaultValue("300") int traceCount,
    @DefaultValue("6h") Duration window) {

  /** Beyond this the embedded store would hold more than a demo needs. */
  static final int MAX_TRACE_COUNT = 100_000;

  DemoProperties {
    if (traceCount < 0 || traceCount > MAX_TRACE_COUNT) {
      throw new IllegalArgumentException(
          "sightline.demo.trace-count must be between 0 and "
              + MAX_TRACE_COUNT
              + ": "
              + traceCount);
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("sightline.demo.window must be positive: " + window);
    }
  }
}
