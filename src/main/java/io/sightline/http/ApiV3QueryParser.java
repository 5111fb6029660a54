package io.sightline.http;

import io.sightline.gotext.GoDuration;
import io.sightline.gotext.GoJsonStringMap;
import io.sightline.gotext.GoRfc3339;
import io.sightline.gotext.GoStrconv;
import io.sightline.trace.InvalidQueryException;
import io.sightline.trace.QueryLimits;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceQuery;
import io.sightline.trace.TraceRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The query parameters of Jaeger's {@code /api/v3} HTTP gateway (Jaeger v2.20 {@code
 * apiv3/query_parser.go}), with its error texts: {@code malformed parameter <name>: <Go error>}.
 *
 * <p>Every parameter has a camelCase name (the proto3 JSON name, Jaeger v2.19+) and a snake_case
 * alias (all that Jaeger knew before); a non-empty camelCase value wins, and an error names the
 * spelling that was used. Times are RFC 3339 with nanoseconds; a space where an offset's {@code +}
 * should be is read as {@code +}, since Grafana appends these times to the URL unescaped. Durations
 * are Go durations. The guards of {@link QueryLimits} apply here too.
 */
public final class ApiV3QueryParser {

  /** Jaeger's search depth when none is asked for. */
  public static final int DEFAULT_SEARCH_DEPTH = 100;

  private final QueryLimits limits;

  public ApiV3QueryParser(QueryLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** A search of {@code GET /api/v3/traces} or {@code GET /api/v3/trace-summaries}. */
  public record Search(TraceQuery query, boolean raw) {}

  /**
   * The search parameters: {@code query.serviceName}, {@code query.operationName}, {@code
   * query.attributes} (a JSON object of strings), {@code query.startTimeMin} and {@code
   * query.startTimeMax} (both required, RFC 3339), {@code query.durationMin}/{@code
   * query.durationMax} (Go durations), {@code query.searchDepth} (default 100; {@code
   * query.num_traces} is an older name), {@code query.rawTraces} (Go bool).
   */
  public Search parseSearch(Map<String, List<String>> params) {
    Param service = param(params, "query.serviceName", "query.service_name");
    Param operation = param(params, "query.operationName", "query.operation_name");
    Param attributesText =
        new Param("query.attributes", TraceQueryParser.first(params, "query.attributes"));
    Map<String, String> attributes =
        attributesText.value().isEmpty() ? Map.of() : parse(attributesText, GoJsonStringMap::parse);
    // query.filter (Jaeger after v2.20) is not read, as in v2.20.

    Param timeMin = param(params, "query.startTimeMin", "query.start_time_min");
    Param timeMax = param(params, "query.startTimeMax", "query.start_time_max");
    if (timeMin.value().isEmpty() || timeMax.value().isEmpty()) {
      throw new InvalidQueryException(
          "query.startTimeMin", "query.startTimeMin and query.startTimeMax are required");
    }
    Instant startTimeMin = parseTime(timeMin);
    Instant startTimeMax = parseTime(timeMax);
    if (!startTimeMin.isBefore(startTimeMax)) {
      throw new InvalidQueryException(
          timeMin.name(), "query.startTimeMin must be before query.startTimeMax");
    }
    GoParams.checkRange(
        limits,
        Duration.between(startTimeMin, startTimeMax),
        timeMin.name(),
        window -> "the time range from query.startTimeMin to query.startTimeMax (" + window + ")");

    Param depth = param(params, "query.searchDepth", "query.search_depth");
    if (depth.value().isEmpty()) {
      depth = new Param("query.num_traces", TraceQueryParser.first(params, "query.num_traces"));
    }
    int searchDepth = Math.min(DEFAULT_SEARCH_DEPTH, limits.maxLimit());
    if (!depth.value().isEmpty()) {
      String depthName = depth.name();
      long parsed =
          GoParams.parse(
              depth.value(),
              value -> GoStrconv.parseInt(value, 64),
              // Jaeger parses it with strconv.Atoi.
              error -> malformed(depthName, error.replace("strconv.ParseInt", "strconv.Atoi")));
      if (parsed < 0) {
        throw malformed(depth.name(), "must not be negative");
      }
      if (parsed > limits.maxLimit()) {
        throw malformed(depth.name(), "must not be greater than " + limits.maxLimit());
      }
      searchDepth = parsed == 0 ? searchDepth : (int) parsed;
    }

    Duration durationMin = parseDuration(param(params, "query.durationMin", "query.duration_min"));
    Duration durationMax = parseDuration(param(params, "query.durationMax", "query.duration_max"));
    if (!durationMin.isZero() && !durationMax.isZero() && durationMax.compareTo(durationMin) < 0) {
      throw new InvalidQueryException(
          "query.durationMax", "query.durationMax must not be less than query.durationMin");
    }
    boolean raw = parseBool(param(params, "query.rawTraces", "query.raw_traces"));

    TraceQuery query =
        TraceQuery.builder(startTimeMin, startTimeMax)
            .serviceName(service.value())
            .operationName(operation.value())
            .tags(attributes)
            .durationMin(durationMin)
            .durationMax(durationMax)
            .limit(searchDepth)
            .build();
    return new Search(query, raw);
  }

  /**
   * {@code GET /api/v3/traces/{trace_id}}: the ID (hex, or base64 of its bytes), the optional
   * window hints {@code startTime}/{@code endTime} (RFC 3339) and {@code rawTraces}.
   */
  public TraceRequest.Fetch parseGetTrace(String traceIdText, Map<String, List<String>> params) {
    TraceId traceId = parse(new Param("trace_id", traceIdText), TraceIdParser::parseHexOrBase64);
    Param start = param(params, "startTime", "start_time");
    Param end = param(params, "endTime", "end_time");
    Instant startTime = start.value().isEmpty() ? null : parseTime(start);
    Instant endTime = end.value().isEmpty() ? null : parseTime(end);
    boolean raw = parseBool(param(params, "rawTraces", "raw_traces"));
    if (startTime != null && endTime != null && endTime.isBefore(startTime)) {
      // Contradicting hints narrow nothing down; Jaeger's stores ignore them too.
      startTime = null;
      endTime = null;
    }
    return new TraceRequest.Fetch(List.of(new TraceLookup(traceId, startTime, endTime)), raw);
  }

  /**
   * The operations of a service ({@code GET /api/v3/operations}).
   *
   * @param service the service; may be empty (the gateway does not require it, and no service has
   *     the empty name)
   * @param spanKind the span kind to filter by, or {@code ""} for all
   */
  public record Operations(String service, String spanKind) {}

  /** {@code GET /api/v3/operations}: {@code service} and {@code spanKind} ({@code span_kind}). */
  public Operations parseOperations(Map<String, List<String>> params) {
    return new Operations(
        TraceQueryParser.first(params, "service"), param(params, "spanKind", "span_kind").value());
  }

  /** A parameter's value and the name it was given under. */
  private record Param(String name, String value) {}

  private static Param param(Map<String, List<String>> params, String name, String alias) {
    String value = TraceQueryParser.first(params, name);
    if (!value.isEmpty()) {
      return new Param(name, value);
    }
    return new Param(alias, TraceQueryParser.first(params, alias));
  }

  private static Instant parseTime(Param param) {
    // Grafana appends these times to the URL unescaped, so "+01:00" arrives as " 01:00".
    return parse(new Param(param.name(), param.value().replace(' ', '+')), GoRfc3339::parse);
  }

  private static Duration parseDuration(Param param) {
    if (param.value().isEmpty()) {
      return Duration.ZERO;
    }
    Duration duration = parse(param, GoDuration::parse);
    if (duration.isNegative()) {
      throw malformed(param.name(), "must not be negative");
    }
    return duration;
  }

  private static boolean parseBool(Param param) {
    return !param.value().isEmpty() && parse(param, GoStrconv::parseBool);
  }

  /** The parameter's value as the parser reads it; a refusal is {@link #malformed}. */
  private static <T> T parse(Param param, Function<String, T> parser) {
    return GoParams.parse(param.value(), parser, error -> malformed(param.name(), error));
  }

  private static InvalidQueryException malformed(String name, String error) {
    return new InvalidQueryException(name, "malformed parameter " + name + ": " + error);
  }
}
