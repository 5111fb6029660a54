package io.sightline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Jaeger's test fixtures, unchanged copies vendored in {@code src/test/resources/jaeger-fixtures}
 * (see the README there; the build passes the location as the system property {@code
 * sightline.fixtures.dir}). A missing directory fails the test: these fixtures are the acceptance
 * criteria, never skipped.
 */
public final class Fixtures {

  /** The Jaeger commits whose fixtures are available. */
  public static final String JAEGER_HEAD = "jaeger/head-8498073ff809b1a3923521920a9b1b017ea97ecf";

  public static final String JAEGER_V1_76 =
      "jaeger/v1.76.0-63b27e1810a710ac54dc4522da0538e540bdc545";
  public static final String JAEGER_V1_60 =
      "jaeger/v1.60.0-0524ae6df8acac17e8ed52af9b86e6dee85a5e5e";

  private static final Path DEFAULT_ROOT = Path.of("src", "test", "resources", "jaeger-fixtures");

  private Fixtures() {}

  /** The fixtures root directory. */
  public static Path root() {
    String configured = System.getProperty("sightline.fixtures.dir");
    Path root = configured != null ? Path.of(configured) : DEFAULT_ROOT;
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException(
          "Jaeger fixtures not found at "
              + root.toAbsolutePath().normalize()
              + " (set -Dsightline.fixtures.dir)");
    }
    return root;
  }

  /** A file under the fixtures root, e.g. {@code path(JAEGER_V1_76, "internal/…/es_01.json")}. */
  public static Path path(String first, String... more) {
    Path path = root().resolve(Path.of(first, more));
    if (!Files.exists(path)) {
      throw new IllegalStateException("fixture missing: " + path);
    }
    return path;
  }

  /** A fixture file's text. */
  public static String read(String first, String... more) {
    try {
      return Files.readString(path(first, more), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
