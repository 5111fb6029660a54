package io.sightline.testing.search;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the whole test class once per selected search server: all its tests (inherited ones too)
 * against ES 8.19, then all against OpenSearch 2.19, and so on, each run shown under the server's
 * id. Tests receive the server and an index prefix of their own as parameters:
 *
 * <pre>{@code
 * @SearchServerTest
 * class ElasticsearchSpanStoreIT extends SpanStoreConformance {   // the abstract suite
 *   private final SearchServer server;
 *
 *   ElasticsearchSpanStoreIT(SearchServer server) {   // or a @BeforeEach parameter
 *     this.server = server;
 *   }
 *
 *   @BeforeEach
 *   void openStore(IndexPrefix prefix) {               // a fresh prefix per test method
 *     EsClient client = server.client();
 *     store = ...built on client, with ES_INDEX_PREFIX = prefix.value(), 1 shard, 0 replicas...;
 *   }
 * }
 * }</pre>
 *
 * <p>The class name must end in {@code IT} (failsafe runs it in {@code ./mvnw verify}). Which
 * servers: the build property {@code sightline.test.search.servers} (default {@code
 * es-8.19.0,os-2.19.1}; {@code -Psearch-all}: all six), or only the one named by {@code
 * SIGHTLINE_TEST_ES_URL}. Servers start lazily, once per JVM, and stop when the run ends. An {@link
 * IndexPrefix} resolved in a {@code @BeforeEach}/{@code @Test} method belongs to that test; a
 * static {@code @BeforeAll} gets neither server nor prefix (it runs outside the invocation). See
 * {@code docs/TESTING.md}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ClassTemplate
@ExtendWith(SearchServerExtension.class)
public @interface SearchServerTest {

  /**
   * Whether the class tests Sightline's own behaviour (admission, timeouts) rather than what it
   * reads and writes on each server: then it runs against one server only, Elasticsearch 8.19 when
   * it is selected (else the first selected), which keeps the six-server run short.
   */
  boolean oneServer() default false;
}
