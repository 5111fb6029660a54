package io.sightline.config;

import io.sightline.gotext.GoDuration;
import io.sightline.trace.ReadBudget;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Admission control of reads ({@code sightline.read-budget.*}, {@code SIGHTLINE_READ_*}): see
 * {@link ReadBudget}.
 *
 * @param spans {@code SIGHTLINE_READ_BUDGET_SPANS}: spans all requests together may hold; {@code 0}
 *     (the default) for {@link ReadBudget#defaultSpans} of the JVM's max heap
 * @param queue {@code SIGHTLINE_READ_QUEUE}: reads that may wait (for memory, and separately for a
 *     storage slot); more are answered 503 at once
 * @param maxWait {@code SIGHTLINE_READ_MAX_WAIT}: how long a read waits before 503 (a Go duration)
 * @param storageCalls {@code SIGHTLINE_STORAGE_CONCURRENCY}: storage calls in flight at once; keep
 *     it well below Tomcat's 200 threads so that a stalled store leaves threads for the rest
 * @param heavyReads {@code SIGHTLINE_READ_HEAVY_CONCURRENCY}: requests with a big answer (more than
 *     1/32 of the budget) built at once; {@code 0} (the default) for two per core
 */
@ConfigurationProperties("sightline.read-budget")
public record ReadBudgetProperties(
    Long spans, Integer queue, String maxWait, Integer storageCalls, Integer heavyReads) {

  public ReadBudgetProperties {
    spans = spans == null ? 0 : spans;
    queue = queue == null ? 64 : queue;
    maxWait = maxWait == null || maxWait.isBlank() ? "10s" : maxWait.trim();
    storageCalls = storageCalls == null ? 32 : storageCalls;
    heavyReads = heavyReads == null ? 0 : heavyReads;
    if (spans < 0) {
      throw new IllegalArgumentException("SIGHTLINE_READ_BUDGET_SPANS must not be negative");
    }
    if (queue < 0) {
      throw new IllegalArgumentException("SIGHTLINE_READ_QUEUE must not be negative");
    }
    if (storageCalls < 1) {
      throw new IllegalArgumentException("SIGHTLINE_STORAGE_CONCURRENCY must be at least 1");
    }
    if (heavyReads < 0) {
      throw new IllegalArgumentException("SIGHTLINE_READ_HEAVY_CONCURRENCY must not be negative");
    }
    wait(maxWait);
  }

  /** The budget these settings describe, for a JVM with this max heap and this many cores. */
  public ReadBudget budget(long maxHeapBytes, int cores) {
    long capacity = spans > 0 ? spans : ReadBudget.defaultSpans(maxHeapBytes);
    int heavy = heavyReads > 0 ? heavyReads : ReadBudget.defaultHeavyReads(cores);
    return new ReadBudget(capacity, queue, wait(maxWait), storageCalls, heavy);
  }

  private static Duration wait(String text) {
    Duration wait = GoDuration.parseSetting(text, "SIGHTLINE_READ_MAX_WAIT");
    if (wait.isNegative()) {
      throw new IllegalArgumentException("SIGHTLINE_READ_MAX_WAIT must not be negative: " + text);
    }
    return wait;
  }
}
