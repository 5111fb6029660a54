package io.sightline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Golden HTTP responses under {@code src/test/resources/<dir>/<name>.http}: the status line, the
 * headers that matter to clients ({@code Content-Type}, {@code X-Content-Type-Options}), a blank
 * line and the body byte for byte (so a trailing newline shows). Run with {@code
 * -Dsightline.golden.update=true} to rewrite them, then review the diff.
 */
public final class GoldenHttp {

  private static final boolean UPDATE = Boolean.getBoolean("sightline.golden.update");

  private GoldenHttp() {}

  /** The response in golden-file form. */
  public static String render(MockHttpServletResponse response) {
    StringBuilder out = new StringBuilder();
    out.append("HTTP ").append(response.getStatus()).append('\n');
    out.append("Content-Type: ").append(response.getContentType()).append('\n');
    String nosniff = response.getHeader("X-Content-Type-Options");
    if (nosniff != null) {
      out.append("X-Content-Type-Options: ").append(nosniff).append('\n');
    }
    out.append('\n');
    out.append(new String(response.getContentAsByteArray(), StandardCharsets.UTF_8));
    return out.toString();
  }

  /** Asserts the response equals the golden file (or rewrites the file when updating). */
  public static void assertMatches(String dir, String name, MockHttpServletResponse response) {
    String actual = render(response);
    Path file = Path.of("src", "test", "resources", dir, name + ".http");
    try {
      if (UPDATE) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(file)) {
        throw new AssertionError(
            "golden file missing: "
                + file
                + " (run with -Dsightline.golden.update=true)\n"
                + actual);
      }
      assertThat(actual)
          .as("golden %s", file)
          .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
