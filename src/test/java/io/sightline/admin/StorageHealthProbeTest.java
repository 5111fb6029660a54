package io.sightline.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.StorageException;
import io.sightline.trace.StorageHealth;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StorageHealthProbeTest {

  private final AtomicLong now = new AtomicLong();

  @Test
  void answersFromTheCacheWithinTheCachePeriod() {
    AtomicInteger calls = new AtomicInteger();
    StorageHealth store =
        () -> {
          calls.incrementAndGet();
          return "memory";
        };
    try (StorageHealthProbe probe =
        new StorageHealthProbe(store, Duration.ofSeconds(1), Duration.ofSeconds(1), now::get)) {
      assertThat(probe.check()).isEqualTo(new StorageHealthProbe.Result(true, "memory"));
      now.addAndGet(Duration.ofMillis(999).toNanos());
      for (int i = 0; i < 100; i++) {
        probe.check();
      }
      assertThat(calls).hasValue(1);
      now.addAndGet(Duration.ofMillis(1).toNanos());
      probe.check();
      assertThat(calls).hasValue(2);
    }
  }

  @Test
  void reportsTheStoresReasonWhenItFails() {
    StorageHealth store =
        () -> {
          throw new StorageException(StorageException.Kind.UNAVAILABLE, "connection refused");
        };
    try (StorageHealthProbe probe =
        new StorageHealthProbe(store, Duration.ofSeconds(1), Duration.ZERO, now::get)) {
      assertThat(probe.check())
          .isEqualTo(new StorageHealthProbe.Result(false, "connection refused"));
    }
  }

  @Test
  void neverWaitsLongerThanTheTimeoutAndRunsOneCheckAtATime() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    StorageHealth hanging =
        () -> {
          calls.incrementAndGet();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return "late";
        };
    try (StorageHealthProbe probe =
        new StorageHealthProbe(hanging, Duration.ofMillis(200), Duration.ZERO, System::nanoTime)) {
      long started = System.nanoTime();
      StorageHealthProbe.Result first = probe.check();
      StorageHealthProbe.Result second = probe.check();
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;

      assertThat(first.up()).isFalse();
      assertThat(first.detail()).isEqualTo("the trace store did not answer within 200 ms");
      assertThat(second.up()).isFalse();
      assertThat(elapsedMs).isLessThan(2_000);
      // The second caller waited for the check already running instead of starting another.
      assertThat(calls).hasValue(1);

      release.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      StorageHealthProbe.Result recovered = probe.check();
      while (!recovered.up() && System.nanoTime() < deadline) {
        Thread.sleep(20);
        recovered = probe.check();
      }
      assertThat(recovered).isEqualTo(new StorageHealthProbe.Result(true, "late"));
    }
  }

  @Test
  void withoutACheckTheStoreCountsAsUp() {
    try (StorageHealthProbe probe =
        new StorageHealthProbe(null, Duration.ofSeconds(1), Duration.ZERO, now::get)) {
      assertThat(probe.check().up()).isTrue();
    }
  }
}
