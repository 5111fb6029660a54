package io.sightline.storage.memory;

import io.sightline.trace.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Services and operations as Elasticsearch's daily service index holds them: one entry per
 * (service, operation, UTC day of the span's start). Listing reads the days from {@code now −
 * maxSpanAge} to {@code now}, both ends included as whole days, and orders names like a terms
 * aggregation: by number of entries (documents) descending, then by name. Names longer than {@value
 * #IGNORE_ABOVE} characters are not indexed by Elasticsearch ({@code ignore_above}), so they are
 * never listed.
 *
 * <p>Not thread-safe: the store guards it with its lock.
 */
final class ServiceCatalog {

  /** Elasticsearch's {@code ignore_above} for the keyword fields of Jaeger's mappings. */
  static final int IGNORE_ABOVE = 256;

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  /** service → operation → UTC epoch days seen. */
  private final Map<String, Map<String, NavigableSet<Long>>> days = new HashMap<>();

  // The (service, operation, day) recorded last: spans come in runs of one service and operation
  // on one day, and a run needs one lookup.
  private String lastService;
  private String lastOperation;
  private long lastDay;

  /** Records a span's service and operation on the UTC day of its start (µs since the epoch). */
  void record(String service, String operation, long startTimeMicros) {
    long day = Math.floorDiv(startTimeMicros, MICROS_PER_DAY);
    if (day == lastDay && operation.equals(lastOperation) && service.equals(lastService)) {
      return;
    }
    days.computeIfAbsent(service, s -> new HashMap<>())
        .computeIfAbsent(operation, o -> new TreeSet<>())
        .add(day);
    lastService = service;
    lastOperation = operation;
    lastDay = day;
  }

  /** Forgets days before {@code firstDay}, and names left with no day. */
  void forgetBefore(long firstDay) {
    lastService = null;
    for (Iterator<Map<String, NavigableSet<Long>>> services = days.values().iterator();
        services.hasNext(); ) {
      Map<String, NavigableSet<Long>> operations = services.next();
      for (Iterator<NavigableSet<Long>> ops = operations.values().iterator(); ops.hasNext(); ) {
        NavigableSet<Long> seen = ops.next();
        seen.headSet(firstDay, false).clear();
        if (seen.isEmpty()) {
          ops.remove();
        }
      }
      if (operations.isEmpty()) {
        services.remove();
      }
    }
  }

  /** Services with entries on days {@code [firstDay, lastDay]}, in terms-aggregation order. */
  List<String> services(long firstDay, long lastDay) {
    List<Counted> counted = new ArrayList<>();
    for (Map.Entry<String, Map<String, NavigableSet<Long>>> service : days.entrySet()) {
      if (service.getKey().length() > IGNORE_ABOVE) {
        continue;
      }
      long documents = 0;
      for (NavigableSet<Long> seen : service.getValue().values()) {
        documents += seen.subSet(firstDay, true, lastDay, true).size();
      }
      if (documents > 0) {
        counted.add(new Counted(service.getKey(), documents));
      }
    }
    return counted.stream().sorted(Counted.BUCKET_ORDER).map(Counted::name).toList();
  }

  /**
   * Operations of a service with entries on days {@code [firstDay, lastDay]}, in terms-aggregation
   * order, with span kind {@code ""}: the service index records none.
   */
  List<Operation> operations(String service, long firstDay, long lastDay) {
    Map<String, NavigableSet<Long>> operations = days.get(service);
    if (operations == null || service.length() > IGNORE_ABOVE) {
      return List.of();
    }
    List<Counted> counted = new ArrayList<>();
    for (Map.Entry<String, NavigableSet<Long>> operation : operations.entrySet()) {
      int documents = operation.getValue().subSet(firstDay, true, lastDay, true).size();
      if (documents > 0 && operation.getKey().length() <= IGNORE_ABOVE) {
        counted.add(new Counted(operation.getKey(), documents));
      }
    }
    return counted.stream()
        .sorted(Counted.BUCKET_ORDER)
        .map(c -> new Operation(c.name(), ""))
        .toList();
  }

  private record Counted(String name, long documents) {
    static final Comparator<Counted> BUCKET_ORDER =
        Comparator.comparingLong(Counted::documents).reversed().thenComparing(Counted::name);
  }
}
