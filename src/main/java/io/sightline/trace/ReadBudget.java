package io.sightline.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Admission control for reads, shared by every transport: how many spans all requests together may
 * hold in memory at once, and how many storage calls may be in flight.
 *
 * <p><b>Spans.</b> A request opens a {@link Lease} ({@link #open()}, bound to its thread) and
 * closes it when its answer is written, has failed or the client has gone away. Storage readers
 * call {@link #charge(long)} <em>before</em> they decode spans (Elasticsearch: a trace's exact
 * total as its first page arrives); the spans stay charged to the lease until it closes, or until a
 * streamed answer has written them out ({@link #releaseHeld()}). A charge that does not fit waits
 * in a bounded queue for a bounded time, then fails with {@link StorageBusyException}. Leases
 * already holding spans go first (they are the ones that will finish and free memory); small
 * charges ({@code ≤ capacity / 32}, a small trace) may pass waiting big ones when they fit, so
 * small requests keep being answered while big ones queue. A request larger than the whole budget
 * fails at once, and so does a charge that would wait while every lease holding spans waits too (a
 * deadlock that only a timeout would end).
 *
 * <p><b>Heavy reads.</b> A lease becomes heavy when its charges pass the small size; at most a
 * fixed number of leases are heavy at once (default: two per core), so that big answers do not
 * share the CPU so thinly that every one of them (and every small request) crawls. A lease that
 * would become heavy beyond that number waits in the same queue, in the same order; a lease stays
 * heavy until it closes (a streamed search keeps its place between batches).
 *
 * <p><b>Storage calls.</b> {@link #storageCall} runs a call to the store in one of a fixed number
 * of slots, so that a stalled store ties up a bounded number of request threads; the others stay
 * free for names from the cache, static files and health checks. Names (services, operations) and
 * dependencies read the store in slots of their own ({@link #smallStorageCall}), so they never wait
 * behind big reads for a slot.
 *
 * <p>A charge made on a thread without a lease (the loader, a test) is not accounted.
 */
public final class ReadBudget {

  /**
   * Heap per span in flight assumed by {@link #defaultSpans}. A decoded demo span retains 581 bytes
   * ({@code RetainedHeapProbe}, bench/); the rest is room for bigger spans, decoding and adjusting.
   */
  public static final long HEAP_BYTES_PER_SPAN = 4 * 1024;

  /** Heap kept out of the default budget for everything else the server holds. */
  public static final long HEAP_RESERVE_BYTES = 64L << 20;

  /** The smallest default budget, whatever the heap. */
  public static final long MIN_DEFAULT_SPANS = 2_000;

  private static final ThreadLocal<Lease> CURRENT = new ThreadLocal<>();
  private static final ThreadLocal<Boolean> IN_STORAGE_CALL = new ThreadLocal<>();

  private final long capacity;
  private final long smallCharge;
  private final int maxQueue;
  private final Duration maxWait;
  private final int maxHeavy;
  private final StorageSlots storageSlots;
  private final StorageSlots smallSlots;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Waiter> queue = new ArrayList<>();
  private long available;
  private int holders;
  private int waitingHolders;
  private int heavy;

  /**
   * @param capacitySpans spans all requests together may hold
   * @param maxQueue how many charges (and, separately, storage calls) may wait at once; more fail
   *     at once
   * @param maxWait how long one charge or storage call waits before it fails as busy
   * @param maxStorageCalls storage calls in flight at once
   */
  public ReadBudget(long capacitySpans, int maxQueue, Duration maxWait, int maxStorageCalls) {
    this(capacitySpans, maxQueue, maxWait, maxStorageCalls, Integer.MAX_VALUE);
  }

  /**
   * As above, with at most {@code maxHeavyReads} heavy leases at once (see the class comment).
   *
   * @param maxHeavyReads leases whose charges passed the small size that may run at once
   */
  public ReadBudget(
      long capacitySpans, int maxQueue, Duration maxWait, int maxStorageCalls, int maxHeavyReads) {
    if (capacitySpans < 1 || maxQueue < 0 || maxStorageCalls < 1 || maxHeavyReads < 1) {
      throw new IllegalArgumentException(
          "the read budget needs at least 1 span, 1 storage call and 1 heavy read, and a queue of"
              + " 0 or more");
    }
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("the read budget's wait must not be negative");
    }
    this.capacity = capacitySpans;
    this.smallCharge = Math.max(1, capacitySpans / 32);
    this.maxQueue = maxQueue;
    this.maxWait = maxWait;
    this.maxHeavy = maxHeavyReads;
    this.storageSlots = new StorageSlots(maxStorageCalls, maxQueue, maxWait);
    this.smallSlots = new StorageSlots(Math.max(2, maxStorageCalls / 8), maxQueue, maxWait);
    this.available = capacitySpans;
  }

  /** A budget that never refuses (tests, tools). */
  public static ReadBudget unlimited() {
    return new ReadBudget(Long.MAX_VALUE / 2, Integer.MAX_VALUE, Duration.ZERO, Integer.MAX_VALUE);
  }

  /**
   * The default budget for a heap: {@code max(2,000, (maxHeapBytes − 64 MiB) / 4 KiB)} spans —
   * 32,768 for 192 MiB, 114,688 for 512 MiB (a 100,000-span trace fits), 245,760 for 1 GiB.
   */
  public static long defaultSpans(long maxHeapBytes) {
    return Math.max(MIN_DEFAULT_SPANS, (maxHeapBytes - HEAP_RESERVE_BYTES) / HEAP_BYTES_PER_SPAN);
  }

  public long capacity() {
    return capacity;
  }

  public Duration maxWait() {
    return maxWait;
  }

  /** How many leases may be heavy at once. */
  public int maxHeavyReads() {
    return maxHeavy;
  }

  /** The default number of heavy reads at once: two per core, at least 2. */
  public static int defaultHeavyReads(int cores) {
    return Math.max(2, 2 * cores);
  }

  /** Spans charged to open leases now. */
  public long inUse() {
    lock.lock();
    try {
      return capacity - available;
    } finally {
      lock.unlock();
    }
  }

  /** Charges waiting now. */
  public int waiting() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Opens a lease for this thread's request. Within an open lease (of any budget) the returned one
   * is a no-op: the outer lease keeps accounting until it closes.
   */
  public Lease open() {
    if (CURRENT.get() != null) {
      return new Lease(null);
    }
    Lease lease = new Lease(this);
    CURRENT.set(lease);
    return lease;
  }

  /**
   * Charges spans about to be read to this thread's lease, waiting if they do not fit.
   *
   * @throws StorageBusyException when they did not fit in time, or never can
   */
  public static void charge(long spans) {
    Lease lease = CURRENT.get();
    if (lease != null && lease.budget != null && spans > 0) {
      lease.budget.reserve(lease, spans);
    }
  }

  /**
   * Frees the spans charged so far to this thread's lease, which stays open: the traces they belong
   * to have been written out and are no longer held (a streamed answer, batch after batch).
   */
  public static void releaseHeld() {
    Lease lease = CURRENT.get();
    if (lease != null && lease.budget != null) {
      lease.budget.release(lease, false);
    }
  }

  /**
   * Runs a storage call in one of the storage slots, under this thread's lease (or a lease for just
   * this call when there is none).
   *
   * @throws StorageBusyException when no slot freed up within the wait, or too many wait already
   */
  public <T> T storageCall(Supplier<T> call) {
    return inSlot(storageSlots, call);
  }

  /**
   * Runs a small storage call (names, dependencies) in slots of its own: it never waits for a slot
   * behind big reads, however many of them are in flight.
   *
   * @throws StorageBusyException when no small slot freed up within the wait
   */
  public <T> T smallStorageCall(Supplier<T> call) {
    return inSlot(smallSlots, call);
  }

  private <T> T inSlot(StorageSlots slots, Supplier<T> call) {
    if (IN_STORAGE_CALL.get() != null) {
      return call.get(); // nested: the outer call holds the slot
    }
    slots.acquire();
    IN_STORAGE_CALL.set(Boolean.TRUE);
    try (Lease lease = open()) {
      return call.get();
    } finally {
      IN_STORAGE_CALL.remove();
      slots.release();
    }
  }

  private void reserve(Lease lease, long spans) {
    if (lease.held + spans > capacity) {
      throw new StorageBusyException(
          "the answer is too large for this server's memory: more than "
              + capacity
              + " spans (ask for fewer traces, or give the server more memory)",
          maxWait.plusSeconds(1));
    }
    lock.lock();
    try {
      boolean aheadOfQueue =
          queue.isEmpty() || spans <= smallCharge || (lease.held > 0 && waitingHolders == 0);
      if (available >= spans && aheadOfQueue && mayRun(lease, spans)) {
        take(lease, spans);
        return;
      }
      if (queue.size() >= maxQueue) {
        throw busy("too many large reads are waiting for memory");
      }
      if (lease.held > 0 && waitingHolders + 1 >= holders) {
        throw busy("every large read in progress is waiting for memory");
      }
      Waiter waiter = new Waiter(lease, spans, lease.held > 0, lease.held > 0 || lease.heavy);
      enqueue(waiter);
      long remaining = maxWait.toNanos();
      try {
        while (!eligible(waiter)) {
          if (remaining <= 0) {
            throw busy("no memory for this read freed up within " + seconds(maxWait));
          }
          remaining = changed.awaitNanos(remaining);
        }
        take(lease, spans);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw busy("interrupted while waiting for memory");
      } finally {
        dequeue(waiter);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether this charge keeps the lease light, or the lease may be (or already is) heavy. */
  private boolean mayRun(Lease lease, long spans) {
    return lease.heavy || lease.held + spans <= smallCharge || heavy < maxHeavy;
  }

  private void take(Lease lease, long spans) {
    if (lease.held == 0) {
      holders++;
    }
    if (!lease.heavy && lease.held + spans > smallCharge) {
      lease.heavy = true;
      heavy++;
    }
    lease.held += spans;
    available -= spans;
  }

  private void release(Lease lease, boolean closing) {
    lock.lock();
    try {
      if (lease.held > 0) {
        available += lease.held;
        lease.held = 0;
        holders--;
      }
      if (closing && lease.heavy) {
        lease.heavy = false;
        heavy--;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Holders (and heavy leases) before the others, each in arrival order. */
  private void enqueue(Waiter waiter) {
    int at = queue.size();
    if (waiter.holder()) {
      waitingHolders++;
    }
    if (waiter.first()) {
      at = 0;
      while (at < queue.size() && queue.get(at).first()) {
        at++;
      }
    }
    queue.add(at, waiter);
  }

  private void dequeue(Waiter waiter) {
    queue.remove(waiter);
    if (waiter.holder()) {
      waitingHolders--;
    }
    changed.signalAll();
  }

  /**
   * Whether a waiter may take its charge now: it fits, and it is small or the first waiter that
   * could run (waiters held back only by the number of heavy reads do not block the ones behind).
   */
  private boolean eligible(Waiter waiter) {
    if (available < waiter.spans() || !mayRun(waiter.lease(), waiter.spans())) {
      return false;
    }
    if (waiter.spans() <= smallCharge) {
      return true;
    }
    for (Waiter ahead : queue) {
      if (ahead.equals(waiter)) { // one waiter per lease at a time
        return true;
      }
      if (mayRun(ahead.lease(), ahead.spans())) {
        return false;
      }
    }
    return true;
  }

  private StorageBusyException busy(String reason) {
    return busy(reason, maxWait);
  }

  static StorageBusyException busy(String reason, Duration maxWait) {
    return new StorageBusyException(
        "Sightline is busy: " + reason + "; try again shortly", maxWait.plusSeconds(1));
  }

  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** A charge waiting; holders (and heavy leases) are queued {@code first}. */
  private record Waiter(Lease lease, long spans, boolean holder, boolean first) {}

  /** One request's share of the budget; closing it frees every span charged to it. */
  public static final class Lease implements AutoCloseable {
    private final ReadBudget budget;
    private long held;
    private boolean heavy;
    private boolean closed;

    private Lease(ReadBudget budget) {
      this.budget = budget;
    }

    /** Spans charged to this lease and not yet freed. */
    public long held() {
      return held;
    }

    @Override
    public void close() {
      if (budget == null || closed) {
        return;
      }
      closed = true;
      if (CURRENT.get() == this) {
        CURRENT.remove();
      }
      budget.release(this, true);
    }
  }
}
