package io.sightline.testing.search;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class {@link SecuredSearchServer} parameters (constructor, {@code @BeforeAll},
 * {@code @BeforeEach}, tests): Elasticsearch with security, TLS and users. A parameter annotated
 * {@link MutualTls} gets the variant that requires client certificates.
 *
 * <pre>{@code
 * @SecuredSearchServerTest
 * class SecuredElasticsearchIT {
 *   @Test
 *   void strictTls(SecuredSearchServer server) { ... server.url(), server.caFile() ... }
 *
 *   @Test
 *   void mutualTls(@MutualTls SecuredSearchServer server) { ... }
 * }
 * }</pre>
 *
 * <p>The server is the first Elasticsearch 8 or later among the selected servers ({@code
 * sightline.test.search.servers}); without one, or with {@code SIGHTLINE_TEST_ES_URL}, the tests
 * are skipped. Servers start once per JVM per variant and stop when the run ends. See {@code
 * docs/TESTING.md}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SecuredSearchServerExtension.class)
public @interface SecuredSearchServerTest {

  /** On a {@link SecuredSearchServer} parameter: the variant requiring client certificates. */
  @Target(ElementType.PARAMETER)
  @Retention(RetentionPolicy.RUNTIME)
  @Documented
  @interface MutualTls {}
}
