package io.sightline.dependencies;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code sightline dependencies}. Values follow their option as the next argument or
 * after {@code =} ({@code --day 2024-05-01} or {@code --day=2024-05-01}).
 *
 * @param help {@code --help}
 * @param days the UTC days to process, oldest first ({@code --day}, or {@code --from}/{@code --to}
 *     both included; default yesterday)
 * @param dryRun {@code --dry-run}: print the links, write nothing
 * @param peerServiceTag {@code --peer-service-tag}, else {@code PEER_SERVICE_TAG}, else {@code
 *     peer.service}
 * @param pageSize {@code --page-size}: spans per request
 * @param slices {@code --slices}: point-in-time slices scanned in parallel (Elasticsearch 8+)
 * @param progressInterval {@code --progress}: seconds between progress lines; zero for none
 * @param settings storage settings given as options ({@code --es}, {@code --index-prefix}) as
 *     Sightline property names; they win over the {@code ES_*} variables
 */
record DependenciesOptions(
    boolean help,
    List<LocalDate> days,
    boolean dryRun,
    String peerServiceTag,
    int pageSize,
    int slices,
    Duration progressInterval,
    Map<String, String> settings) {

  static final int DEFAULT_PAGE_SIZE = 5_000;
  static final int DEFAULT_SLICES = 1;
  static final int MAX_SLICES = 64;
  static final int MAX_DAYS = 366;
  static final String SERVER_URLS = "sightline.elasticsearch.connection.server-urls";
  static final String INDEX_PREFIX = "sightline.elasticsearch.indices.prefix";

  /** A bad argument; the message names it. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  /**
   * @param today the current UTC date (the default day is the one before)
   * @param environment the process environment ({@code PEER_SERVICE_TAG})
   */
  static DependenciesOptions parse(
      List<String> args, LocalDate today, Map<String, String> environment) throws UsageException {
    boolean help = false;
    LocalDate day = null;
    LocalDate from = null;
    LocalDate to = null;
    boolean dryRun = false;
    String peer = environment.getOrDefault("PEER_SERVICE_TAG", "");
    int pageSize = DEFAULT_PAGE_SIZE;
    int slices = DEFAULT_SLICES;
    Duration progress = Duration.ofSeconds(5);
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      String value = null;
      int eq = name.indexOf('=');
      if (name.startsWith("--") && eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      boolean takesValue =
          switch (name) {
            case "-h", "--help", "--dry-run" -> false;
            default -> true;
          };
      if (!takesValue && value != null) {
        throw new UsageException(name + " takes no value");
      }
      if (takesValue && value == null) {
        if (i + 1 >= args.size()) {
          throw new UsageException(name + " needs a value");
        }
        value = args.get(++i);
      }
      switch (name) {
        case "-h", "--help" -> help = true;
        case "--dry-run" -> dryRun = true;
        case "--day" -> day = date(name, value);
        case "--from" -> from = date(name, value);
        case "--to" -> to = date(name, value);
        case "--peer-service-tag" -> peer = value.trim();
        case "--page-size" -> pageSize = number(name, value, 1, 10_000);
        case "--slices" -> slices = number(name, value, 1, MAX_SLICES);
        case "--progress" -> progress = Duration.ofSeconds(number(name, value, 0, 3600));
        case "--es" -> settings.put(SERVER_URLS, value.trim());
        case "--index-prefix" -> settings.put(INDEX_PREFIX, value.trim());
        default -> throw new UsageException("unknown option " + name);
      }
    }
    return new DependenciesOptions(
        help,
        days(day, from, to, today),
        dryRun,
        peer.isBlank() ? "peer.service" : peer,
        pageSize,
        slices,
        progress,
        Map.copyOf(settings));
  }

  private static List<LocalDate> days(LocalDate day, LocalDate from, LocalDate to, LocalDate today)
      throws UsageException {
    if (day != null && (from != null || to != null)) {
      throw new UsageException("--day and --from/--to exclude each other");
    }
    if (day != null) {
      return List.of(day);
    }
    if (from == null && to == null) {
      return List.of(today.minusDays(1));
    }
    LocalDate first = from != null ? from : to;
    LocalDate last = to != null ? to : today.minusDays(1);
    if (last.isBefore(first)) {
      throw new UsageException("--to " + last + " is before --from " + first);
    }
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      if (days.size() == MAX_DAYS) {
        throw new UsageException("at most " + MAX_DAYS + " days at once");
      }
      days.add(d);
    }
    return List.copyOf(days);
  }

  private static LocalDate date(String name, String value) throws UsageException {
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new UsageException(name + " " + value + ": not a date YYYY-MM-DD");
    }
  }

  private static int number(String name, String value, int min, int max) throws UsageException {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(name + " " + value + ": not a number from " + min + " to " + max);
  }
}
