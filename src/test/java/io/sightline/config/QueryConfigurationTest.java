package io.sightline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.http.TraceQueryParser;
import io.sightline.testing.TestTraceStore;
import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanReference;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceService;
import io.sightline.trace.TracedProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Jaeger's variables reach the query beans through application.yml and {@link QueryProperties}. */
class QueryConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withInitializer(new ConfigDataApplicationContextInitializer())
          .withUserConfiguration(QueryConfiguration.class)
          .withBean(TestTraceStore.class);

  private static final TraceId TRACE = new TraceId(0, 7);

  /** A parent on one host and a child on another that starts 300µs too early. */
  private static void seedSkewedTrace(TestTraceStore store) {
    store.writeSpans(
        List.of(
            span(1, null, 1_000, 3_000, "10.0.0.1"),
            span(2, new SpanId(1), 950, 2_500, "10.0.0.2")));
  }

  private static Span span(long id, SpanId parent, long start, long duration, String ip) {
    return new Span(
        TRACE,
        new SpanId(id),
        "op",
        parent == null ? List.of() : List.of(SpanReference.childOf(TRACE, parent)),
        0,
        start,
        duration,
        List.of(),
        List.of(),
        new TracedProcess("svc-" + ip, List.of(KeyValue.string("ip", ip))),
        List.of());
  }

  @Test
  void clockSkewIsOffByDefaultButWarns() {
    runner.run(
        context -> {
          TestTraceStore store = context.getBean(TestTraceStore.class);
          seedSkewedTrace(store);
          Span child =
              context
                  .getBean(TraceService.class)
                  .getTrace(TraceLookup.of(TRACE), false)
                  .orElseThrow()
                  .spans()
                  .get(1);
          assertThat(child.startTime()).isEqualTo(950);
          assertThat(child.warnings())
              .containsExactly(
                  "clock skew adjustment disabled; not applying calculated delta of 300µs");
        });
  }

  @Test
  void queryMaxClockSkewAdjustmentEnablesShifting() {
    runner
        .withPropertyValues("QUERY_MAX_CLOCK_SKEW_ADJUSTMENT=1.5ms")
        .run(
            context -> {
              seedSkewedTrace(context.getBean(TestTraceStore.class));
              Span child =
                  context
                      .getBean(TraceService.class)
                      .getTrace(TraceLookup.of(TRACE), false)
                      .orElseThrow()
                      .spans()
                      .get(1);
              assertThat(child.startTime()).isEqualTo(1_250);
              assertThat(child.warnings())
                  .containsExactly("This span's timestamps were adjusted by 300µs");
            });
  }

  @Test
  void badClockSkewSettingStopsStartupNamingTheVariable() {
    runner
        .withPropertyValues("QUERY_MAX_CLOCK_SKEW_ADJUSTMENT=5")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining(
                        "QUERY_MAX_CLOCK_SKEW_ADJUSTMENT: time: missing unit in duration \"5\""));
  }

  @Test
  void limitsAreConfigurable() {
    runner
        .withPropertyValues("sightline.query.max-limit=10", "sightline.query.max-lookback=1h")
        .run(
            context -> {
              TraceQueryParser parser = context.getBean(TraceQueryParser.class);
              assertThatThrownBy(
                      () ->
                          parser.parseTraceRequest(
                              Map.of("service", List.of("s"), "limit", List.of("11"))))
                  .isInstanceOf(InvalidQueryException.class)
                  .hasMessage("'limit' must not be greater than 10");
              assertThatThrownBy(
                      () -> parser.parseDependencyQuery(Map.of("lookback", List.of("3600001"))))
                  .hasMessage("'lookback' of 1h0m0.001s is longer than the maximum of 1h0m0s");
            });
  }

  @Test
  void defaults() {
    runner.run(
        context -> {
          QueryProperties properties = context.getBean(QueryProperties.class);
          assertThat(properties.contextPath()).isEmpty();
          assertThat(properties.maxClockSkew()).isZero();
          assertThat(properties.queryLimits().maxLimit()).isEqualTo(Integer.MAX_VALUE);
          assertThat(properties.queryLimits().maxLookback()).isEqualTo(Duration.ofDays(31));
          assertThat(properties.nameCacheDuration()).isEqualTo(Duration.ofSeconds(10));
        });
  }

  @Test
  void basePathIsNormalized() {
    assertThat(QueryProperties.normalizeBasePath("/")).isEmpty();
    assertThat(QueryProperties.normalizeBasePath("")).isEmpty();
    assertThat(QueryProperties.normalizeBasePath(null)).isEmpty();
    assertThat(QueryProperties.normalizeBasePath("/jaeger")).isEqualTo("/jaeger");
    assertThat(QueryProperties.normalizeBasePath("/jaeger/")).isEqualTo("/jaeger");
    assertThat(QueryProperties.normalizeBasePath("jaeger")).isEqualTo("/jaeger");
    assertThat(QueryProperties.normalizeBasePath("/a/b/")).isEqualTo("/a/b");
    assertThatThrownBy(() -> QueryProperties.normalizeBasePath("/a b"))
        .hasMessageContaining("QUERY_BASE_PATH must be a plain URL path");
    assertThatThrownBy(() -> QueryProperties.normalizeBasePath("/a?x"))
        .hasMessageContaining("QUERY_BASE_PATH");
  }

  @Test
  void queryBasePathBindsFromTheEnvironmentName() {
    runner
        .withPropertyValues("QUERY_BASE_PATH=/jaeger/")
        .run(
            context ->
                assertThat(context.getBean(QueryProperties.class).contextPath())
                    .isEqualTo("/jaeger"));
  }
}
