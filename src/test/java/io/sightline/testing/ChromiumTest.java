package io.sightline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the page tests' Chromium comes from: property, then environment, then {@code PATH}. */
class ChromiumTest {

  @TempDir Path dir;

  private final Map<String, String> properties = new HashMap<>();
  private final Map<String, String> environment = new HashMap<>();

  private Path executable(String first, String... more) throws IOException {
    Path file = dir.resolve(Path.of(first, more));
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\n");
    assertThat(file.toFile().setExecutable(true)).isTrue();
    return file;
  }

  private Optional<Chromium> find() {
    return Chromium.find(properties::get, environment::get);
  }

  private String path(String... dirs) {
    return String.join(
        File.pathSeparator, Arrays.stream(dirs).map(d -> dir.resolve(d).toString()).toList());
  }

  @Test
  void systemPropertiesComeFirst() throws IOException {
    Path binary = executable("props", "my-chromium");
    Path driver = executable("props", "my-driver");
    properties.put("sightline.chromium", binary.toString());
    properties.put("sightline.chromedriver", driver.toString());
    environment.put("CHROME_BIN", executable("env", "chrome").toString());
    environment.put("CHROMEDRIVER", executable("env", "driver").toString());
    executable("bin", "chromium");
    executable("bin", "chromedriver");
    environment.put("PATH", path("bin"));

    assertThat(find()).contains(new Chromium(binary, driver));
  }

  @Test
  void environmentVariablesComeBeforeThePath() throws IOException {
    Path binary = executable("env", "chrome");
    Path driver = executable("env", "driver");
    environment.put("CHROME_BIN", binary.toString());
    environment.put("CHROMEDRIVER", driver.toString());
    executable("bin", "chromium");
    executable("bin", "chromedriver");
    environment.put("PATH", path("bin"));

    assertThat(find()).contains(new Chromium(binary, driver));
  }

  @Test
  void thePathIsSearchedInOrderOfNamesThenDirectories() throws IOException {
    executable("first", "google-chrome");
    Path browser = executable("second", "chromium-browser");
    Path driver = executable("second", "chromedriver");
    // a chromedriver that cannot run is passed over
    assertThat(executable("first", "chromedriver").toFile().setExecutable(false)).isTrue();
    environment.put("PATH", path("missing", "first", "second"));

    assertThat(find()).contains(new Chromium(browser, driver));
  }

  @Test
  void aBrowserWithoutADriverIsNotFound() throws IOException {
    executable("bin", "chromium");
    environment.put("PATH", path("bin"));

    assertThat(find()).isEmpty();
    environment.remove("PATH");
    assertThat(find()).isEmpty();
  }

  @Test
  void aConfiguredFileThatIsNotThereIsAnError() {
    properties.put("sightline.chromium", dir.resolve("nothing").toString());

    assertThatThrownBy(this::find)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not an executable file")
        .hasMessageContaining("nothing");
  }

  @Test
  void optionsCarryTheBinaryAndTheHeadlessArguments() throws IOException {
    Chromium chromium = new Chromium(executable("b", "chromium"), executable("b", "chromedriver"));

    Map<String, Object> options = chromium.headless("--hide-scrollbars").asMap();

    assertThat(options.toString())
        .contains(chromium.binary().toString())
        .contains("--headless=new")
        .contains("--window-size=1280,800")
        .contains("--hide-scrollbars");
  }
}
