package io.sightline.admin;

import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;

/**
 * Since when the server has been accepting traffic (Jaeger's {@code upSince}): set when Spring
 * Boot's readiness state turns to {@code ACCEPTING_TRAFFIC}, cleared when it turns back.
 */
public final class ServerReadiness implements ApplicationListener<AvailabilityChangeEvent<?>> {

  private final Clock clock;
  private volatile Instant readySince;

  public ServerReadiness(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
    if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
      if (readySince == null) {
        readySince = clock.instant();
      }
    } else if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
      readySince = null;
    }
  }

  /** When the server became ready, or {@code null} while it is not. */
  public Instant readySince() {
    return readySince;
  }

  /** "Now" by the same clock. */
  Instant now() {
    return clock.instant();
  }
}
