package io.sightline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.DependencyWriter;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.Trace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class DemoConfigurationTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-14T12:00:00Z"), ZoneOffset.UTC);

  /** Stands in for the embedded store's writers. */
  @Configuration(proxyBeanMethods = false)
  static class Store {
    final RecordingWriters writers = new RecordingWriters();

    @Bean
    RecordingWriters recordingWriters() {
      return writers;
    }

    @Bean
    SpanWriter spanWriter() {
      return writers.spans;
    }

    @Bean
    DependencyWriter dependencyWriter() {
      return writers.dependencies;
    }

    @Bean
    Clock clock() {
      return CLOCK;
    }
  }

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Store.class, DemoConfiguration.class);

  @Test
  void theEmbeddedStoreIsSeededByDefault() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(DemoSeeder.class);
          assertThat(context.getBean(DemoProperties.class))
              .isEqualTo(new DemoProperties(true, 42, 300, Duration.ofHours(6)));
        });
  }

  @Test
  void theSeederWritesThroughTheStoresWritersWithTheApplicationClock() {
    runner
        .withPropertyValues("sightline.demo.trace-count=20", "sightline.demo.seed=5")
        .run(
            context -> {
              context.getBean(DemoSeeder.class).run(new DefaultApplicationArguments());
              RecordingWriters writers = context.getBean(RecordingWriters.class);
              assertThat(writers.spanBatches())
                  .isEqualTo(
                      new DemoTraceGenerator(5, CLOCK)
                          .defaultSet(20, Duration.ofHours(6)).stream().map(Trace::spans).toList());
              assertThat(writers.documents()).hasSize(1);
            });
  }

  @Test
  void anElasticsearchBackendIsNeverSeeded() {
    runner
        .withPropertyValues("sightline.storage.type=elasticsearch")
        .run(context -> assertThat(context).doesNotHaveBean(DemoSeeder.class));
    runner
        .withPropertyValues("sightline.storage.type=opensearch")
        .run(context -> assertThat(context).doesNotHaveBean(DemoSeeder.class));
  }

  @Test
  void sightlineDemoFalseTurnsSeedingOff() {
    ApplicationContextRunner withApplicationYml =
        runner.withInitializer(new ConfigDataApplicationContextInitializer());
    withApplicationYml.run(context -> assertThat(context).hasSingleBean(DemoSeeder.class));
    withApplicationYml
        .withSystemProperties("SIGHTLINE_DEMO=false")
        .run(context -> assertThat(context).doesNotHaveBean(DemoSeeder.class));
    runner
        .withPropertyValues("sightline.demo.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(DemoSeeder.class));
  }

  @Test
  void badSettingsStopTheStartWithTheirName() {
    runner
        .withPropertyValues("sightline.demo.trace-count=-1")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("sightline.demo.trace-count"));
    runner
        .withPropertyValues("sightline.demo.window=0s")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("sightline.demo.window"));
  }
}
