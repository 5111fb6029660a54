package io.sightline.web.trace.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The statistics view's figures: one group per service, and in each group one row per value of a
 * second key (the operation, or a tag or process value the user picked): span count, total,
 * average, minimum and maximum duration, self time and errors. One pass over the spans plus the
 * sort of the (few) rows.
 */
public final class Statistics {

  /** What the rows can be sorted by. */
  public enum Sort {
    NAME,
    COUNT,
    TOTAL,
    AVG,
    MIN,
    MAX,
    SELF,
    ERRORS;

    /** The sort named by a request parameter ({@code self}, {@code total}…), or SELF. */
    public static Sort parse(String name) {
      if (name == null) {
        return SELF;
      }
      for (Sort s : values()) {
        if (s.name().equalsIgnoreCase(name)) {
          return s;
        }
      }
      return SELF;
    }

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One table row.
   *
   * @param service the service
   * @param value the operation or tag value, {@code null} on a service row; {@link #NO_VALUE} for
   *     spans without the tag
   * @param count spans
   * @param total sum of durations, µs
   * @param min shortest, µs
   * @param max longest, µs
   * @param self sum of self times, µs
   * @param errors spans marked as errors
   */
  public record Row(
      String service,
      String value,
      int count,
      long total,
      long min,
      long max,
      long self,
      int errors) {

    /** Average duration, µs (rounded down). */
    public long avg() {
      return count == 0 ? 0 : total / count;
    }

    /** Self time as a percentage of the trace's duration, one decimal, "0.0" for a 0 duration. */
    public String selfPercent(long traceDuration) {
      double p = traceDuration <= 0 ? 0 : 100.0 * self / traceDuration;
      return String.format(Locale.ROOT, "%.1f", p);
    }

    long key(Sort sort) {
      return switch (sort) {
        case COUNT -> count;
        case TOTAL -> total;
        case AVG -> avg();
        case MIN -> min;
        case MAX -> max;
        case SELF -> self;
        case ERRORS -> errors;
        case NAME -> 0;
      };
    }

    String name() {
      return value == null ? service : value;
    }
  }

  /** A service's row and its rows per second key. */
  public record Group(Row row, List<Row> rows) {}

  /** The value of a span without the chosen tag. */
  public static final String NO_VALUE = "(without value)";

  private Statistics() {}

  /**
   * Aggregates the spans.
   *
   * @param service per span: index into {@code services}
   * @param services service names
   * @param value per span: index into {@code values}, or -1 for none ({@link #NO_VALUE})
   * @param values the second key's values
   * @param duration per span, µs
   * @param self per span, µs (see {@link SelfTime})
   * @param error per span: marked as an error
   * @param sort what to sort by; descending unless {@code ascending}
   */
  public static List<Group> compute(
      int[] service,
      List<String> services,
      int[] value,
      List<String> values,
      long[] duration,
      long[] self,
      boolean[] error,
      Sort sort,
      boolean ascending) {
    int n = service.length;
    Acc[] perService = new Acc[services.size()];
    Map<Long, Acc> perValue = new HashMap<>();
    for (int i = 0; i < n; i++) {
      int s = service[i];
      if (perService[s] == null) {
        perService[s] = new Acc(s, -2);
      }
      perService[s].add(duration[i], self[i], error[i]);
      long key = ((long) s << 32) | (value[i] + 1L);
      Acc acc = perValue.get(key);
      if (acc == null) {
        acc = new Acc(s, value[i]);
        perValue.put(key, acc);
      }
      acc.add(duration[i], self[i], error[i]);
    }
    List<List<Row>> children = new ArrayList<>(services.size());
    for (int s = 0; s < services.size(); s++) {
      children.add(new ArrayList<>());
    }
    for (Acc acc : perValue.values()) {
      String name = acc.value < 0 ? NO_VALUE : values.get(acc.value);
      children.get(acc.service).add(acc.row(services.get(acc.service), name));
    }
    Comparator<Row> order = comparator(sort, ascending);
    List<Group> groups = new ArrayList<>();
    for (Acc acc : perService) {
      if (acc != null) {
        List<Row> rows = children.get(acc.service);
        rows.sort(order);
        groups.add(new Group(acc.row(services.get(acc.service), null), List.copyOf(rows)));
      }
    }
    groups.sort(Comparator.comparing(Group::row, order));
    return List.copyOf(groups);
  }

  private static Comparator<Row> comparator(Sort sort, boolean ascending) {
    Comparator<Row> byName = Comparator.comparing(Row::name);
    if (sort == Sort.NAME) {
      return ascending ? byName : byName.reversed();
    }
    Comparator<Row> byKey = Comparator.comparingLong(r -> r.key(sort));
    return (ascending ? byKey : byKey.reversed()).thenComparing(byName);
  }

  /** Running figures of one row. */
  private static final class Acc {
    final int service;
    final int value;
    int count;
    long total;
    long min = Long.MAX_VALUE;
    long max;
    long self;
    int errors;

    Acc(int service, int value) {
      this.service = service;
      this.value = value;
    }

    void add(long duration, long selfTime, boolean error) {
      count++;
      total += duration;
      min = Math.min(min, duration);
      max = Math.max(max, duration);
      self += selfTime;
      if (error) {
        errors++;
      }
    }

    Row row(String serviceName, String valueName) {
      return new Row(serviceName, valueName, count, total, min, max, self, errors);
    }
  }
}
