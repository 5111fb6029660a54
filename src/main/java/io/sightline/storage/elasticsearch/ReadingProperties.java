package io.sightline.storage.elasticsearch;

import io.sightline.gotext.GoDuration;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far reads reach. Durations are Go durations ({@code 72h}, {@code 1h30m}), as Jaeger takes
 * them.
 *
 * @param maxSpanAge {@code ES_MAX_SPAN_AGE}: lookback of trace-by-ID lookups and of the service
 *     list (72h)
 * @param maxTraceDuration {@code ES_MAX_TRACE_DURATION} (Jaeger v2's {@code max_trace_duration}):
 *     how far a trace fetch reaches beyond its window on either side (24h)
 * @param maxDocCount {@code ES_MAX_DOC_COUNT}: page size of trace fetches and aggregation size
 *     (10,000)
 * @param serviceCacheTtl {@code ES_SERVICE_CACHE_TTL}: how long the writer remembers a written
 *     service document; {@code 0} means Jaeger's 12h
 */
public record ReadingProperties(
    @DefaultValue("72h") String maxSpanAge,
    @DefaultValue("24h") String maxTraceDuration,
    @DefaultValue("10000") int maxDocCount,
    @DefaultValue("0") String serviceCacheTtl) {

  public ReadingProperties {
    maxSpanAge = SettingValues.orDefault(maxSpanAge, "72h");
    maxTraceDuration = SettingValues.orDefault(maxTraceDuration, "24h");
    serviceCacheTtl = SettingValues.orDefault(serviceCacheTtl, "0");
    // Validated at startup, naming the variable.
    GoDuration.parseSetting(maxSpanAge, "ES_MAX_SPAN_AGE");
    GoDuration.parseSetting(maxTraceDuration, "ES_MAX_TRACE_DURATION");
    GoDuration.parseSetting(serviceCacheTtl, "ES_SERVICE_CACHE_TTL");
    SettingValues.requirePositive(maxDocCount, "ES_MAX_DOC_COUNT");
  }

  public static ReadingProperties defaults() {
    return new ReadingProperties("72h", "24h", 10_000, "0");
  }

  /** A copy with another page and aggregation size. */
  public ReadingProperties withMaxDocCount(int newMaxDocCount) {
    return new ReadingProperties(maxSpanAge, maxTraceDuration, newMaxDocCount, serviceCacheTtl);
  }

  public Duration maxSpanAgeDuration() {
    return GoDuration.parseSetting(maxSpanAge, "ES_MAX_SPAN_AGE");
  }

  public Duration maxTraceDurationValue() {
    return GoDuration.parseSetting(maxTraceDuration, "ES_MAX_TRACE_DURATION");
  }

  /** The service cache TTL; Jaeger's 12h when set to 0. */
  public Duration serviceCacheTtlValue() {
    Duration ttl = GoDuration.parseSetting(serviceCacheTtl, "ES_SERVICE_CACHE_TTL");
    return ttl.isZero() || ttl.isNegative() ? Duration.ofHours(12) : ttl;
  }
}
