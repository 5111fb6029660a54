package io.sightline.config;

import io.sightline.query.TraceQueryParser;
import io.sightline.trace.ArchiveStorage;
import io.sightline.trace.DependencyReader;
import io.sightline.trace.SpanReader;
import io.sightline.trace.TraceService;
import io.sightline.trace.adjust.Adjusters;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query side: the request parser, the trace use cases over whichever store is configured, and
 * the base path ({@code QUERY_BASE_PATH}) as the servlet context path, so that every route — API,
 * pages, static files — moves under it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueryProperties.class)
class QueryConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  TraceQueryParser traceQueryParser(Clock clock, QueryProperties properties) {
    return new TraceQueryParser(clock, properties.queryLimits());
  }

  @Bean
  TraceService traceService(
      SpanReader spanReader,
      DependencyReader dependencyReader,
      ObjectProvider<ArchiveStorage> archive,
      QueryProperties properties) {
    return new TraceService(
        spanReader,
        dependencyReader,
        archive.getIfAvailable(),
        Adjusters.standard(properties.maxClockSkew()),
        properties.nameCacheDuration());
  }

  @Bean
  WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> basePathCustomizer(
      QueryProperties properties) {
    return factory -> factory.setContextPath(properties.contextPath());
  }
}
