package io.sightline.storage.elasticsearch.index;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which indices hold Jaeger's spans, services and dependencies, for reading a time window and for
 * writing a document. Pure: no clock, no I/O.
 *
 * <p>Periodic mode (the default) names indices {@code [prefix-]jaeger-span-2024-05-01} after the
 * UTC date (and hour, with hourly rollover) of the span's start; a window reads every index from
 * the newest to the oldest, both ends included (docs/JAEGER-COMPAT.md §4.1). Alias mode reads
 * {@code [prefix-]jaeger-span-read} whatever the window. With remote read clusters every read index
 * {@code X} becomes {@code X, c1:X, c2:X}.
 *
 * <p><b>Long windows.</b> Jaeger lists one name per day (or hour), so a month of hourly indices is
 * 744 names and a year of daily indices 366: enough to overflow Elasticsearch's 4 KB request line.
 * Like Zipkin, we collapse every whole calendar unit inside the window into a wildcard: a whole day
 * of hourly indices is {@code jaeger-span-2024-05-01-*}, a whole month {@code
 * jaeger-span-2024-05-*}, a whole year {@code jaeger-span-2024-*}, a whole decade {@code
 * jaeger-span-202*}. Wildcards only ever cover dates inside the window, never match another
 * prefix's indices (they start with the full prefixed base name) and need no {@code
 * ignore_unavailable}. The list is therefore short for any window: at most a few dozen names per
 * end plus one per decade, and windows are clamped to the four-digit years 0000–9999 that the index
 * layout can spell.
 */
public final class IndexRotation {

  /** The index kinds Jaeger keeps. */
  public enum Kind {
    SPAN("jaeger-span"),
    SERVICE("jaeger-service"),
    DEPENDENCIES("jaeger-dependencies");

    private final String baseName;

    Kind(String baseName) {
      this.baseName = baseName;
    }

    /** The unprefixed base name, e.g. {@code jaeger-span}. */
    public String baseName() {
      return baseName;
    }
  }

  private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private final String prefix;
  private final String separator;
  private final RolloverFrequency spanFrequency;
  private final RolloverFrequency serviceFrequency;
  private final boolean useAliases;
  private final List<String> remoteReadClusters;
  private final boolean archive;

  /**
   * @param prefix the index prefix ({@code ES_INDEX_PREFIX}), {@code ""} for none
   * @param dateSeparator between year, month, day and hour ({@code ES_INDEX_DATE_SEPARATOR}: {@code
   *     -}, {@code .} or empty)
   * @param spanFrequency rollover of span indices
   * @param serviceFrequency rollover of service indices (dependencies are always daily)
   * @param useAliases read {@code …-read} and write {@code …-write} aliases instead of dated
   *     indices
   * @param remoteReadClusters cross-cluster search cluster names, possibly empty
   */
  public IndexRotation(
      String prefix,
      String dateSeparator,
      RolloverFrequency spanFrequency,
      RolloverFrequency serviceFrequency,
      boolean useAliases,
      List<String> remoteReadClusters) {
    this.prefix = prefix == null ? "" : prefix;
    this.separator = dateSeparator == null ? "" : dateSeparator;
    this.spanFrequency = Objects.requireNonNull(spanFrequency, "spanFrequency");
    this.serviceFrequency = Objects.requireNonNull(serviceFrequency, "serviceFrequency");
    this.useAliases = useAliases;
    this.remoteReadClusters = List.copyOf(remoteReadClusters);
    this.archive = false;
  }

  private IndexRotation(String prefix, boolean useAliases, List<String> remoteReadClusters) {
    this.prefix = prefix == null ? "" : prefix;
    this.separator = "-";
    this.spanFrequency = RolloverFrequency.DAY;
    this.serviceFrequency = RolloverFrequency.DAY;
    this.useAliases = useAliases;
    this.remoteReadClusters = List.copyOf(remoteReadClusters);
    this.archive = true;
  }

  /**
   * Jaeger v1's archive ({@code ES_ARCHIVE_*}): spans only, in one undated index {@code
   * [prefix-]jaeger-span-archive}, or behind the aliases {@code …-archive-read} and {@code
   * …-archive-write}. There are no service or dependencies indices.
   */
  public static IndexRotation archive(
      String prefix, boolean useAliases, List<String> remoteReadClusters) {
    return new IndexRotation(prefix, useAliases, remoteReadClusters);
  }

  /** Whether indices carry dates (periodic mode); false through aliases and in the archive. */
  public boolean dated() {
    return !useAliases && !archive;
  }

  /** Daily indices, {@code -} separator, no prefix, no aliases: Jaeger's defaults. */
  public static IndexRotation defaults() {
    return new IndexRotation(
        "", "-", RolloverFrequency.DAY, RolloverFrequency.DAY, false, List.of());
  }

  /**
   * Joins prefix and base name with {@code -}; a prefix that already ends with {@code -} is not
   * doubled ({@code prod-} and {@code prod} both give {@code prod-jaeger-span}).
   */
  public static String prefixed(String prefix, String baseName) {
    if (prefix == null || prefix.isEmpty()) {
      return baseName;
    }
    return prefix.endsWith("-") ? prefix + baseName : prefix + "-" + baseName;
  }

  public boolean usesAliases() {
    return useAliases;
  }

  /**
   * The indices (or alias) to read for documents of this kind dated within {@code [start, end]}.
   */
  public List<String> readIndices(Kind kind, Instant start, Instant end) {
    String base = prefixed(prefix, kind.baseName());
    if (archive) {
      return kind == Kind.SPAN
          ? withRemoteClusters(List.of(base + (useAliases ? "-archive-read" : "-archive")))
          : List.of();
    }
    List<String> local =
        useAliases ? List.of(base + "-read") : periodic(base, frequency(kind), start, end);
    return withRemoteClusters(local);
  }

  /** The index (or alias) a document of this kind dated {@code time} is written to. */
  public String writeIndex(Kind kind, Instant time) {
    String base = prefixed(prefix, kind.baseName());
    if (archive) {
      if (kind != Kind.SPAN) {
        throw new IllegalStateException("the archive has only spans");
      }
      return base + (useAliases ? "-archive-write" : "-archive");
    }
    if (useAliases) {
      return base + "-write";
    }
    return base + "-" + format(clamp(time), frequency(kind), Unit.of(frequency(kind)));
  }

  /** The index prefix this rotation was configured with. */
  public String prefix() {
    return prefix;
  }

  private RolloverFrequency frequency(Kind kind) {
    return switch (kind) {
      case SPAN -> spanFrequency;
      case SERVICE -> serviceFrequency;
      case DEPENDENCIES -> RolloverFrequency.DAY;
    };
  }

  List<String> withRemoteClusters(List<String> local) {
    if (remoteReadClusters.isEmpty()) {
      return local;
    }
    List<String> out = new ArrayList<>(local.size() * (remoteReadClusters.size() + 1));
    for (String index : local) {
      out.add(index);
      for (String cluster : remoteReadClusters) {
        out.add(cluster + ":" + index);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Newest first, both ends included; whole calendar units collapsed into wildcards (see class
   * comment).
   */
  private List<String> periodic(
      String base, RolloverFrequency frequency, Instant start, Instant end) {
    Unit finest = Unit.of(frequency);
    LocalDateTime first = finest.floor(clamp(start));
    LocalDateTime cursor = finest.floor(clamp(end));
    List<String> out = new ArrayList<>();
    if (cursor.isBefore(first)) {
      // An empty window still reads the index of its start, as Jaeger does.
      out.add(base + "-" + format(first, frequency));
      return List.copyOf(out);
    }
    while (!cursor.isBefore(first)) {
      Unit unit = finest;
      // The coarsest unit whose block ends at the cursor and starts inside the window.
      for (Unit candidate : Unit.COARSE_TO_FINE) {
        if (candidate.compareTo(finest) >= 0) {
          break;
        }
        LocalDateTime blockStart = candidate.floor(cursor);
        LocalDateTime blockLast = finest.last(candidate, blockStart);
        if (blockLast.equals(cursor) && !blockStart.isBefore(first)) {
          unit = candidate;
          break;
        }
      }
      LocalDateTime blockStart = unit == finest ? cursor : unit.floor(cursor);
      out.add(
          base + "-" + (unit == finest ? format(cursor, frequency) : wildcard(blockStart, unit)));
      cursor = finest.previous(blockStart);
    }
    return List.copyOf(out);
  }

  private String format(Instant time, RolloverFrequency frequency, Unit finest) {
    return format(finest.floor(time), frequency);
  }

  private String format(LocalDateTime t, RolloverFrequency frequency) {
    StringBuilder out = new StringBuilder(13);
    appendDigits(out, t.getYear(), 4).append(separator);
    appendDigits(out, t.getMonthValue(), 2).append(separator);
    appendDigits(out, t.getDayOfMonth(), 2);
    if (frequency == RolloverFrequency.HOUR) {
      out.append(separator);
      appendDigits(out, t.getHour(), 2);
    }
    return out.toString();
  }

  /** The pattern of every index dated within the unit starting at {@code start}. */
  private String wildcard(LocalDateTime start, Unit unit) {
    StringBuilder out = new StringBuilder(12);
    String year = String.format("%04d", start.getYear());
    switch (unit) {
      case CENTURY -> out.append(year, 0, 2);
      case DECADE -> out.append(year, 0, 3);
      case YEAR -> out.append(year).append(separator);
      case MONTH -> {
        out.append(year).append(separator);
        appendDigits(out, start.getMonthValue(), 2).append(separator);
      }
      case DAY -> {
        out.append(year).append(separator);
        appendDigits(out, start.getMonthValue(), 2).append(separator);
        appendDigits(out, start.getDayOfMonth(), 2).append(separator);
      }
      case HOUR -> throw new IllegalStateException("hours are never collapsed");
    }
    return out.append('*').toString();
  }

  private static StringBuilder appendDigits(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits);
  }

  private static Instant clamp(Instant time) {
    Objects.requireNonNull(time, "time");
    if (time.isBefore(EARLIEST)) {
      return EARLIEST;
    }
    return time.isAfter(LATEST) ? LATEST : time;
  }

  /** Calendar units, coarsest first. */
  private enum Unit {
    CENTURY,
    DECADE,
    YEAR,
    MONTH,
    DAY,
    HOUR;

    static final Unit[] COARSE_TO_FINE = values();

    static Unit of(RolloverFrequency frequency) {
      return frequency == RolloverFrequency.HOUR ? HOUR : DAY;
    }

    LocalDateTime floor(Instant time) {
      return floor(LocalDateTime.ofInstant(time, ZoneOffset.UTC));
    }

    /** The start of the unit containing {@code t}. */
    LocalDateTime floor(LocalDateTime t) {
      LocalDateTime hour = t.truncatedTo(ChronoUnit.HOURS);
      LocalDateTime day = t.truncatedTo(ChronoUnit.DAYS);
      return switch (this) {
        case HOUR -> hour;
        case DAY -> day;
        case MONTH -> day.withDayOfMonth(1);
        case YEAR -> day.withDayOfYear(1);
        case DECADE -> day.withDayOfYear(1).withYear(t.getYear() - Math.floorMod(t.getYear(), 10));
        case CENTURY ->
            day.withDayOfYear(1).withYear(t.getYear() - Math.floorMod(t.getYear(), 100));
      };
    }

    /** The start of the last unit of this (fine) size inside the coarser block at {@code start}. */
    LocalDateTime last(Unit block, LocalDateTime start) {
      LocalDateTime next =
          switch (block) {
            case CENTURY -> start.plusYears(100);
            case DECADE -> start.plusYears(10);
            case YEAR -> start.plusYears(1);
            case MONTH -> start.plusMonths(1);
            case DAY -> start.plusDays(1);
            case HOUR -> start.plusHours(1);
          };
      return previous(next);
    }

    /** The start of the unit of this size just before {@code t} (a unit start). */
    LocalDateTime previous(LocalDateTime t) {
      return this == HOUR ? t.minusHours(1) : t.minusDays(1);
    }
  }
}
