package io.sightline.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sightline.http.BadRequestFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

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

  /** Undecodable parameters and multipart bodies: 400/415 in plain text, as on the UI port. */
  @Bean
  FilterRegistrationBean<BadRequestFilter> adminBadRequestFilter() {
    FilterRegistrationBean<BadRequestFilter> registration =
        new FilterRegistrationBean<>(new BadRequestFilter(BadRequestFilter.PLAIN_TEXT));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  @Bean
  PrometheusController prometheusController(ObjectProvider<PrometheusMeterRegistry> registry) {
    return new PrometheusController(registry);
  }
}
