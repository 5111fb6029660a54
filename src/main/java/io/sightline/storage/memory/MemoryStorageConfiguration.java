package io.sightline.storage.memory;

import io.sightline.storage.ConditionalOnStorageType;
import io.sightline.storage.StorageType;
import io.sightline.trace.ArchiveStorage;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded store, used when {@code SPAN_STORAGE_TYPE} is unset or {@code memory}: one span
 * store (the {@code SpanReader}, {@code SpanWriter} and {@code StorageHealth}), one dependency
 * store, and a separate span store as the archive. The archive store is deliberately not a bean of
 * its own type, so that {@code SpanReader} and {@code SpanWriter} resolve to the primary store
 * alone.
 *
 * <p>"Now" comes from the {@link Clock} bean when there is exactly one, otherwise from the system
 * clock.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnStorageType(StorageType.MEMORY)
@EnableConfigurationProperties(MemoryStoreProperties.class)
class MemoryStorageConfiguration {

  @Bean
  MemorySpanStore memorySpanStore(MemoryStoreProperties properties, ObjectProvider<Clock> clock) {
    return new MemorySpanStore(properties, clock.getIfUnique(Clock::systemUTC));
  }

  @Bean
  MemoryDependencyStore memoryDependencyStore() {
    return new MemoryDependencyStore();
  }

  @Bean
  ArchiveStorage memoryArchiveStorage(
      MemoryStoreProperties properties, ObjectProvider<Clock> clock) {
    MemorySpanStore archive = new MemorySpanStore(properties, clock.getIfUnique(Clock::systemUTC));
    return new ArchiveStorage(archive, archive);
  }
}
