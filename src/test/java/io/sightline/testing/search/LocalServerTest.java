package io.sightline.testing.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalServerTest {

  @TempDir Path dir;

  @Test
  void serversLiveUnderTargetWhenTheServerUserCanReachIt() throws IOException {
    Path target = Files.createDirectories(dir.resolve("open").resolve("target"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(
        dir.resolve("open"), PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(LocalServer.serverDirectory(target, true))
        .isEqualTo(target.resolve("search-servers"));
    assertThat(LocalServer.serverDirectory(target, false))
        .isEqualTo(target.resolve("search-servers"));
  }

  @Test
  void aPrivateCheckoutMovesServersToTheTempDirWhenRunningAsRoot() throws IOException {
    Path closed = Files.createDirectories(dir.resolve("closed"));
    Path target = Files.createDirectories(closed.resolve("project").resolve("target"));
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
    Path chosen = LocalServer.serverDirectory(target, true);
    assertThat(chosen).startsWithRaw(Path.of(System.getProperty("java.io.tmpdir")));
    assertThat(chosen.getFileName().toString()).startsWith("sightline-search-servers-");
    // A normal user runs servers as itself: no need to move.
    assertThat(LocalServer.serverDirectory(target, false)).startsWithRaw(target);
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void logTailShowsTheEndOfConsoleAndServerLog() throws IOException {
    Path console =
        Files.writeString(dir.resolve("console.log"), "line\n".repeat(100) + "the end\n");
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Files.writeString(logs.resolve("sightline-it-es-8_19_0.log"), "[ERROR] boom\n");
    String tail = LocalServer.logTail(console, logs);
    assertThat(tail).contains("the end").contains("[ERROR] boom");
    assertThat(tail.lines().filter("line"::equals).count()).isEqualTo(59);
  }
}
