package io.sightline.testing.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchServerVersionTest {

  @Test
  void parsesIdsAndKnowsItsArtifact() {
    SearchServerVersion es = SearchServerVersion.parse("es-8.19.0");
    assertThat(es.id()).isEqualTo("es-8.19.0");
    assertThat(es.major()).isEqualTo(8);
    assertThat(es.isOpenSearch()).isFalse();
    assertThat(es.coordinates())
        .isEqualTo("org.elasticsearch.distribution.integ-test-zip:elasticsearch:8.19.0:zip");
    assertThat(es.zipFileName()).isEqualTo("elasticsearch-8.19.0.zip");

    SearchServerVersion os = SearchServerVersion.parse(" OS-2.19.1 ");
    assertThat(os.id()).isEqualTo("os-2.19.1");
    assertThat(os.repositoryPath())
        .isEqualTo(
            "org/opensearch/distribution/integ-test-zip/opensearch/2.19.1/opensearch-2.19.1.zip");
  }

  @ParameterizedTest
  @ValueSource(strings = {"es8", "es-8.19", "solr-9.0.0", "es-8.19.0-SNAPSHOT", ""})
  void rejectsOtherIds(String id) {
    assertThatThrownBy(() -> SearchServerVersion.parse(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("es-<x.y.z>");
  }

  @Test
  void javaRangesMatchWhatWasMeasured() {
    assertThat(SearchServerVersion.parse("es-7.17.0").javaRange()).isEqualTo("Java 11 to 23");
    assertThat(SearchServerVersion.parse("os-1.3.20").javaRange()).isEqualTo("Java 11 to 23");
    assertThat(SearchServerVersion.parse("es-8.19.0").javaRange()).isEqualTo("Java 17 or later");
    assertThat(SearchServerVersion.parse("es-9.0.0").javaRange()).isEqualTo("Java 21 to 24");
    assertThat(SearchServerVersion.parse("es-9.1.0").javaRange()).isEqualTo("Java 21 or later");
    assertThat(SearchServerVersion.parse("os-3.0.0").javaRange()).isEqualTo("Java 21 or later");
  }

  @Test
  void settingsComeFromTheBuildAndTheEnvironment() {
    Map<String, String> properties =
        Map.of(
            "sightline.test.search.servers", "es-7.17.0, os-3.0.0,es-7.17.0",
            "sightline.test.work.dir", "/w/target");
    HarnessSettings settings =
        HarnessSettings.from(
            Map.of("SIGHTLINE_TEST_SEARCH_HEAP", "256m", "SIGHTLINE_TEST_ES_URL", "http://h:9200/"),
            properties::get);
    assertThat(settings.servers())
        .extracting(SearchServerVersion::id)
        .containsExactly("es-7.17.0", "os-3.0.0");
    assertThat(settings.heap()).isEqualTo("256m");
    assertThat(settings.externalUrl()).hasToString("http://h:9200");
    assertThat(settings.distDir()).hasToString("/w/target/search-dists");

    HarnessSettings defaults = HarnessSettings.from(Map.of(), name -> null);
    assertThat(defaults.servers())
        .extracting(SearchServerVersion::id)
        .isEqualTo(List.of("es-8.19.0", "os-2.19.1"));
    assertThat(defaults.externalUrl()).isNull();
    assertThat(defaults.serverUser()).isEqualTo("sightline-search");
  }

  @Test
  void aMissingZipSaysHowToGetIt() {
    HarnessSettings settings =
        HarnessSettings.from(
            Map.of(),
            Map.of(
                    "sightline.test.search.dist.dir",
                    "/nonexistent/d",
                    "sightline.test.maven.repo",
                    "/nonexistent/r")
                ::get);
    assertThatThrownBy(() -> settings.zip(SearchServerVersion.parse("es-9.1.0")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("-Psearch-all")
        .hasMessageContaining(
            "dependency:get -Dartifact=org.elasticsearch.distribution.integ-test-zip:elasticsearch:9.1.0:zip");
  }
}
