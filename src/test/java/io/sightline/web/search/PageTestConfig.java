package io.sightline.web.search;

import io.sightline.config.QueryProperties;
import io.sightline.http.TraceQueryParser;
import io.sightline.trace.TraceService;
import io.sightline.trace.adjust.Adjusters;
import io.sightline.web.WebUiProperties;
import io.sightline.web.trace.TestTraces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What the page controllers need in a {@code @WebMvcTest}: a {@link TraceService} over a {@link
 * PageTestStore} (tests reset it), the query parser and settings, and a fixed clock half an hour
 * after {@link TestTraces#T0}.
 */
@TestConfiguration
@EnableConfigurationProperties(WebUiProperties.class)
public class PageTestConfig {

  /** "Now" in these tests. */
  public static final Instant NOW =
      Instant.EPOCH.plusNanos(TestTraces.T0 * 1_000).plus(Duration.ofMinutes(30));

  @Bean
  public PageTestStore pageTestStore() {
    return new PageTestStore();
  }

  @Bean
  public Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  @Bean
  public QueryProperties queryProperties() {
    return new QueryProperties("/", "0s", 1500, "744h", "0s");
  }

  @Bean
  public TraceQueryParser traceQueryParser(Clock clock, QueryProperties properties) {
    return new TraceQueryParser(clock, properties.queryLimits());
  }

  @Bean
  public TraceService traceService(PageTestStore store) {
    return new TraceService(store, store, null, Adjusters.standard(Duration.ZERO), Duration.ZERO);
  }
}
