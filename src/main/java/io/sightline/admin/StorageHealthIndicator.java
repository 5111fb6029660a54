package io.sightline.admin;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The trace store in Actuator's health ({@code /actuator/health}, component {@code storage}),
 * through the same bounded, cached probe as Jaeger's health answer. Deliberately not part of the
 * liveness or readiness groups: a store outage must not restart pods or take every UI replica out
 * of the load balancer; the UI reports the outage itself.
 */
final class StorageHealthIndicator implements HealthIndicator {

  private final StorageHealthProbe probe;

  StorageHealthIndicator(StorageHealthProbe probe) {
    this.probe = probe;
  }

  @Override
  public Health health() {
    StorageHealthProbe.Result result = probe.check();
    return (result.up() ? Health.up() : Health.down()).withDetail("store", result.detail()).build();
  }
}
