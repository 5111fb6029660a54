package io.sightline.admin;

import io.sightline.threads.DaemonThreads;
import io.sightline.trace.StorageException;
import io.sightline.trace.StorageHealth;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the trace store whether it can answer, for the admin port's health endpoints, without ever
 * making a caller wait longer than the timeout and without asking the store more than once per
 * cache period however many probes arrive.
 *
 * <p>One check runs at a time, on a thread of its own; callers that arrive while it runs wait for
 * that same check. A check that outlives the timeout is reported as "not available" and keeps
 * running; its eventual result is cached when it comes.
 */
public final class StorageHealthProbe implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StorageHealthProbe.class);

  /**
   * A check's outcome.
   *
   * @param up whether the store answered
   * @param detail what was reached (e.g. {@code Elasticsearch 8.19.0}) or why not
   */
  public record Result(boolean up, String detail) {}

  private final StorageHealth health;
  private final long timeoutNanos;
  private final long cacheNanos;
  private final LongSupplier nanoTime;
  private final ExecutorService executor;

  private Result cached;
  private long cachedAt;
  private CompletableFuture<Result> inFlight;
  private Boolean lastUp;

  /**
   * @param health the store's check, or {@code null} when the store has none (always up)
   */
  public StorageHealthProbe(StorageHealth health, Duration timeout, Duration cacheFor) {
    this(health, timeout, cacheFor, System::nanoTime);
  }

  StorageHealthProbe(
      StorageHealth health, Duration timeout, Duration cacheFor, LongSupplier nanoTime) {
    this.health = health;
    this.timeoutNanos = timeout.toNanos();
    this.cacheNanos = cacheFor.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.executor = Executors.newSingleThreadExecutor(DaemonThreads.named("storage-health"));
  }

  /** The store's health: cached, or checked now within the timeout. */
  // thenAccept's future is not needed: runCheck never throws, and callers wait on `started`.
  @SuppressWarnings("FutureReturnValueIgnored")
  public Result check() {
    CompletableFuture<Result> future;
    synchronized (this) {
      if (cached != null && nanoTime.getAsLong() - cachedAt < cacheNanos) {
        return cached;
      }
      if (inFlight == null) {
        CompletableFuture<Result> started = CompletableFuture.supplyAsync(this::runCheck, executor);
        inFlight = started;
        // May run at once, on this thread, if the check is already done: it clears inFlight.
        started.thenAccept(result -> finished(started, result));
        future = started;
      } else {
        future = inFlight;
      }
    }
    try {
      return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      Result late =
          new Result(
              false,
              "the trace store did not answer within "
                  + Duration.ofNanos(timeoutNanos).toMillis()
                  + " ms");
      remember(late);
      return late;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(false, "interrupted while checking the trace store");
    } catch (ExecutionException e) {
      return new Result(false, "the trace store check failed");
    }
  }

  private Result runCheck() {
    if (health == null) {
      return new Result(true, "no check");
    }
    try {
      return new Result(true, health.check());
    } catch (StorageException e) {
      return new Result(false, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("Trace store health check failed unexpectedly", e);
      return new Result(false, "the trace store check failed: " + e.getClass().getSimpleName());
    }
  }

  private void finished(CompletableFuture<Result> check, Result result) {
    synchronized (this) {
      if (inFlight == check) {
        inFlight = null;
      }
    }
    remember(result);
  }

  private synchronized void remember(Result result) {
    cached = result;
    cachedAt = nanoTime.getAsLong();
    if (lastUp == null || lastUp != result.up()) {
      if (result.up()) {
        log.info("Trace store available: {}", result.detail());
      } else {
        log.warn("Trace store not available: {}", result.detail());
      }
      lastUp = result.up();
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
