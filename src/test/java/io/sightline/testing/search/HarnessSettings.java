package io.sightline.testing.search;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The harness's inputs: system properties passed by the build (pom.xml, failsafe) and environment
 * variables a developer sets. Defaults make a plain IDE run work from the project directory.
 *
 * <ul>
 *   <li>{@code sightline.test.search.servers} (property): the servers to run ITs against, e.g.
 *       {@code es-8.19.0,os-2.19.1}
 *   <li>{@code sightline.test.search.dist.dir} (property): where Maven copied the zips ({@code
 *       target/search-dists})
 *   <li>{@code sightline.test.maven.repo} (property): the local Maven repository, a fallback for
 *       zips that were not copied ({@code ~/.m2/repository})
 *   <li>{@code sightline.test.work.dir} (property): where servers are unpacked ({@code target})
 *   <li>{@code SIGHTLINE_TEST_ES_URL}: use this running server instead of starting any
 *   <li>{@code SIGHTLINE_TEST_SEARCH_USER}: the user servers run as when the tests run as root
 *       ({@code sightline-search})
 *   <li>{@code SIGHTLINE_TEST_SEARCH_HEAP}: server heap ({@code 1g})
 *   <li>{@code SIGHTLINE_TEST_SEARCH_START_TIMEOUT}: seconds to wait for a server ({@code 180})
 *   <li>{@code SIGHTLINE_TEST_KEEP_INDICES=true}: keep each test's indices and templates
 * </ul>
 */
record HarnessSettings(
    List<SearchServerVersion> servers,
    URI externalUrl,
    Path distDir,
    Path mavenRepo,
    Path workDir,
    String serverUser,
    String heap,
    Duration startTimeout,
    boolean keepIndices) {

  static final String DEFAULT_SERVERS = "es-8.19.0,os-2.19.1";

  static HarnessSettings fromEnvironment() {
    return from(System.getenv(), System::getProperty);
  }

  interface Properties {
    String get(String name);
  }

  static HarnessSettings from(Map<String, String> env, Properties properties) {
    String list = orDefault(properties.get("sightline.test.search.servers"), DEFAULT_SERVERS);
    List<SearchServerVersion> servers =
        Arrays.stream(list.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(SearchServerVersion::parse)
            .distinct()
            .toList();
    String external = env.getOrDefault("SIGHTLINE_TEST_ES_URL", "").trim();
    Path workDir = Path.of(orDefault(properties.get("sightline.test.work.dir"), "target"));
    return new HarnessSettings(
        servers,
        external.isEmpty() ? null : URI.create(external.replaceAll("/+$", "")),
        Path.of(
            orDefault(
                properties.get("sightline.test.search.dist.dir"),
                workDir.resolve("search-dists").toString())),
        Path.of(
            orDefault(
                properties.get("sightline.test.maven.repo"),
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString())),
        workDir.toAbsolutePath(),
        orDefault(env.get("SIGHTLINE_TEST_SEARCH_USER"), "sightline-search"),
        orDefault(env.get("SIGHTLINE_TEST_SEARCH_HEAP"), "1g"),
        Duration.ofSeconds(
            Long.parseLong(orDefault(env.get("SIGHTLINE_TEST_SEARCH_START_TIMEOUT"), "180"))),
        Boolean.parseBoolean(env.getOrDefault("SIGHTLINE_TEST_KEEP_INDICES", "false")));
  }

  /**
   * The server's zip: copied by Maven into the dist directory, or else in the local repository.
   *
   * @throws IllegalStateException saying how to get it
   */
  Path zip(SearchServerVersion version) {
    Path copied = distDir.resolve(version.zipFileName());
    if (Files.isRegularFile(copied)) {
      return copied;
    }
    Path cached = mavenRepo.resolve(version.repositoryPath());
    if (Files.isRegularFile(cached)) {
      return cached;
    }
    throw new IllegalStateException(
        "No zip for "
            + version.id()
            + ": neither "
            + copied
            + " nor "
            + cached
            + " exists. `./mvnw verify` copies the default servers' zips and `-Psearch-all`"
            + " all six; for one more, `./mvnw dependency:get -Dartifact="
            + version.coordinates()
            + "`.");
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
