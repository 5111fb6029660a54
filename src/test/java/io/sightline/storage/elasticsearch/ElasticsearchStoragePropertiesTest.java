package io.sightline.storage.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.index.IndexRotation;
import io.sightline.storage.elasticsearch.index.IndexTemplates;
import io.sightline.storage.elasticsearch.read.ElasticsearchSpanReader;
import io.sightline.trace.ArchiveStorage;
import io.sightline.trace.DependencyReader;
import io.sightline.trace.DependencyWriter;
import io.sightline.trace.SpanReader;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.StorageHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** Jaeger's environment variables bind, through application.yml, to the storage settings. */
class ElasticsearchStoragePropertiesTest {

  private static ElasticsearchProperties bind(Map<String, Object> env) throws Exception {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("env", env));
    for (PropertySource<?> source :
        new YamlPropertySourceLoader()
            .load("application", new ClassPathResource("application.yml"))) {
      environment.getPropertySources().addLast(source);
    }
    return Binder.get(environment)
        .bindOrCreate("sightline.elasticsearch", ElasticsearchProperties.class);
  }

  @Test
  void defaultsAreJaegers() throws Exception {
    ElasticsearchProperties p = bind(Map.of());
    assertThat(p.indices()).isEqualTo(IndexProperties.defaults());
    assertThat(p.reading().maxSpanAgeDuration()).isEqualTo(Duration.ofHours(72));
    assertThat(p.reading().maxTraceDurationValue()).isEqualTo(Duration.ofHours(24));
    assertThat(p.reading().maxDocCount()).isEqualTo(10_000);
    assertThat(p.reading().serviceCacheTtlValue()).isEqualTo(Duration.ofHours(12));
    assertThat(p.tagsAsFields()).isEqualTo(TagsAsFieldsProperties.defaults());
    assertThat(p.archive().enabled()).isFalse();
    assertThat(p.archive().hasOwnServers()).isFalse();
    assertThat(
            p.indices()
                .rotation()
                .writeIndex(IndexRotation.Kind.SPAN, Instant.parse("2024-05-01T10:00:00Z")))
        .isEqualTo("jaeger-span-2024-05-01");
  }

  @Test
  void jaegersVariablesBind() throws Exception {
    Map<String, Object> env = new HashMap<>();
    env.put("ES_INDEX_PREFIX", "prod");
    env.put("ES_INDEX_DATE_SEPARATOR", ".");
    env.put("ES_INDEX_ROLLOVER_FREQUENCY_SPANS", "hour");
    env.put("ES_INDEX_ROLLOVER_FREQUENCY_SERVICES", "day");
    env.put("ES_USE_ALIASES", "false");
    env.put("ES_REMOTE_READ_CLUSTERS", "c1, c2");
    env.put("ES_MAX_SPAN_AGE", "168h0m0s");
    env.put("ES_MAX_DOC_COUNT", "500");
    env.put("ES_TAGS_AS_FIELDS_ALL", "true");
    env.put("ES_TAGS_AS_FIELDS_INCLUDE", "http.method,error");
    env.put("ES_TAGS_AS_FIELDS_DOT_REPLACEMENT", "_");
    env.put("ES_NUM_SHARDS", "1");
    env.put("ES_NUM_REPLICAS", "0");
    env.put("ES_PRIOIRITY_SPAN_TEMPLATE", "7");
    env.put("ES_CREATE_INDEX_TEMPLATES", "false");
    env.put("ES_ARCHIVE_ENABLED", "true");
    env.put("ES_ARCHIVE_INDEX_PREFIX", "arch");
    env.put("ES_ARCHIVE_USE_ALIASES", "true");
    env.put("ES_ARCHIVE_SERVER_URLS", "http://archive:9200");
    env.put("ES_ARCHIVE_USERNAME", "reader");
    ElasticsearchProperties p = bind(env);
    IndexRotation rotation = p.indices().rotation();
    Instant t = Instant.parse("2024-05-01T10:00:00Z");
    assertThat(rotation.writeIndex(IndexRotation.Kind.SPAN, t))
        .isEqualTo("prod-jaeger-span-2024.05.01.10");
    assertThat(rotation.writeIndex(IndexRotation.Kind.SERVICE, t))
        .isEqualTo("prod-jaeger-service-2024.05.01");
    assertThat(rotation.readIndices(IndexRotation.Kind.SERVICE, t, t))
        .containsExactly(
            "prod-jaeger-service-2024.05.01",
            "c1:prod-jaeger-service-2024.05.01",
            "c2:prod-jaeger-service-2024.05.01");
    assertThat(p.reading().maxSpanAgeDuration()).isEqualTo(Duration.ofDays(7));
    assertThat(p.reading().maxDocCount()).isEqualTo(500);
    assertThat(p.tagsAsFields().selection().all()).isTrue();
    assertThat(p.tagsAsFields().selection().include())
        .containsExactlyInAnyOrder("http.method", "error");
    assertThat(p.tagsAsFields().dotReplacement()).isEqualTo("_");
    assertThat(p.indices().templateSettings())
        .isEqualTo(new IndexTemplates.Settings(1, 0, 7, 0, 0, false, "jaeger-ilm-policy"));
    assertThat(p.indices().createTemplates()).isFalse();
    assertThat(p.archive().enabled()).isTrue();
    assertThat(p.archive().hasOwnServers()).isTrue();
    assertThat(p.archive().connection().serverUrls()).containsExactly("http://archive:9200");
    assertThat(p.archive().connection().username()).isEqualTo("reader");
    assertThat(p.archive().rotation().readIndices(IndexRotation.Kind.SPAN, t, t))
        .containsExactly("arch-jaeger-span-archive-read");
  }

  @Test
  void anEmptyDateSeparatorIsKept() throws Exception {
    ElasticsearchProperties p = bind(Map.of("ES_INDEX_DATE_SEPARATOR", ""));
    assertThat(
            p.indices()
                .rotation()
                .writeIndex(IndexRotation.Kind.SPAN, Instant.parse("2024-05-01T10:00:00Z")))
        .isEqualTo("jaeger-span-20240501");
  }

  @Test
  void badValuesFailNamingTheVariable() {
    assertThatThrownBy(() -> bind(Map.of("ES_INDEX_ROLLOVER_FREQUENCY_SPANS", "week")))
        .hasStackTraceContaining("ES_INDEX_ROLLOVER_FREQUENCY_SPANS");
    assertThatThrownBy(() -> bind(Map.of("ES_MAX_SPAN_AGE", "3d")))
        .hasStackTraceContaining("ES_MAX_SPAN_AGE");
    assertThatThrownBy(() -> bind(Map.of("ES_MAX_DOC_COUNT", "0")))
        .hasStackTraceContaining("ES_MAX_DOC_COUNT");
  }

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(ElasticsearchStorageConfiguration.class);

  @Test
  void theStorageIsWiredForElasticsearchAndOpenSearchWithoutConnecting() {
    for (String type : List.of("elasticsearch", "opensearch")) {
      context
          .withPropertyValues(
              "sightline.storage.type=" + type,
              // Nothing listens here: building the beans must not connect.
              "sightline.elasticsearch.connection.server-urls=http://127.0.0.1:9")
          .run(
              ctx -> {
                assertThat(ctx).hasNotFailed();
                assertThat(ctx).hasSingleBean(SpanReader.class);
                assertThat(ctx).hasSingleBean(DependencyReader.class);
                assertThat(ctx).hasSingleBean(SpanWriter.class);
                assertThat(ctx).hasSingleBean(DependencyWriter.class);
                assertThat(ctx).hasSingleBean(StorageHealth.class);
                assertThat(ctx).doesNotHaveBean(ArchiveStorage.class);
                assertThat(ctx.getBean(SpanReader.class))
                    .isInstanceOf(ElasticsearchSpanReader.class);
              });
    }
  }

  @Test
  void theArchiveIsWiredWhenEnabled() {
    context
        .withPropertyValues(
            "sightline.storage.type=elasticsearch", "sightline.elasticsearch.archive.enabled=true")
        .run(
            ctx -> {
              assertThat(ctx).hasSingleBean(ArchiveStorage.class);
              assertThat(ctx.getBean(ArchiveStorage.class).reader())
                  .isInstanceOf(ElasticsearchSpanReader.class)
                  .isNotSameAs(ctx.getBean(SpanReader.class));
            });
  }

  @Test
  void nothingIsWiredForTheEmbeddedStore() {
    context
        .withPropertyValues("sightline.storage.type=")
        .run(
            ctx ->
                assertThat(ctx).doesNotHaveBean(SpanReader.class).doesNotHaveBean(EsClient.class));
  }
}
