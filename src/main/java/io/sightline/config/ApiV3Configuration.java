package io.sightline.config;

import io.sightline.http.ApiV3QueryParser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code /api/v3} gateway's parameter parser, with the same guards as the classic API. */
@Configuration(proxyBeanMethods = false)
class ApiV3Configuration {

  @Bean
  ApiV3QueryParser apiV3QueryParser(QueryProperties properties) {
    return new ApiV3QueryParser(properties.queryLimits());
  }
}
