package io.sightline.admin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the admin port's storage health check ({@code sightline.admin.*}).
 *
 * @param healthTimeout how long one health request waits for the store before it answers "not
 *     available" (the check itself goes on in the background)
 * @param healthCacheDuration how long a check's result is reused, so that frequent probes do not
 *     hammer the store
 */
@ConfigurationProperties("sightline.admin")
public record AdminProperties(
    @DefaultValue("2s") Duration healthTimeout, @DefaultValue("1s") Duration healthCacheDuration) {

  public AdminProperties {
    if (healthTimeout == null || healthTimeout.isNegative() || healthTimeout.isZero()) {
      throw new IllegalArgumentException(
          "sightline.admin.health-timeout must be positive, got " + healthTimeout);
    }
    if (healthCacheDuration == null || healthCacheDuration.isNegative()) {
      throw new IllegalArgumentException(
          "sightline.admin.health-cache-duration must not be negative, got " + healthCacheDuration);
    }
  }
}
