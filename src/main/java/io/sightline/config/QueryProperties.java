package io.sightline.config;

import io.sightline.gotext.GoDuration;
import io.sightline.trace.QueryLimits;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The query service's settings ({@code sightline.query.*}). Durations are Go durations ({@code
 * 500ms}, {@code 1h30m}) because Jaeger's variables are.
 *
 * @param basePath {@code QUERY_BASE_PATH}: the path prefix of every route (UI and API), e.g. {@code
 *     /jaeger}; {@code /} (the default) for none
 * @param maxClockSkewAdjustment {@code QUERY_MAX_CLOCK_SKEW_ADJUSTMENT}: the largest clock-skew
 *     shift applied to a span; {@code 0s} (Jaeger's default) disables shifting but not the warnings
 * @param maxLimit the most traces one search may return; by default any limit Jaeger accepts
 *     (memory is guarded by the read budget instead)
 * @param maxLookback the longest window one search or dependencies request may cover
 * @param nameCacheTtl how long service and operation names are reused before the store is asked
 *     again; {@code 0s} for never
 */
@ConfigurationProperties("sightline.query")
public record QueryProperties(
    String basePath,
    String maxClockSkewAdjustment,
    Integer maxLimit,
    String maxLookback,
    String nameCacheTtl) {

  public QueryProperties {
    basePath = normalizeBasePath(basePath);
    maxClockSkewAdjustment = blankTo(maxClockSkewAdjustment, "0s");
    maxLimit = maxLimit == null ? QueryLimits.DEFAULTS.maxLimit() : maxLimit;
    maxLookback = blankTo(maxLookback, GoDuration.format(QueryLimits.DEFAULTS.maxLookback()));
    nameCacheTtl = blankTo(nameCacheTtl, "10s");
    // Fail at startup, naming the setting, rather than on the first request.
    clockSkew(maxClockSkewAdjustment);
    limits(maxLimit, maxLookback);
    duration("sightline.query.name-cache-ttl", nameCacheTtl);
  }

  /** Every setting at its default, as with no {@code QUERY_*} variable set. */
  public static QueryProperties defaults() {
    return new QueryProperties(null, null, null, null, null);
  }

  /**
   * The base path as a servlet context path: {@code ""} for none, else {@code /x} (no trailing /).
   */
  public String contextPath() {
    return basePath;
  }

  public Duration maxClockSkew() {
    return clockSkew(maxClockSkewAdjustment);
  }

  public QueryLimits queryLimits() {
    return limits(maxLimit, maxLookback);
  }

  public Duration nameCacheDuration() {
    return duration("sightline.query.name-cache-ttl", nameCacheTtl);
  }

  private static Duration clockSkew(String text) {
    Duration skew = duration("QUERY_MAX_CLOCK_SKEW_ADJUSTMENT", text);
    if (skew.isNegative()) {
      throw new IllegalArgumentException(
          "QUERY_MAX_CLOCK_SKEW_ADJUSTMENT must not be negative: " + text);
    }
    return skew;
  }

  private static QueryLimits limits(int maxLimit, String maxLookback) {
    try {
      return new QueryLimits(maxLimit, duration("sightline.query.max-lookback", maxLookback));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sightline.query: " + e.getMessage(), e);
    }
  }

  private static Duration duration(String setting, String text) {
    try {
      Duration value = GoDuration.parse(text.trim());
      if (value.isNegative()) {
        throw new IllegalArgumentException(setting + " must not be negative: " + text);
      }
      return value;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code ""} for the root ({@code /}, empty, unset); otherwise one leading slash and no trailing
   * one ({@code jaeger/} → {@code /jaeger}).
   */
  static String normalizeBasePath(String path) {
    if (path == null) {
      return "";
    }
    String trimmed = path.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.isEmpty()) {
      return "";
    }
    if (!trimmed.startsWith("/")) {
      trimmed = "/" + trimmed;
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c <= ' ' || c == '?' || c == '#' || c == '%' || c == '\\' || c == ';') {
        throw new IllegalArgumentException(
            "QUERY_BASE_PATH must be a plain URL path such as /jaeger, not: " + path);
      }
    }
    return trimmed;
  }

  private static String blankTo(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
