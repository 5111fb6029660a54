package io.sightline.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;

/**
 * The admin port's own routes, in the management server's child context (so only on 16687, never on
 * the UI port): Jaeger's health on {@code /} and Prometheus metrics on {@code /metrics}. Registered
 * in {@code META-INF/spring/…ManagementContextConfiguration.imports}.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@AdminPortOnly
class AdminManagementContextConfiguration {

  @Bean
  JaegerHealthController jaegerHealthController(
      StorageHealthProbe probe, ServerReadiness readiness) {
    return new JaegerHealthController(probe, readiness);
  }

  @Bean
  PrometheusController prometheusController(ObjectProvider<PrometheusMeterRegistry> registry) {
    return new PrometheusController(registry);
  }
}
