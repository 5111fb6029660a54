package io.sightline.storage.elasticsearch.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sightline.storage.elasticsearch.client.JsonCodec;
import io.sightline.storage.elasticsearch.index.IndexTemplates.Template;
import io.sightline.testing.Fixtures;
import io.sightline.testing.GoldenFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

/** Templates equal the requests Jaeger (HEAD) sends, per server family. */
class IndexTemplatesTest {

  private static final Path RENDERED = Fixtures.path("jaeger-mappings", "head-8498073", "rendered");

  @ParameterizedTest(name = "{0}")
  @CsvSource({"es7, false, false", "es8-9, true, false", "os1-3, false, true"})
  void equalJaegersRenderedTemplates(String family, boolean composable, boolean openSearch)
      throws Exception {
    // Jaeger's snapshots: prefix "test", 3 shards, 3 replicas, ILM with policy jaeger-test-policy,
    // priorities 500 (span), 501 (service), 502 (dependencies).
    IndexTemplates templates =
        new IndexTemplates(
            "test", new IndexTemplates.Settings(3, 3, 500, 501, 502, true, "jaeger-test-policy"));
    List<Template> rendered = templates.templates(composable, openSearch);
    assertThat(rendered)
        .extracting(Template::name)
        .containsExactly("test-jaeger-span", "test-jaeger-service", "test-jaeger-dependencies");
    String[] kinds = {"span", "service", "dependencies"};
    for (int i = 0; i < kinds.length; i++) {
      JsonNode snapshot =
          JsonCodec.mapper()
              .readTree(Files.readString(RENDERED.resolve(kinds[i] + "." + family + ".json")));
      Template ours = rendered.get(i);
      assertThat(ours.path()).isEqualTo(snapshot.get("path").asText());
      JSONAssert.assertEquals(
          snapshot.get("body").toString(), ours.body().toString(), JSONCompareMode.STRICT);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"es7, false, false", "es8-9, true, false", "os1-3, false, true"})
  void testSettingsGolden(String family, boolean composable, boolean openSearch) {
    IndexTemplates templates =
        new IndexTemplates(
            "it", new IndexTemplates.Settings(1, 0, 0, 0, 0, false, "jaeger-ilm-policy"));
    GoldenFiles golden = new GoldenFiles("es-requests/templates");
    for (Template template : templates.templates(composable, openSearch)) {
      golden.assertMatches(template.name() + "." + family + ".json", template.body().toString());
    }
  }
}
