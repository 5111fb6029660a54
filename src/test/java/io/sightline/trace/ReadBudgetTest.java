package io.sightline.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadBudgetTest {

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void chargesAreHeldUntilTheLeaseClosesAndThenFreed() {
    ReadBudget budget = new ReadBudget(1_000, 4, Duration.ofSeconds(1), 4);
    try (ReadBudget.Lease lease = budget.open()) {
      ReadBudget.charge(300);
      ReadBudget.charge(200);
      assertThat(lease.held()).isEqualTo(500);
      assertThat(budget.inUse()).isEqualTo(500);
    }
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void aChargeWithoutALeaseIsNotAccounted() {
    ReadBudget budget = new ReadBudget(10, 0, Duration.ZERO, 1);
    ReadBudget.charge(1_000_000);
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void aNestedLeaseLeavesTheAccountingToTheOuterOne() {
    ReadBudget budget = new ReadBudget(1_000, 4, Duration.ofSeconds(1), 4);
    try (ReadBudget.Lease outer = budget.open()) {
      try (ReadBudget.Lease inner = budget.open()) {
        ReadBudget.charge(100);
      }
      assertThat(budget.inUse()).isEqualTo(100);
      assertThat(outer.held()).isEqualTo(100);
    }
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void aRequestLargerThanTheWholeBudgetFailsAtOnceWithoutLeaking() {
    ReadBudget budget = new ReadBudget(1_000, 4, Duration.ofSeconds(30), 4);
    long started = System.nanoTime();
    try (ReadBudget.Lease lease = budget.open()) {
      ReadBudget.charge(600);
      assertThatThrownBy(() -> ReadBudget.charge(401))
          .isInstanceOf(StorageBusyException.class)
          .hasMessageContaining("too large for this server's memory");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void aChargeThatDoesNotFitWaitsAtMostTheMaxWaitThenIsBusy() throws Exception {
    ReadBudget budget = new ReadBudget(1_000, 4, Duration.ofMillis(300), 4);
    Held holder = hold(budget, 900);

    long started = System.nanoTime();
    try (ReadBudget.Lease lease = budget.open()) {
      assertThatThrownBy(() -> ReadBudget.charge(200))
          .isInstanceOfSatisfying(
              StorageBusyException.class,
              e -> {
                assertThat(e.getMessage()).contains("busy");
                assertThat(e.retryAfterSeconds()).isPositive();
                assertThat(e.kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
              });
    }
    Duration waited = Duration.ofNanos(System.nanoTime() - started);
    assertThat(waited).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
    assertThat(budget.inUse()).isEqualTo(900);
    assertThat(budget.waiting()).isZero();
    holder.release();
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void aWaitingChargeProceedsAsSoonAsEnoughIsFreed() throws Exception {
    ReadBudget budget = new ReadBudget(1_000, 4, Duration.ofSeconds(10), 4);
    Held holder = hold(budget, 900);
    Future<Long> waiter =
        threads.submit(
            () -> {
              try (ReadBudget.Lease lease = budget.open()) {
                ReadBudget.charge(500);
                return lease.held();
              }
            });
    awaitTrue(() -> budget.waiting() == 1);
    holder.release();
    assertThat(waiter.get(5, TimeUnit.SECONDS)).isEqualTo(500);
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void bigChargesAreServedInArrivalOrder() throws Exception {
    ReadBudget budget = new ReadBudget(1_000, 8, Duration.ofSeconds(10), 8);
    Held holder = hold(budget, 1_000);
    List<String> order = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(3);
    for (String name : List.of("first", "second", "third")) {
      int before = budget.waiting();
      threads.submit(
          () -> {
            try (ReadBudget.Lease lease = budget.open()) {
              ReadBudget.charge(800);
              order.add(name);
            } finally {
              done.countDown();
            }
          });
      awaitTrue(() -> budget.waiting() == before + 1);
    }
    holder.release();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(order).containsExactly("first", "second", "third");
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void smallChargesPassABigOneThatIsWaiting() throws Exception {
    ReadBudget budget = new ReadBudget(3_200, 8, Duration.ofSeconds(10), 8);
    Held holder = hold(budget, 2_000);
    Future<?> big = readInBackground(budget, 3_000);
    awaitTrue(() -> budget.waiting() == 1);

    // 100 spans (≤ 3,200 / 32) fit beside the holder: answered at once, the big one still waits.
    try (ReadBudget.Lease lease = budget.open()) {
      ReadBudget.charge(100);
      assertThat(lease.held()).isEqualTo(100);
    }
    assertThat(budget.waiting()).isEqualTo(1);
    assertThat(big.isDone()).isFalse();

    holder.release();
    big.get(5, TimeUnit.SECONDS);
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void aFullQueueRefusesAtOnce() throws Exception {
    ReadBudget budget = new ReadBudget(1_000, 1, Duration.ofSeconds(30), 4);
    Held holder = hold(budget, 1_000);
    Future<?> queued = readInBackground(budget, 500);
    awaitTrue(() -> budget.waiting() == 1);
    long started = System.nanoTime();
    try (ReadBudget.Lease lease = budget.open()) {
      assertThatThrownBy(() -> ReadBudget.charge(500))
          .isInstanceOf(StorageBusyException.class)
          .hasMessageContaining("waiting");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    holder.release();
    queued.get(5, TimeUnit.SECONDS);
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void twoPartlyServedRequestsWaitingForEachOtherDoNotDeadlock() throws Exception {
    ReadBudget budget = new ReadBudget(1_000, 8, Duration.ofSeconds(30), 8);
    CountDownLatch bothHold = new CountDownLatch(2);
    CompletableFuture<Void> first = new CompletableFuture<>();
    Future<?> a =
        threads.submit(
            () -> {
              try (ReadBudget.Lease lease = budget.open()) {
                ReadBudget.charge(600);
                bothHold.countDown();
                bothHold.await();
                ReadBudget.charge(300); // needs what b holds
                first.complete(null);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return null;
            });
    long started = System.nanoTime();
    try (ReadBudget.Lease lease = budget.open()) {
      ReadBudget.charge(300);
      bothHold.countDown();
      awaitTrue(() -> budget.waiting() == 1);
      // b needing more than is left while a waits for b: b is refused at once, a proceeds.
      assertThatThrownBy(() -> ReadBudget.charge(200)).isInstanceOf(StorageBusyException.class);
    }
    first.get(5, TimeUnit.SECONDS);
    a.get(5, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void aFailedReadFreesItsCharge() {
    ReadBudget budget = new ReadBudget(1_000, 4, Duration.ofSeconds(1), 4);
    assertThatThrownBy(
            () ->
                budget.storageCall(
                    () -> {
                      ReadBudget.charge(700);
                      throw new StorageException(StorageException.Kind.FAILED, "boom");
                    }))
        .hasMessage("boom");
    assertThat(budget.inUse()).isZero();
    // and the slot is back: the whole budget can be used again
    assertThat(
            budget.storageCall(
                () -> {
                  ReadBudget.charge(1_000);
                  return budget.inUse();
                }))
        .isEqualTo(1_000);
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void storageCallsBeyondTheSlotsWaitThenAreBusy() throws Exception {
    ReadBudget budget = new ReadBudget(1_000, 4, Duration.ofMillis(200), 1);
    CountDownLatch release = new CountDownLatch(1);
    Future<?> stalled = stallOneCall(budget, release);
    long started = System.nanoTime();
    assertThatThrownBy(() -> budget.storageCall(() -> "never"))
        .isInstanceOf(StorageBusyException.class)
        .hasMessageContaining("trace storage");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isBetween(Duration.ofMillis(150), Duration.ofSeconds(3));
    // A call nested in a call does not need a second slot.
    release.countDown();
    stalled.get(5, TimeUnit.SECONDS);
    assertThat(budget.storageCall(() -> budget.storageCall(() -> "nested"))).isEqualTo("nested");
  }

  @Test
  void storageCallsBeyondTheQueueAreRefusedAtOnce() throws Exception {
    ReadBudget budget = new ReadBudget(1_000, 0, Duration.ofSeconds(30), 1);
    CountDownLatch release = new CountDownLatch(1);
    Future<?> stalled = stallOneCall(budget, release);
    long started = System.nanoTime();
    assertThatThrownBy(() -> budget.storageCall(() -> "never"))
        .isInstanceOf(StorageBusyException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    release.countDown();
    stalled.get(5, TimeUnit.SECONDS);
  }

  @Test
  void bigReadsBeyondTheHeavyLimitWaitWhileSmallOnesPass() throws Exception {
    // 3,200 spans: small is ≤ 100; one heavy read at a time.
    ReadBudget budget = new ReadBudget(3_200, 8, Duration.ofSeconds(10), 8, 1);
    Held first = hold(budget, 500);
    CountDownLatch secondIn = new CountDownLatch(1);
    Future<?> second =
        threads.submit(
            () -> {
              try (ReadBudget.Lease lease = budget.open()) {
                ReadBudget.charge(500); // memory is there, the heavy slot is not
                secondIn.countDown();
              }
            });
    awaitTrue(() -> budget.waiting() == 1);
    try (ReadBudget.Lease lease = budget.open()) {
      ReadBudget.charge(60);
      ReadBudget.charge(40); // still small (100): answered at once beside the heavy read
      assertThat(lease.held()).isEqualTo(100);
    }
    assertThat(secondIn.getCount()).isEqualTo(1);
    assertThat(budget.inUse()).isEqualTo(500);

    first.release();
    second.get(5, TimeUnit.SECONDS);
    assertThat(budget.inUse()).isZero();
    assertThat(budget.waiting()).isZero();
  }

  @Test
  void aHeavyReadKeepsItsPlaceBetweenBatchesAndIsNotStuckBehindOnesWaitingForIt() throws Exception {
    ReadBudget budget = new ReadBudget(3_200, 8, Duration.ofSeconds(10), 8, 1);
    try (ReadBudget.Lease search = budget.open()) {
      ReadBudget.charge(500);
      ReadBudget.releaseHeld(); // the first batch is written out
      Future<?> other = readInBackground(budget, 500);
      awaitTrue(() -> budget.waiting() == 1);
      long started = System.nanoTime();
      ReadBudget.charge(600); // the next batch: at once, ahead of the one waiting for its slot
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
      assertThat(search.held()).isEqualTo(600);
      assertThat(other.isDone()).isFalse();
      search.close();
      other.get(5, TimeUnit.SECONDS);
    }
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void heavyReadsThatFailOrTimeOutGiveTheirSlotBack() throws Exception {
    ReadBudget budget = new ReadBudget(3_200, 8, Duration.ofMillis(200), 8, 1);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(
              () -> {
                try (ReadBudget.Lease lease = budget.open()) {
                  ReadBudget.charge(500);
                  throw new IllegalStateException("the store failed mid-read");
                }
              })
          .isInstanceOf(IllegalStateException.class);
    }
    Held holder = hold(budget, 500);
    long started = System.nanoTime();
    try (ReadBudget.Lease lease = budget.open()) {
      assertThatThrownBy(() -> ReadBudget.charge(500))
          .isInstanceOf(StorageBusyException.class)
          .hasMessageContaining("no memory for this read freed up within 200 ms");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isBetween(Duration.ofMillis(150), Duration.ofSeconds(3));
    holder.release();
    // Nothing leaked: the one heavy slot is free, and so is every span.
    try (ReadBudget.Lease lease = budget.open()) {
      ReadBudget.charge(3_000);
      assertThat(lease.held()).isEqualTo(3_000);
    }
    assertThat(budget.inUse()).isZero();
    assertThat(budget.waiting()).isZero();
  }

  @Test
  void smallStorageCallsNeverWaitBehindBigOnesForASlot() throws Exception {
    ReadBudget budget = new ReadBudget(1_000, 4, Duration.ofMillis(200), 1);
    CountDownLatch release = new CountDownLatch(1);
    Future<?> stalled = stallOneCall(budget, release);
    assertThatThrownBy(() -> budget.storageCall(() -> "never"))
        .isInstanceOf(StorageBusyException.class);
    long started = System.nanoTime();
    assertThat(budget.smallStorageCall(() -> "names")).isEqualTo("names");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(150));
    release.countDown();
    stalled.get(5, TimeUnit.SECONDS);
  }

  @Test
  void theDefaultHeavyReadsFollowTheCores() {
    assertThat(ReadBudget.defaultHeavyReads(1)).isEqualTo(2);
    assertThat(ReadBudget.defaultHeavyReads(2)).isEqualTo(4);
    assertThat(ReadBudget.defaultHeavyReads(8)).isEqualTo(16);
  }

  @Test
  void theDefaultBudgetFollowsTheHeap() {
    assertThat(ReadBudget.defaultSpans(192L << 20)).isEqualTo(32_768);
    assertThat(ReadBudget.defaultSpans(512L << 20)).isEqualTo(114_688);
    assertThat(ReadBudget.defaultSpans(16L << 20)).isEqualTo(ReadBudget.MIN_DEFAULT_SPANS);
    assertThat(ReadBudget.defaultSpans(80L << 20)).isEqualTo(4_096);
  }

  /** A storage call that holds its slot until released; returns once it is in the call. */
  private Future<?> stallOneCall(ReadBudget budget, CountDownLatch release)
      throws InterruptedException {
    CountDownLatch inCall = new CountDownLatch(1);
    Future<?> stalled =
        threads.submit(
            () ->
                budget.storageCall(
                    () -> {
                      inCall.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return null;
                    }));
    inCall.await();
    return stalled;
  }

  /**
   * A read on another thread that holds {@code spans} until released; returns once it holds them.
   */
  private Held hold(ReadBudget budget, long spans) throws InterruptedException {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<?> read = threads.submit(() -> holdUntil(budget, spans, held, release));
    held.await();
    return new Held(read, release);
  }

  /** A read holding part of the budget, from {@link #hold}. */
  private record Held(Future<?> read, CountDownLatch latch) {
    /** Lets the read finish and waits until it has. */
    void release() throws Exception {
      latch.countDown();
      read.get(5, TimeUnit.SECONDS);
    }
  }

  /** A read of {@code spans} on another thread, as a concurrent request makes it. */
  private Future<?> readInBackground(ReadBudget budget, long spans) {
    return threads.submit(
        () -> {
          try (ReadBudget.Lease lease = budget.open()) {
            ReadBudget.charge(spans);
          }
          return null;
        });
  }

  private static Void holdUntil(
      ReadBudget budget, long spans, CountDownLatch held, CountDownLatch release)
      throws InterruptedException {
    try (ReadBudget.Lease lease = budget.open()) {
      ReadBudget.charge(spans);
      held.countDown();
      release.await();
    }
    return null;
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 5 s");
      }
      Thread.sleep(5);
    }
  }
}
