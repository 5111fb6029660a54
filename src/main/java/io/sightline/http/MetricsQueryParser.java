package io.sightline.http;

import io.sightline.gotext.GoStrconv;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The parameters of Jaeger's span metrics endpoints ({@code GET /api/metrics/latencies|calls|
 * errors}), checked in Jaeger's order and with Jaeger's error texts. Sightline has no metrics
 * backend, so a valid request is then answered 501 as in Jaeger without one; checking first keeps
 * the answers to malformed requests the same as Jaeger's.
 */
public final class MetricsQueryParser {

  /** Jaeger's defaults: the last hour, in 5 s steps, rates per 10 minutes, server spans. */
  static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);

  static final Duration DEFAULT_STEP = Duration.ofSeconds(5);
  static final Duration DEFAULT_RATE_PER = Duration.ofMinutes(10);
  static final List<String> DEFAULT_SPAN_KINDS = List.of("SPAN_KIND_SERVER");

  /** Go's {@code strconv.ParseFloat} decimal syntax (plus its spellings of infinity and NaN). */
  private static final Pattern GO_FLOAT =
      Pattern.compile(
          "[+-]?(([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?|inf|infinity|nan)",
          Pattern.CASE_INSENSITIVE);

  private final Clock clock;

  public MetricsQueryParser(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A metrics request.
   *
   * @param services the services (at least one)
   * @param groupByOperation one series per operation instead of per service
   * @param spanKinds OpenTelemetry span kind names, e.g. {@code SPAN_KIND_SERVER}
   * @param endTs the end of the window
   * @param lookback the window's length (ms in the request)
   * @param step the series' step (ms in the request)
   * @param ratePer the rate's denominator (ms in the request)
   * @param quantile the latency quantile (latencies only; otherwise NaN)
   */
  public record MetricsQuery(
      List<String> services,
      boolean groupByOperation,
      List<String> spanKinds,
      Instant endTs,
      Duration lookback,
      Duration step,
      Duration ratePer,
      double quantile) {}

  /** {@code /api/metrics/latencies}: {@code quantile} is required and checked first. */
  public MetricsQuery parseLatencies(Map<String, List<String>> params) {
    String text = TraceQueryParser.first(params, "quantile");
    double quantile = parseFloat(text, "quantile");
    MetricsQuery base = parse(params);
    return new MetricsQuery(
        base.services(),
        base.groupByOperation(),
        base.spanKinds(),
        base.endTs(),
        base.lookback(),
        base.step(),
        base.ratePer(),
        quantile);
  }

  /**
   * {@code /api/metrics/calls} and {@code /api/metrics/errors}: {@code service} (repeatable,
   * required), {@code groupByOperation}, {@code spanKind} (repeatable), {@code endTs} (ms), {@code
   * lookback}, {@code step}, {@code ratePer} (ms).
   */
  public MetricsQuery parse(Map<String, List<String>> params) {
    List<String> services = params.get("service");
    if (services == null) {
      throw GoParams.parseError("service", "please provide at least one service name");
    }
    boolean groupByOperation =
        GoParams.parseOptional(
            TraceQueryParser.first(params, "groupByOperation"),
            "groupByOperation",
            false,
            GoStrconv::parseBool);
    List<String> spanKinds = DEFAULT_SPAN_KINDS;
    List<String> kinds = params.get("spanKind");
    if (kinds != null) {
      spanKinds = new ArrayList<>(kinds.size());
      for (String kind : kinds) {
        String otel = otelSpanKind(kind == null ? "" : kind);
        if (otel == null) {
          throw GoParams.parseError("spanKind", "unsupported span kind: '" + kind + "'");
        }
        spanKinds.add(otel);
      }
    }
    String endText = TraceQueryParser.first(params, "endTs");
    Instant endTs =
        endText.isEmpty()
            ? clock.instant()
            : Instant.ofEpochMilli(GoParams.parseInt64(endText, "endTs"));
    Duration lookback = millis(params, "lookback", DEFAULT_LOOKBACK);
    Duration step = millis(params, "step", DEFAULT_STEP);
    Duration ratePer = millis(params, "ratePer", DEFAULT_RATE_PER);
    return new MetricsQuery(
        List.copyOf(services),
        groupByOperation,
        List.copyOf(spanKinds),
        endTs,
        lookback,
        step,
        ratePer,
        Double.NaN);
  }

  private static Duration millis(Map<String, List<String>> params, String name, Duration absent) {
    String text = TraceQueryParser.first(params, name);
    return text.isEmpty() ? absent : Duration.ofMillis(GoParams.parseInt64(text, name));
  }

  private static double parseFloat(String text, String name) {
    if (!GO_FLOAT.matcher(text).matches()) {
      throw GoParams.parseError(
          name, "strconv.ParseFloat: parsing " + GoStrconv.quote(text) + ": invalid syntax");
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.endsWith("nan")) {
      return Double.NaN;
    }
    if (lower.endsWith("inf") || lower.endsWith("infinity")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value)) {
      throw GoParams.parseError(
          name, "strconv.ParseFloat: parsing " + GoStrconv.quote(text) + ": value out of range");
    }
    return value;
  }

  /** Jaeger's span kind names (any case) as OpenTelemetry's, or {@code null}. */
  private static String otelSpanKind(String kind) {
    return switch (kind.toLowerCase(Locale.ROOT)) {
      case "unspecified" -> "SPAN_KIND_UNSPECIFIED";
      case "internal" -> "SPAN_KIND_INTERNAL";
      case "server" -> "SPAN_KIND_SERVER";
      case "client" -> "SPAN_KIND_CLIENT";
      case "producer" -> "SPAN_KIND_PRODUCER";
      case "consumer" -> "SPAN_KIND_CONSUMER";
      default -> null;
    };
  }
}
