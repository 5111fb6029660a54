package io.sightline.http;

import io.sightline.gotext.GoDuration;
import io.sightline.gotext.GoJsonStringMap;
import io.sightline.gotext.GoStrconv;
import io.sightline.trace.DependencyQuery;
import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.OperationsQuery;
import io.sightline.trace.QueryLimits;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceQuery;
import io.sightline.trace.TraceRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the query parameters of Jaeger's HTTP API into queries, with Jaeger's grammar, defaults and
 * error texts (Jaeger v2.20 {@code query_parser.go}), plus guards Jaeger lacks ({@link
 * QueryLimits}).
 *
 * <p>Parameters come as a map from name to every value given, in order. A single-valued parameter
 * takes its first value, and an empty value counts as absent; {@code tag}, {@code tags} and {@code
 * traceID} take all of theirs. Every error is an {@link InvalidQueryException} whose message the
 * client sees.
 */
public final class TraceQueryParser {

  /** Jaeger's search window when {@code start} is not given: the last 48 hours. */
  public static final Duration DEFAULT_SEARCH_LOOKBACK = Duration.ofDays(2);

  /** Jaeger's dependencies window when {@code lookback} is not given: 24 hours. */
  public static final Duration DEFAULT_DEPENDENCIES_LOOKBACK = Duration.ofHours(24);

  /**
   * Values below this many microseconds (about 1973-03-03) in the trace-by-ID time hints are taken
   * as milliseconds: Grafana's backend sends milliseconds there, and no trace starts before 1973.
   */
  static final long MILLIS_HINT_THRESHOLD = 100_000_000_000_000L;

  /** The largest magnitude, in nanoseconds, of a time Jaeger can represent (Go's int64 ns). */
  private static final long MAX_NANOS = Long.MAX_VALUE;

  private final Clock clock;
  private final QueryLimits limits;

  public TraceQueryParser(Clock clock, QueryLimits limits) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * {@code GET /api/traces}: a search, or, when any {@code traceID} is given, a fetch of those
   * traces (then the search parameters are still checked but only {@code raw}, {@code start} and
   * {@code end} are used).
   *
   * <p>Parameters: {@code service} (required for a search), {@code operation}, {@code tag} ({@code
   * key:value}, repeatable), {@code tags} (JSON object of strings, repeatable; wins over {@code
   * tag}), {@code start}/{@code end} (µs since the epoch; default the last 48 hours), {@code limit}
   * (default 100), {@code minDuration}/{@code maxDuration} (Go durations), {@code traceID}
   * (repeatable), {@code raw} (Go bool). {@code lookback} is ignored: clients send it only to
   * rebuild their forms.
   */
  /** The limits every query this parser accepts stays within. */
  public QueryLimits limits() {
    return limits;
  }

  /** A parser like this one whose queries stay within {@code narrower} (a page's own limits). */
  public TraceQueryParser withLimits(QueryLimits narrower) {
    return new TraceQueryParser(clock, narrower);
  }

  public TraceRequest parseTraceRequest(Map<String, List<String>> params) {
    return parseTraceRequest(params, true);
  }

  /**
   * {@link #parseTraceRequest(Map)}, optionally without Jaeger's rule that a search names a
   * service: with {@code requireService} false a search without {@code service} searches every
   * service (Jaeger's "All Services", which the embedded store and Elasticsearch can do; the search
   * page offers it).
   */
  public TraceRequest parseTraceRequest(Map<String, List<String>> params, boolean requireService) {
    String service = first(params, "service");
    String operation = first(params, "operation");
    Instant now = clock.instant();
    Instant start = parseMicros(params, "start");
    Instant end = parseMicros(params, "end");
    Map<String, String> tags = parseTags(all(params, "tag"), all(params, "tags"));
    int limit =
        parseLimit(first(params, "limit"), Math.min(TraceQuery.DEFAULT_LIMIT, limits.maxLimit()));
    Duration minDuration = parseDuration(params, "minDuration");
    Duration maxDuration = parseDuration(params, "maxDuration");
    List<TraceId> traceIds = new ArrayList<>();
    for (String id : all(params, "traceID")) {
      traceIds.add(
          GoParams.parse(
              id,
              TraceIdParser::parseHex,
              error ->
                  new InvalidQueryException("traceID", "cannot parse traceID param: " + error)));
    }
    boolean raw = parseRaw(params);

    // Jaeger's own validation, in Jaeger's order.
    if (requireService && traceIds.isEmpty() && service.isEmpty()) {
      throw new InvalidQueryException("service", "parameter 'service' is required");
    }
    if (!minDuration.isZero() && !maxDuration.isZero() && maxDuration.compareTo(minDuration) < 0) {
      throw new InvalidQueryException(
          "maxDuration", "'maxDuration' should be greater than 'minDuration'");
    }

    if (!traceIds.isEmpty()) {
      return new TraceRequest.Fetch(
          lookups(traceIds, hint(params, "start"), hint(params, "end")), raw);
    }

    // Guards Jaeger lacks.
    checkLimit(limit);
    checkNotNegative(minDuration, "minDuration");
    checkNotNegative(maxDuration, "maxDuration");
    Instant startTimeMin = start != null ? start : now.minus(DEFAULT_SEARCH_LOOKBACK);
    Instant startTimeMax = end != null ? end : now;
    if (startTimeMax.isBefore(startTimeMin)) {
      throw new InvalidQueryException("end", "start Time Minimum is above Maximum");
    }
    GoParams.checkRange(
        limits,
        Duration.between(startTimeMin, startTimeMax),
        "start",
        window -> "the time range from 'start' to 'end' (" + window + ")");
    TraceQuery query =
        TraceQuery.builder(startTimeMin, startTimeMax)
            .serviceName(service)
            .operationName(operation)
            .tags(tags)
            .durationMin(minDuration)
            .durationMax(maxDuration)
            .limit(limit)
            .build();
    return new TraceRequest.Search(query, raw);
  }

  /**
   * {@code GET /api/traces/{traceID}} and {@code POST /api/archive/{traceID}}: the ID from the path
   * (hex, or base64 as Jaeger v2.20 accepts it), the optional time hints {@code start}/{@code end}
   * (µs; values that can only be milliseconds, as Grafana's backend sends, are read as such) and
   * {@code raw}.
   */
  public TraceRequest.Fetch parseTraceFetch(String pathTraceId, Map<String, List<String>> params) {
    TraceId traceId =
        GoParams.parse(
            pathTraceId,
            TraceIdParser::parseHexOrBase64,
            error -> new InvalidQueryException("traceID", error));
    TraceLookup lookup = lookup(traceId, params);
    boolean raw = parseRaw(params);
    return new TraceRequest.Fetch(List.of(lookup), raw);
  }

  /**
   * One trace with the optional time hints {@code start}/{@code end} of {@code GET
   * /api/traces/{traceID}} (µs; values that can only be milliseconds read as such; hints that
   * contradict each other are dropped). The trace page reads its links' hints with this too.
   */
  public static TraceLookup lookup(TraceId traceId, Map<String, List<String>> params) {
    return lookups(List.of(traceId), hint(params, "start"), hint(params, "end")).get(0);
  }

  /**
   * {@code GET /api/dependencies}: {@code endTs} (ms since the epoch, default now) and {@code
   * lookback} (ms, default 24 hours).
   */
  public DependencyQuery parseDependencyQuery(Map<String, List<String>> params) {
    String endText = first(params, "endTs");
    Instant endTs = endText.isEmpty() ? clock.instant() : parseMillis(endText, "endTs");
    String lookbackText = first(params, "lookback");
    Duration lookback = DEFAULT_DEPENDENCIES_LOOKBACK;
    if (!lookbackText.isEmpty()) {
      lookback = Duration.ofMillis(GoParams.parseInt64(lookbackText, "lookback"));
    }
    if (lookback.isNegative()) {
      throw new InvalidQueryException("lookback", "'lookback' must not be negative");
    }
    GoParams.checkRange(limits, lookback, "lookback", length -> "'lookback' of " + length);
    return new DependencyQuery(endTs, lookback);
  }

  /** {@code GET /api/operations}: {@code service} (required) and {@code spanKind}. */
  public OperationsQuery parseOperationsQuery(Map<String, List<String>> params) {
    return new OperationsQuery(first(params, "service"), first(params, "spanKind"));
  }

  /** The first value of a parameter, or {@code ""} when it is absent. */
  public static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty() || values.get(0) == null) {
      return "";
    }
    return values.get(0);
  }

  private static List<String> all(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    if (values == null) {
      return List.of();
    }
    List<String> present = new ArrayList<>(values.size());
    for (String value : values) {
      present.add(value == null ? "" : value);
    }
    return present;
  }

  /** {@code tag=k:v} pairs first (split at the first colon), then {@code tags} JSON objects. */
  static Map<String, String> parseTags(List<String> simpleTags, List<String> jsonTags) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String tag : simpleTags) {
      int colon = tag.indexOf(':');
      if (colon < 0) {
        throw new InvalidQueryException(
            "tag", "malformed 'tag' parameter, expecting key:value, received: " + tag);
      }
      tags.put(tag.substring(0, colon), tag.substring(colon + 1));
    }
    for (String json : jsonTags) {
      tags.putAll(
          GoParams.parse(
              json,
              GoJsonStringMap::parse,
              error ->
                  new InvalidQueryException(
                      "tags", "malformed 'tags' parameter, cannot unmarshal JSON: " + error)));
    }
    return tags;
  }

  private static int parseLimit(String text, int defaultLimit) {
    if (text.isEmpty()) {
      return defaultLimit;
    }
    // Jaeger reports a malformed limit bare, without naming the parameter.
    long limit =
        GoParams.parse(
            text,
            value -> GoStrconv.parseInt(value, 32),
            error -> new InvalidQueryException("limit", error));
    return limit == 0 ? defaultLimit : (int) limit; // storage reads 0 as the default anyway
  }

  private void checkLimit(int limit) {
    if (limit < 0) {
      throw new InvalidQueryException("limit", "'limit' must not be negative");
    }
    if (limit > limits.maxLimit()) {
      throw new InvalidQueryException(
          "limit", "'limit' must not be greater than " + limits.maxLimit());
    }
  }

  private static Duration parseDuration(Map<String, List<String>> params, String name) {
    return GoParams.parseOptional(first(params, name), name, Duration.ZERO, GoDuration::parse);
  }

  private static void checkNotNegative(Duration duration, String name) {
    if (duration.isNegative()) {
      throw new InvalidQueryException(name, "'" + name + "' must not be negative");
    }
  }

  private static boolean parseRaw(Map<String, List<String>> params) {
    return GoParams.parseOptional(first(params, "raw"), "raw", false, GoStrconv::parseBool);
  }

  /** A time in µs since the epoch, or {@code null} when the parameter is absent. */
  private static Instant parseMicros(Map<String, List<String>> params, String name) {
    String text = first(params, name);
    if (text.isEmpty()) {
      return null;
    }
    long micros = GoParams.parseInt64(text, name);
    checkTimeRange(micros, MAX_NANOS / 1_000, name);
    return Instant.EPOCH.plusNanos(micros * 1_000);
  }

  private static Instant parseMillis(String text, String name) {
    long millis = GoParams.parseInt64(text, name);
    checkTimeRange(millis, MAX_NANOS / 1_000_000, name);
    return Instant.ofEpochMilli(millis);
  }

  /**
   * An optional time hint for a trace fetch, in µs; a value that would be before 1973 as µs is
   * taken as ms (Grafana's backend sends ms there).
   */
  private static Instant hint(Map<String, List<String>> params, String name) {
    String text = first(params, name);
    if (text.isEmpty()) {
      return null;
    }
    long value = GoParams.parseInt64(text, name);
    if (Math.abs(value) < MILLIS_HINT_THRESHOLD) {
      return Instant.ofEpochMilli(value);
    }
    checkTimeRange(value, MAX_NANOS / 1_000, name);
    return Instant.EPOCH.plusNanos(value * 1_000);
  }

  /** Lookups for distinct IDs in request order; hints are dropped when they contradict. */
  private static List<TraceLookup> lookups(List<TraceId> ids, Instant start, Instant end) {
    if (start != null && end != null && end.isBefore(start)) {
      start = null;
      end = null;
    }
    Set<TraceId> distinct = new LinkedHashSet<>(ids);
    List<TraceLookup> lookups = new ArrayList<>(distinct.size());
    for (TraceId id : distinct) {
      lookups.add(new TraceLookup(id, start, end));
    }
    return lookups;
  }

  /** Jaeger keeps times as int64 nanoseconds; anything beyond (before 1677, after 2262) is junk. */
  private static void checkTimeRange(long value, long maxMagnitude, String name) {
    if (value > maxMagnitude || value < -maxMagnitude) {
      throw GoParams.parseError(name, "time out of range");
    }
  }
}
