package io.sightline.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.dialect.IDialect;

/** Wiring of the web UI. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebUiProperties.class)
class WebConfiguration {

  /**
   * Jaeger UI's configuration file, read once at start-up: a file that cannot be read or that
   * {@link UiConfig#parse} refuses stops the server with the field named.
   */
  @Bean
  UiConfig uiConfig(WebUiProperties properties) {
    String path = properties.config();
    if (path == null || path.isBlank()) {
      return UiConfig.NONE;
    }
    try {
      return UiConfig.parse(Files.readString(Path.of(path)));
    } catch (IOException e) {
      throw new IllegalStateException("QUERY_UI_CONFIG " + path + " cannot be read: " + e, e);
    } catch (UiConfig.InvalidUiConfigException e) {
      throw new IllegalStateException("QUERY_UI_CONFIG " + path + ": " + e.getMessage(), e);
    }
  }

  /** Control characters of span data are shown visibly on every page ({@link VisibleControls}). */
  @Bean
  IDialect visibleControls() {
    return new VisibleControls();
  }
}
