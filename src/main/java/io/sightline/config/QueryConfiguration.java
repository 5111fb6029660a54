package io.sightline.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.sightline.api.JaegerResponses;
import io.sightline.api.v3.ApiV3ExceptionHandler;
import io.sightline.http.BadRequestFilter;
import io.sightline.http.TraceQueryParser;
import io.sightline.trace.ArchiveStorage;
import io.sightline.trace.DependencyReader;
import io.sightline.trace.ReadBudget;
import io.sightline.trace.SpanReader;
import io.sightline.trace.TraceService;
import io.sightline.trace.adjust.Adjusters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The query side: the request parser, the trace use cases over whichever store is configured, and
 * the base path ({@code QUERY_BASE_PATH}) as the servlet context path, so that every route — API,
 * pages, static files — moves under it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({QueryProperties.class, ReadBudgetProperties.class})
class QueryConfiguration {

  private static final Logger log = LoggerFactory.getLogger(QueryConfiguration.class);

  /** Every character Tomcat can be told to accept raw in a request target. */
  static final String GO_ACCEPTED_CHARS = "\"<>[\\]^`{|}";

  /** "Now" (the default search window) comes from the Clock bean if there is one, as elsewhere. */
  @Bean
  TraceQueryParser traceQueryParser(ObjectProvider<Clock> clock, QueryProperties properties) {
    return new TraceQueryParser(clock.getIfUnique(Clock::systemUTC), properties.queryLimits());
  }

  @Bean
  TraceService traceService(
      SpanReader spanReader,
      DependencyReader dependencyReader,
      ObjectProvider<ArchiveStorage> archive,
      QueryProperties properties,
      ReadBudget readBudget,
      ObjectProvider<MeterRegistry> meterRegistry) {
    // Storage reads are timed for /metrics when there is a registry (StorageMetrics).
    MeterRegistry registry = meterRegistry.getIfUnique();
    ArchiveStorage archiveStorage = archive.getIfAvailable();
    if (registry != null) {
      StorageMetrics metrics = new StorageMetrics(registry);
      spanReader = metrics.timed(spanReader, "span");
      dependencyReader = metrics.timed(dependencyReader);
      archiveStorage = metrics.timed(archiveStorage);
    }
    return new TraceService(
        spanReader,
        dependencyReader,
        archiveStorage,
        Adjusters.standard(properties.maxClockSkew()),
        properties.nameCacheDuration(),
        readBudget);
  }

  /** One budget of reads in flight for every transport ({@link ReadBudget}). */
  @Bean
  ReadBudget readBudget(ReadBudgetProperties properties) {
    Runtime runtime = Runtime.getRuntime();
    ReadBudget budget = properties.budget(runtime.maxMemory(), runtime.availableProcessors());
    log.info(
        "Read budget: {} spans in flight, {} big answers at once, up to {} waiting for {}; {}"
            + " storage calls at once",
        budget.capacity(),
        budget.maxHeavyReads(),
        properties.queue(),
        properties.maxWait(),
        properties.storageCalls());
    return budget;
  }

  /** Cancels the storage reads of requests whose clients went away. */
  @Bean(destroyMethod = "close")
  ClientDepartures clientDepartures() {
    return new ClientDepartures();
  }

  /** Every request of the query port holds a lease of the read budget until it has ended. */
  @Bean
  FilterRegistrationBean<ReadAdmissionFilter> readAdmissionFilter(
      ReadBudget readBudget, ClientDepartures clientDepartures) {
    FilterRegistrationBean<ReadAdmissionFilter> registration =
        new FilterRegistrationBean<>(new ReadAdmissionFilter(readBudget, clientDepartures));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /**
   * A fatal error in a controller ends the process instead of becoming a 500 ({@link FatalErrors}).
   */
  @Bean
  FatalErrorResolver fatalErrorResolver() {
    return new FatalErrorResolver();
  }

  /**
   * Undecodable parameters are a 400 naming the parameter ({@link BadRequestFilter}): in Jaeger's
   * envelope under {@code /api/}, in the gateway's shape under {@code /api/v3/}, plain text
   * elsewhere. Runs after Boot's character-encoding filter.
   */
  @Bean
  FilterRegistrationBean<BadRequestFilter> badRequestFilter() {
    FilterRegistrationBean<BadRequestFilter> registration =
        new FilterRegistrationBean<>(new BadRequestFilter(QueryConfiguration::refuse));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  private static void refuse(
      HttpServletRequest request, HttpServletResponse response, int status, String message)
      throws IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/api/v3/")) {
      ApiV3ExceptionHandler.writeError(response, status, message);
    } else if (path.startsWith("/api/")) {
      JaegerResponses.writeError(response, status, message);
    } else {
      BadRequestFilter.PLAIN_TEXT.write(request, response, status, message);
    }
  }

  @Bean
  WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> basePathCustomizer(
      QueryProperties properties) {
    return factory -> factory.setContextPath(properties.contextPath());
  }

  /**
   * Tomcat settings for a Go-like API server:
   *
   * <ul>
   *   <li>an encoded slash ({@code %2F}) in a path segment stays part of that segment, so that
   *       {@code /api/services/a%2Fb/operations} is service {@code a/b} (Grafana encodes service
   *       names that way; Tomcat would refuse the request with 400 by default);
   *   <li>the characters Go's server accepts raw in a URL and Tomcat does not ({@code " < > [ \ ] ^
   *       ` { | }}) are accepted;
   *   <li>Tomcat's own error pages (outside the base path, refused URIs) are plain text, not HTML.
   *       This runs after Boot's customizer, so its valve sits inside Boot's and reports first.
   * </ul>
   */
  @Bean
  @ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
  WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> tomcatForApis() {
    return new WebServerFactoryCustomizer<>() {
      @Override
      public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addConnectorCustomizers(
            connector -> {
              connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
              // Go's server takes these raw in a request target (curl -g '…tags={"error":"true"}');
              // Tomcat refuses them with a bare 400 unless told.
              connector.setProperty("relaxedQueryChars", GO_ACCEPTED_CHARS);
              connector.setProperty("relaxedPathChars", GO_ACCEPTED_CHARS);
            });
        factory.addContextCustomizers(
            context -> context.getParent().getPipeline().addValve(new PlainTextErrorValve()));
      }
    };
  }
}
