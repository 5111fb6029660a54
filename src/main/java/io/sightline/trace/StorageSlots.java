package io.sightline.trace;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of slots for calls to the store ({@link ReadBudget#storageCall}): a call that
 * finds none free waits, at most {@code maxQueue} at once and each at most {@code maxWait}, then
 * fails as busy.
 */
final class StorageSlots {

  private final Semaphore slots;
  private final AtomicInteger waiters = new AtomicInteger();
  private final int maxQueue;
  private final Duration maxWait;

  StorageSlots(int count, int maxQueue, Duration maxWait) {
    this.slots = new Semaphore(count, true);
    this.maxQueue = maxQueue;
    this.maxWait = maxWait;
  }

  /**
   * Takes a slot, waiting if none is free.
   *
   * @throws StorageBusyException when none freed up within the wait, or too many wait already
   */
  void acquire() {
    if (slots.tryAcquire()) {
      return;
    }
    try {
      if (waiters.incrementAndGet() > maxQueue) {
        throw ReadBudget.busy("too many requests are waiting for the trace storage", maxWait);
      }
      if (!slots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw ReadBudget.busy(
            "every connection to the trace storage stayed busy for " + ReadBudget.seconds(maxWait),
            maxWait);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ReadBudget.busy("interrupted while waiting for the trace storage", maxWait);
    } finally {
      waiters.decrementAndGet();
    }
  }

  void release() {
    slots.release();
  }
}
