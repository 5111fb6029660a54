package io.sightline.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.dialect.IDialect;

/** Wiring of the web UI. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebUiProperties.class)
class WebConfiguration {

  /** Control characters of span data are shown visibly on every page ({@link VisibleControls}). */
  @Bean
  IDialect visibleControls() {
    return new VisibleControls();
  }
}
