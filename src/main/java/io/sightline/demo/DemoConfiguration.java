package io.sightline.demo;

import io.sightline.storage.ConditionalOnStorageType;
import io.sightline.storage.StorageType;
import io.sightline.trace.DependencyWriter;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.TraceService;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Seeds the embedded store with demo traces at start-up: only when {@code SPAN_STORAGE_TYPE}
 * selects the embedded store and {@code SIGHTLINE_DEMO} is not {@code false}. An Elasticsearch
 * backend is never written to. "Now" comes from the {@link Clock} bean when there is exactly one
 * (as for the embedded store), otherwise from the system clock.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnStorageType(StorageType.MEMORY)
@ConditionalOnBooleanProperty(name = "sightline.demo.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DemoProperties.class)
class DemoConfiguration {

  @Bean
  DemoSeeder demoSeeder(
      SpanWriter spanWriter,
      DependencyWriter dependencyWriter,
      DemoProperties properties,
      ObjectProvider<Clock> clock,
      ObjectProvider<TraceService> traceService) {
    return new DemoSeeder(
        spanWriter,
        dependencyWriter,
        properties,
        clock.getIfUnique(Clock::systemUTC),
        () -> traceService.ifAvailable(TraceService::forgetNames));
  }
}
