package io.sightline.web.upload;

import io.sightline.web.WebUiProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the pages' "Open file". */
@Configuration(proxyBeanMethods = false)
class UploadConfiguration {

  /** Trace files opened in the browser, held in memory only. */
  @Bean
  Uploads uploads(WebUiProperties properties) {
    return new Uploads(properties);
  }
}
