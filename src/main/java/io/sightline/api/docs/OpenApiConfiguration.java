package io.sightline.api.docs;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Serves {@link ApiDocumentation} as the OpenAPI document ({@code <base>/v3/api-docs}, Swagger UI
 * at {@code <base>/swagger-ui/index.html}). springdoc would infer little from controllers that take
 * raw parameter maps, so the written description replaces whatever it inferred.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenApiCustomizer jaegerApiDocumentation() {
    return openApi -> {
      var documented = ApiDocumentation.build();
      openApi.setInfo(documented.getInfo());
      openApi.setTags(documented.getTags());
      openApi.setPaths(documented.getPaths());
      openApi.setComponents(documented.getComponents());
    };
  }
}
