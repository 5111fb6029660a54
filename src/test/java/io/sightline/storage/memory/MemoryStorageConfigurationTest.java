package io.sightline.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.ArchiveStorage;
import io.sightline.trace.DependencyReader;
import io.sightline.trace.DependencyWriter;
import io.sightline.trace.SpanReader;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.StorageHealth;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The wiring, with application.yml loaded as the application loads it. */
class MemoryStorageConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withInitializer(new ConfigDataApplicationContextInitializer())
          .withUserConfiguration(MemoryStorageConfiguration.class);

  @Test
  void isTheDefaultStoreWithOnePrimaryReaderAndASeparateArchive() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          SpanReader reader = context.getBean(SpanReader.class);
          assertThat(reader).isInstanceOf(MemorySpanStore.class);
          assertThat(context.getBean(SpanWriter.class)).isSameAs(reader);
          assertThat(context.getBean(StorageHealth.class)).isSameAs(reader);
          assertThat(context.getBean(DependencyReader.class))
              .isSameAs(context.getBean(DependencyWriter.class))
              .isInstanceOf(MemoryDependencyStore.class);
          ArchiveStorage archive = context.getBean(ArchiveStorage.class);
          assertThat(archive.reader()).isNotSameAs(reader).isSameAs(archive.writer());
          assertThat(context.getBean(MemoryStoreProperties.class))
              .isEqualTo(new MemoryStoreProperties(50_000, 500_000, Duration.ofHours(72)));
          assertThat(((MemorySpanStore) reader).check()).contains("0 traces");
        });
  }

  @Test
  void takesItsBoundsFromTheEnvironment() {
    runner
        .withSystemProperties(
            "MEMORY_MAX_TRACES=7",
            "SIGHTLINE_MEMORY_MAX_SPANS=900",
            "SIGHTLINE_MEMORY_MAX_SPAN_AGE=48h")
        .run(
            context ->
                assertThat(context.getBean(MemoryStoreProperties.class))
                    .isEqualTo(new MemoryStoreProperties(7, 900, Duration.ofHours(48))));
  }

  @Test
  void refusesABoundThatMakesNoSense() {
    runner
        .withPropertyValues("sightline.memory.max-spans=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("sightline.memory.max-spans must be positive"));
  }

  @Test
  void isAbsentWhenElasticsearchIsSelected() {
    runner
        .withPropertyValues("sightline.storage.type=elasticsearch")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(SpanReader.class);
              assertThat(context).doesNotHaveBean(ArchiveStorage.class);
            });
  }
}
