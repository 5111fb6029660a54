package io.sightline.load;

import io.sightline.demo.DemoProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of {@code sightline load}, parsed from its arguments. Values may follow their option
 * as the next argument or after {@code =} ({@code --spans 1000} or {@code --spans=1000}).
 *
 * @param help {@code --help}: print the usage and do nothing else
 * @param generate {@code --generate}: write demo traces
 * @param spans {@code --spans}: how many spans of request traces to generate (at least; the last
 *     trace completes)
 * @param window {@code --days}: how far back before {@link #now} generated traces reach
 * @param seed {@code --seed}: the generator's seed
 * @param largeTraces {@code --large-trace}: sizes of extra single large traces, in spans
 * @param profile {@code --profile}: which part of the demo shop
 * @param now {@code --now}: the end of the generated window and the time {@code --shift-to-now}
 *     moves to; null for the current time
 * @param files trace files and directories of them
 * @param shiftToNow {@code --shift-to-now}: move file traces so that the newest span ends at now
 * @param dependencies write per-day dependency documents ({@code --no-dependencies}: don't)
 * @param settings storage settings given as options ({@code --es}, {@code --index-prefix}), as
 *     Sightline property names; they win over the {@code ES_*} variables
 * @param batchSpans {@code --bulk-size}: spans per bulk request
 * @param concurrency {@code --concurrency}: bulk requests in flight at once
 * @param progressInterval {@code --progress}: how often progress is printed; zero for never
 * @param debug {@code --debug}: stack traces with errors
 */
record LoadOptions(
    boolean help,
    boolean generate,
    long spans,
    Duration window,
    long seed,
    List<Integer> largeTraces,
    DemoProfile profile,
    Instant now,
    List<Path> files,
    boolean shiftToNow,
    boolean dependencies,
    Map<String, String> settings,
    int batchSpans,
    int concurrency,
    Duration progressInterval,
    boolean debug) {

  static final long DEFAULT_SPANS = 100_000;
  static final int DEFAULT_DAYS = 3;
  static final long DEFAULT_SEED = 42;

  /**
   * Spans per bulk request: with Jaeger's service documents a batch stays one request (the writer
   * splits at 2,000 actions). Measured on ES 8.19 (2 cores): see docs/LOADING.md.
   */
  static final int DEFAULT_BATCH_SPANS = 1_000;

  /** Bulk requests in flight: measured, see docs/LOADING.md. */
  static final int DEFAULT_CONCURRENCY = 2;

  static final Duration DEFAULT_PROGRESS = Duration.ofSeconds(5);

  /** Largest single trace: a 1,000,000-span trace would be held whole by the generator. */
  static final int MAX_LARGE_TRACE = 1_000_000;

  static final String SERVER_URLS = "sightline.elasticsearch.connection.server-urls";
  static final String INDEX_PREFIX = "sightline.elasticsearch.indices.prefix";

  private static final Pattern COUNT = Pattern.compile("(\\d[\\d_,]*)([kKmM]?)");

  LoadOptions {
    largeTraces = List.copyOf(largeTraces);
    files = List.copyOf(files);
    settings = Map.copyOf(settings);
  }

  /** Whether there is anything to load. */
  boolean hasWork() {
    return generate || !files.isEmpty();
  }

  /**
   * Parses the arguments that follow {@code load}.
   *
   * @throws UsageException naming the option and what is wrong
   */
  static LoadOptions parse(List<String> args) {
    boolean help = false;
    boolean generate = false;
    Long spans = null;
    Duration window = null;
    Long seed = null;
    List<Integer> largeTraces = new ArrayList<>();
    DemoProfile profile = null;
    Instant now = null;
    List<Path> files = new ArrayList<>();
    boolean shiftToNow = false;
    boolean dependencies = true;
    Map<String, String> settings = new LinkedHashMap<>();
    int batchSpans = DEFAULT_BATCH_SPANS;
    int concurrency = DEFAULT_CONCURRENCY;
    Duration progress = DEFAULT_PROGRESS;
    boolean debug = false;
    boolean optionsEnded = false;

    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
        if (arg.equals("-")) {
          throw new UsageException("reading from standard input is not supported: name a file");
        }
        files.add(Path.of(arg));
        continue;
      }
      if (arg.equals("--")) {
        optionsEnded = true;
        continue;
      }
      String name = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      Args values = new Args(args, i, name, inline);
      switch (name) {
        case "-h", "--help" -> help = true;
        case "--generate" -> generate = true;
        case "--spans" -> spans = count(name, values.next(), 0, Long.MAX_VALUE);
        case "--days" -> window = days(values.next());
        case "--seed" -> seed = longValue(name, values.next());
        case "--large-trace" -> {
          int size = (int) count(name, values.next(), 1, MAX_LARGE_TRACE);
          if (largeTraces.contains(size)) {
            throw new UsageException(
                "--large-trace "
                    + size
                    + " is given twice: the same size and seed give the same trace (same ID)");
          }
          largeTraces.add(size);
        }
        case "--profile" -> profile = profile(values.next());
        case "--now" -> now = instant(values.next());
        case "--shift-to-now" -> shiftToNow = true;
        case "--no-dependencies" -> dependencies = false;
        case "--es" -> settings.put(SERVER_URLS, nonBlank(name, values.next()));
        case "--index-prefix" -> settings.put(INDEX_PREFIX, values.next().trim());
        case "--bulk-size" -> batchSpans = (int) count(name, values.next(), 1, 100_000);
        case "--concurrency" -> concurrency = (int) count(name, values.next(), 1, 64);
        case "--progress" -> progress = seconds(name, values.next());
        case "--debug" -> debug = true;
        default -> throw new UsageException("unknown option " + name);
      }
      if (inline != null && !values.used()) {
        throw new UsageException(name + " takes no value");
      }
      i = values.index();
    }
    if (!generate) {
      List<String> given = generatorOptionsGiven(spans, window, seed, largeTraces, profile);
      if (!given.isEmpty()) {
        throw new UsageException(String.join(", ", given) + ": only with --generate");
      }
    }
    if (shiftToNow && files.isEmpty()) {
      throw new UsageException("--shift-to-now applies to trace files only");
    }
    return new LoadOptions(
        help,
        generate,
        spans == null ? DEFAULT_SPANS : spans,
        window == null ? Duration.ofDays(DEFAULT_DAYS) : window,
        seed == null ? DEFAULT_SEED : seed,
        largeTraces,
        profile == null ? DemoProfile.SHOP : profile,
        now,
        files,
        shiftToNow,
        dependencies,
        settings,
        batchSpans,
        concurrency,
        progress,
        debug);
  }

  private static List<String> generatorOptionsGiven(
      Long spans, Duration window, Long seed, List<Integer> largeTraces, DemoProfile profile) {
    List<String> given = new ArrayList<>();
    if (spans != null) {
      given.add("--spans");
    }
    if (window != null) {
      given.add("--days");
    }
    if (seed != null) {
      given.add("--seed");
    }
    if (!largeTraces.isEmpty()) {
      given.add("--large-trace");
    }
    if (profile != null) {
      given.add("--profile");
    }
    return given;
  }

  /**
   * A count: digits with optional {@code _} or {@code ,} separators and an optional {@code k}
   * (thousand) or {@code m} (million) suffix: {@code 1000000}, {@code 1_000_000}, {@code 1m}.
   */
  static long count(String option, String text, long min, long max) {
    Matcher m = COUNT.matcher(text.trim());
    if (!m.matches()) {
      throw new UsageException(
          option + " " + text + " is not a count (e.g. 1000, 1_000_000, 10k, 1m)");
    }
    long value;
    try {
      value = Long.parseLong(m.group(1).replace("_", "").replace(",", ""));
      value =
          switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> Math.multiplyExact(value, 1_000L);
            case "m" -> Math.multiplyExact(value, 1_000_000L);
            default -> value;
          };
    } catch (NumberFormatException | ArithmeticException e) {
      throw new UsageException(option + " " + text + " is too large");
    }
    if (value < min || value > max) {
      throw new UsageException(
          option + " " + text + " must be between " + min + " and " + String.format("%,d", max));
    }
    return value;
  }

  private static long longValue(String option, String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(option + " " + text + " is not an integer");
    }
  }

  /** Whole or fractional days ({@code 3}, {@code 0.25}), at most ten years. */
  private static Duration days(String text) {
    double days;
    try {
      days = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--days " + text + " is not a number of days");
    }
    if (!(days > 0) || days > 3653) {
      throw new UsageException("--days " + text + " must be more than 0 and at most 3653");
    }
    long seconds = Math.round(days * 86_400);
    if (seconds < 1) {
      throw new UsageException("--days " + text + " is shorter than a second");
    }
    return Duration.ofSeconds(seconds);
  }

  private static Duration seconds(String option, String text) {
    String value = text.trim();
    if (value.endsWith("s")) {
      value = value.substring(0, value.length() - 1);
    }
    try {
      double seconds = Double.parseDouble(value);
      if (seconds < 0 || seconds > 86_400) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis(Math.round(seconds * 1000));
    } catch (NumberFormatException e) {
      throw new UsageException(option + " " + text + " is not a number of seconds (0 = never)");
    }
  }

  private static DemoProfile profile(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "shop" -> DemoProfile.SHOP;
      case "storefront" -> DemoProfile.STOREFRONT;
      default -> throw new UsageException("--profile " + text + " is not shop or storefront");
    };
  }

  private static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "--now " + text + " is not an RFC 3339 time such as 2024-05-01T12:00:00Z");
    }
  }

  private static String nonBlank(String option, String text) {
    if (text.isBlank()) {
      throw new UsageException(option + " needs a value");
    }
    return text.trim();
  }

  /** The value of an option: after {@code =}, else the next argument. */
  private static final class Args {
    private final List<String> args;
    private final String name;
    private final String inline;
    private int index;
    private boolean used;

    Args(List<String> args, int index, String name, String inline) {
      this.args = args;
      this.index = index;
      this.name = name;
      this.inline = inline;
    }

    String next() {
      used = true;
      if (inline != null) {
        return inline;
      }
      if (index + 1 >= args.size()) {
        throw new UsageException(name + " needs a value");
      }
      index++;
      return args.get(index);
    }

    boolean used() {
      return used;
    }

    int index() {
      return index;
    }
  }

  /** The arguments are wrong; the message says how. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
