package io.sightline.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.json.JSONException;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

/**
 * Golden JSON files under {@code src/test/resources/<directory>}. A test compares what it produced
 * with the stored file (strictly: same keys, same array order); run with {@code
 * -Dsnapshots.regenerate=true} to rewrite the files from the current output, then review the diff.
 */
public final class GoldenFiles {

  private final Path directory;

  public GoldenFiles(String directory) {
    this.directory = Path.of("src", "test", "resources", directory);
  }

  public static boolean regenerating() {
    return Boolean.getBoolean("snapshots.regenerate");
  }

  /** Asserts that {@code actualJson} equals the golden file {@code name} (or rewrites it). */
  public void assertMatches(String name, String actualJson) {
    Path file = directory.resolve(name);
    try {
      if (regenerating()) {
        Files.createDirectories(directory);
        Files.writeString(file, pretty(actualJson) + "\n", StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(file)) {
        throw new AssertionError(
            "golden file " + file + " is missing; run with -Dsnapshots.regenerate=true");
      }
      JSONAssert.assertEquals(
          "golden file " + file, Files.readString(file), actualJson, JSONCompareMode.STRICT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JSONException e) {
      throw new AssertionError("not JSON: " + actualJson, e);
    }
  }

  private static String pretty(String json) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json));
  }
}
