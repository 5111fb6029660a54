package io.sightline.config;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Prints a start-up failure caused by a setting as one paragraph naming the environment variable,
 * with what to do, instead of a stack trace or a {@code sightline.*} property name. Runs before
 * Spring Boot's own analyzers (which would name the internal property). Registered in {@code
 * META-INF/spring.factories}; it has no constructor arguments because failures in {@link
 * JaegerEnvironmentPostProcessor} happen before there is an application context.
 */
public final class SettingsFailureAnalyzer implements FailureAnalyzer, Ordered {

  @Override
  public FailureAnalysis analyze(Throwable failure) {
    return SettingErrors.explain(failure, System::getenv)
        .map(e -> new FailureAnalysis(e.getMessage(), e.action(), e))
        .orElse(null);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
