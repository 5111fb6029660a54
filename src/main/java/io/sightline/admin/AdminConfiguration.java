package io.sightline.admin;

import io.sightline.trace.StorageHealth;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The admin port's parts that live in the application context: the store probe and readiness. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
class AdminConfiguration {

  @Bean(destroyMethod = "close")
  StorageHealthProbe storageHealthProbe(
      ObjectProvider<StorageHealth> storageHealth, AdminProperties properties) {
    return new StorageHealthProbe(
        storageHealth.getIfUnique(), properties.healthTimeout(), properties.healthCacheDuration());
  }

  @Bean
  ServerReadiness serverReadiness(ObjectProvider<Clock> clock) {
    return new ServerReadiness(clock.getIfUnique(Clock::systemUTC));
  }

  @Bean("storage")
  StorageHealthIndicator storageHealthIndicator(StorageHealthProbe probe) {
    return new StorageHealthIndicator(probe);
  }
}
