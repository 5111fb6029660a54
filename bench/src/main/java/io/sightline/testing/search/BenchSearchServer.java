package io.sightline.testing.search;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * The benchmarks' door into the test harness: starts one Elasticsearch node from its Maven zip
 * exactly as the integration tests do ({@link LocalServer}: right JDK, unprivileged user, free
 * port, watchdog), but with the heap and directories the benchmark chooses. Lives in the harness's
 * package (from the bench source root) so the harness needs no public API for it.
 */
public final class BenchSearchServer implements AutoCloseable {

  private final LocalServer server;
  private final Path home;

  private BenchSearchServer(LocalServer server, Path home) {
    this.server = server;
    this.home = home;
  }

  /**
   * Unpacks and starts a server; waits until it is healthy.
   *
   * @param id e.g. {@code es-8.19.0}
   * @param distDir where Maven copied the zips (the local repository is the fallback)
   * @param workDir where the server is unpacked ({@code <workDir>/search-servers/<id>})
   * @param heap e.g. {@code 2g}
   */
  public static BenchSearchServer start(String id, Path distDir, Path workDir, String heap) {
    SearchServerVersion version = SearchServerVersion.parse(id);
    HarnessSettings defaults = HarnessSettings.fromEnvironment();
    HarnessSettings settings =
        new HarnessSettings(
            List.of(version),
            null,
            distDir,
            defaults.mavenRepo(),
            workDir.toAbsolutePath(),
            defaults.serverUser(),
            heap,
            Duration.ofMinutes(5),
            true);
    LocalServer server = LocalServer.start(version, settings);
    Path home =
        LocalServer.serverDirectory(settings.workDir(), Users.isRoot()).resolve(version.id());
    return new BenchSearchServer(server, home);
  }

  public URI url() {
    return server.url();
  }

  public String id() {
    return server.version().id();
  }

  /** The Java feature version the node runs on. */
  public int javaVersion() {
    return server.jdk().feature();
  }

  /** The node's JVM process ID (from the pid file it writes), if it is running. */
  public OptionalLong pid() {
    try {
      Path pidFile = home.resolve("server.pid");
      if (!Files.isRegularFile(pidFile)) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(
          Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim()));
    } catch (java.io.IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** The end of the node's logs, for failure messages. */
  public String logTail() {
    return server.logTail();
  }

  @Override
  public void close() {
    server.close();
  }
}
