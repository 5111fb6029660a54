package io.sightline.admin;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Keeps {@link AdminPortOnly} classes out of the application's component scan ({@code
 * SpringBootApplication} consults every {@link TypeExcludeFilter} bean). They are registered in the
 * management server's child context instead, through {@code META-INF/spring/
 * …ManagementContextConfiguration.imports}.
 */
final class AdminPortScanExclusion extends TypeExcludeFilter {

  @Override
  public boolean match(MetadataReader metadataReader, MetadataReaderFactory factory) {
    return metadataReader.getAnnotationMetadata().hasAnnotation(AdminPortOnly.class.getName());
  }

  @Override
  public boolean equals(Object other) {
    return other != null && other.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().hashCode();
  }

  /** Registers the filter before the scan runs (listed in {@code META-INF/spring.factories}). */
  static final class Initializer
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      context
          .getBeanFactory()
          .registerSingleton(AdminPortScanExclusion.class.getName(), new AdminPortScanExclusion());
    }
  }
}
