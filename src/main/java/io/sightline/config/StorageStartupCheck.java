package io.sightline.config;

import io.sightline.threads.DaemonThreads;
import io.sightline.trace.StorageException;
import io.sightline.trace.StorageHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Asks the trace storage once, right after start-up, whether it answers, and says so in the log:
 * one line with what was reached, or one error saying why not (credentials rejected, certificate
 * not trusted, nothing listening…). Never fatal: a storage that is down or misconfigured must not
 * put the pod into a crash loop; queries answer 503 and the admin health check reports it until the
 * storage answers. Runs on a thread of its own so that readiness does not wait for it.
 */
@Component
class StorageStartupCheck implements ApplicationListener<ApplicationReadyEvent> {

  private static final Logger log = LoggerFactory.getLogger(StorageStartupCheck.class);

  private final ObjectProvider<StorageHealth> health;

  StorageStartupCheck(ObjectProvider<StorageHealth> health) {
    this.health = health;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    StorageHealth storage = health.getIfUnique();
    if (storage == null) {
      return;
    }
    DaemonThreads.start("storage-startup-check", () -> check(storage));
  }

  /** The check itself; returns whether the storage answered. */
  static boolean check(StorageHealth storage) {
    try {
      log.info("Trace storage ready: {}", storage.check());
      return true;
    } catch (StorageException e) {
      log.error(
          "Trace storage not reachable at start-up: {}. Sightline keeps running; queries answer"
              + " 503 until the storage answers.",
          e.getMessage());
      return false;
    } catch (RuntimeException e) {
      log.error("Trace storage check failed at start-up", e);
      return false;
    }
  }
}
