package io.sightline.testing.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndexPrefixTest {

  /** Elasticsearch's rules for index names, applied to the longest name a test makes. */
  private static void assertValidIndexName(String name) {
    assertThat(name)
        .isLowerCase()
        .doesNotStartWith("-")
        .doesNotStartWith("_")
        .doesNotStartWith("+");
    assertThat(name).matches("[a-z0-9][a-z0-9_.+-]*");
    assertThat(name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(255);
  }

  @Test
  void derivedFromClassAndMethodLowerCaseAndValid() {
    IndexPrefix prefix =
        IndexPrefix.forTest(
            "io.sightline.storage.elasticsearch.SpanReaderConformanceIT",
            "findTraces_byTagWithUnicodeÜberKey_andAVeryLongMethodNameIndeed");
    assertThat(prefix.value()).startsWith("it-spanreaderconformanceit-findtraces-bytagwithunic");
    assertValidIndexName(prefix.index("jaeger-span-2024-05-01-13"));
    assertThat(prefix.index("jaeger-span-2024-05-01")).endsWith("-jaeger-span-2024-05-01");
  }

  @Test
  void uniqueWithinTheRun() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertThat(seen.add(IndexPrefix.forTest("a.B", "c").value())).isTrue();
    }
    assertThat(IndexPrefix.forTest("a.B", null).value()).matches("it-b-[0-9a-z]{4}-\\d+");
  }
}
