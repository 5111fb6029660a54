package io.sightline.testing.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One Elasticsearch/OpenSearch node started from its Maven zip for this JVM's tests: unpacked under
 * {@code target/search-servers/<id>/}, run by the right JDK (as an unprivileged user when the tests
 * run as root), on a free port read from {@code logs/http.ports}, and stopped when the tests end.
 *
 * <p>The node runs under a small shell watchdog that reads its standard input: when the test JVM
 * stops it, or dies without stopping it (even by SIGKILL), the pipe closes and the watchdog stops
 * the node, so no server outlives its tests.
 */
final class LocalServer implements AutoCloseable {

  /** Port ranges away from the defaults (9200/9300) that a developer's own cluster may hold. */
  private static final String HTTP_PORTS = "29200-29399";

  private static final String TRANSPORT_PORTS = "29400-29599";

  private static final String WATCHDOG =
      """
      pidfile=$1; shift
      exec 3<&0
      "$@" </dev/null 3<&- &
      child=$!
      (
        cat <&3 >/dev/null
        kill -TERM "$child" 2>/dev/null
        [ -s "$pidfile" ] && kill -TERM "$(cat "$pidfile")" 2>/dev/null
        i=0
        while [ $i -lt 60 ] && kill -0 "$child" 2>/dev/null; do sleep 0.5; i=$((i+1)); done
        kill -KILL "$child" 2>/dev/null
        [ -s "$pidfile" ] && kill -KILL "$(cat "$pidfile")" 2>/dev/null
      ) </dev/null &
      exec 3<&-
      wait "$child"
      """;

  private final SearchServerVersion version;
  private final Path home;
  private final Path console;
  private final Process process;
  private final URI url;
  private final Duration startTime;
  private final Jdks.Jdk jdk;

  private LocalServer(
      SearchServerVersion version,
      Path home,
      Path console,
      Process process,
      URI url,
      Duration startTime,
      Jdks.Jdk jdk) {
    this.version = version;
    this.home = home;
    this.console = console;
    this.process = process;
    this.url = url;
    this.startTime = startTime;
    this.jdk = jdk;
  }

  URI url() {
    return url;
  }

  /** The server's own process ID (its pid file), for tests that stop and resume it. */
  long pid() {
    try {
      return Long.parseLong(Files.readString(home.resolve("server.pid")).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  SearchServerVersion version() {
    return version;
  }

  Duration startTime() {
    return startTime;
  }

  Jdks.Jdk jdk() {
    return jdk;
  }

  /**
   * Unpacks and starts the server and waits until it is healthy.
   *
   * @throws IllegalStateException with the end of the server's log when it does not come up
   */
  static LocalServer start(SearchServerVersion version, HarnessSettings settings) {
    return start(version, settings, null);
  }

  /**
   * Unpacks and starts the server, with security (TLS, users) when {@code secured} is given, and
   * waits until it is healthy.
   *
   * @param secured the secured variant's setup, or null for a plain server
   */
  static LocalServer start(
      SearchServerVersion version, HarnessSettings settings, SecuredSetup secured) {
    long started = System.nanoTime();
    Path zip = settings.zip(version);
    Jdks.Jdk jdk = Jdks.discover().forServer(version, Path.of(System.getProperty("java.home")));
    boolean root = Users.isRoot();
    String name = secured == null ? version.id() : secured.name();
    Path home = serverDirectory(settings.workDir(), root).resolve(name);
    unpack(zip, home);
    Path logs = home.resolve("logs");
    Path data = home.resolve("data");
    Path tmp = home.resolve("tmp");
    Path pidFile = home.resolve("server.pid");
    try {
      Files.createDirectories(logs);
      Files.createDirectories(data);
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    List<String> command = new ArrayList<>();
    String user = null;
    if (secured != null) {
      secured.copyFiles(home.resolve("config"));
    }
    if (root) {
      user = settings.serverUser();
      Users.ensureExists(user);
      Users.chownTree(home, user);
      command.addAll(List.of(Users.runuser(), "-u", user, "--"));
    }
    if (secured != null) {
      // The users and the keystore are made by the distribution's own tools, as its user.
      secured.runTools(home, List.copyOf(command), jdk.home());
    }
    command.addAll(List.of("sh", "-c", WATCHDOG, "search-server-watchdog", pidFile.toString()));
    command.add(home.resolve("bin").resolve(version.product().artifactId).toString());
    command.addAll(List.of("-p", pidFile.toString()));
    command.addAll(settings(version, name, logs, data, secured));

    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    Map<String, String> env = builder.environment();
    for (String inherited :
        List.of(
            "JAVA_TOOL_OPTIONS",
            "_JAVA_OPTIONS",
            "JDK_JAVA_OPTIONS",
            "CLASSPATH",
            "ES_PATH_CONF",
            "OPENSEARCH_PATH_CONF",
            "ES_JAVA_OPTS",
            "OPENSEARCH_JAVA_OPTS")) {
      env.remove(inherited);
    }
    String prefix = version.product().envPrefix;
    env.put(prefix + "_JAVA_HOME", jdk.home().toString());
    if (version.isOpenSearch()) {
      env.put("JAVA_HOME", jdk.home().toString()); // its scripts fall back to it
    } else {
      env.remove("JAVA_HOME"); // Elasticsearch's scripts warn that they ignore it
    }
    env.put(prefix + "_JAVA_OPTS", "-Xms" + settings.heap() + " -Xmx" + settings.heap());
    env.put(prefix + "_TMPDIR", tmp.toString());
    Path console = home.resolve("console.log");
    builder.redirectErrorStream(true).redirectOutput(console.toFile());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + version.id() + ": " + e.getMessage(), e);
    }
    try {
      URI url = awaitHealthy(version, process, logs, console, settings.startTimeout(), secured);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      LocalServer server = new LocalServer(version, home, console, process, url, took, jdk);
      System.out.printf(
          "[search-harness] %s started at %s in %.1f s (Java %d%s; logs: %s)%n",
          name,
          url,
          took.toMillis() / 1000.0,
          jdk.feature(),
          user == null ? "" : ", user " + user,
          logs);
      return server;
    } catch (RuntimeException e) {
      stop(process);
      throw e;
    }
  }

  /**
   * {@code target/search-servers}, unless the tests run as root and the server user could not reach
   * it (a checkout under {@code /root}, mode 700): then a directory under the temp dir.
   */
  static Path serverDirectory(Path workDir, boolean root) {
    Path preferred = workDir.toAbsolutePath().resolve("search-servers");
    if (!root || traversableByOthers(workDir.toAbsolutePath())) {
      return preferred;
    }
    Path fallback =
        Path.of(System.getProperty("java.io.tmpdir"))
            .resolve("sightline-search-servers-" + Integer.toHexString(preferred.hashCode()));
    System.out.printf(
        "[search-harness] %s is not reachable by other users; servers run from %s%n",
        workDir, fallback);
    return fallback;
  }

  private static boolean traversableByOthers(Path dir) {
    try {
      for (Path p = dir; p != null; p = p.getParent()) {
        if (Files.exists(p)
            && !Files.getPosixFilePermissions(p)
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
          return false;
        }
      }
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return true; // cannot tell: try the usual place
    }
  }

  private static List<String> settings(
      SearchServerVersion version, String name, Path logs, Path data, SecuredSetup secured) {
    List<String> settings = new ArrayList<>();
    settings.add("-Ecluster.name=sightline-it-" + name.replace('.', '_'));
    settings.add("-Enode.name=" + name);
    settings.add("-Ediscovery.type=single-node");
    settings.add("-Enetwork.host=127.0.0.1");
    settings.add("-Ehttp.port=" + HTTP_PORTS);
    settings.add("-Etransport.port=" + TRANSPORT_PORTS);
    settings.add("-Enode.portsfile=true");
    settings.add("-Epath.logs=" + logs);
    settings.add("-Epath.data=" + data);
    settings.add("-Ecluster.routing.allocation.disk.threshold_enabled=false");
    // Jaeger's templates ask for 5 shards; a suite creates many indices on one node.
    settings.add("-Ecluster.max_shards_per_node=100000");
    settings.add("-Eaction.destructive_requires_name=false");
    if (secured != null) {
      settings.addAll(secured.serverSettings());
    } else if (!version.isOpenSearch() && version.major() >= 8) {
      settings.add("-Expack.security.enabled=false");
    }
    return settings;
  }

  private static URI awaitHealthy(
      SearchServerVersion version,
      Process process,
      Path logs,
      Path console,
      Duration timeout,
      SecuredSetup secured) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Path portsFile = logs.resolve("http.ports");
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
    if (secured != null) {
      builder.sslContext(secured.harnessTls());
    }
    HttpClient http = builder.build();
    URI url = null;
    String lastProblem = "no ports file yet";
    while (System.nanoTime() - deadline < 0) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            version.id()
                + " exited with code "
                + process.exitValue()
                + " while starting"
                + logTail(console, logs));
      }
      if (url == null && Files.isRegularFile(portsFile)) {
        url = readPort(portsFile, secured == null ? "http" : "https");
      }
      if (url != null) {
        try {
          HttpRequest.Builder request =
              HttpRequest.newBuilder(
                      url.resolve("/_cluster/health?wait_for_status=yellow&timeout=2s"))
                  .timeout(Duration.ofSeconds(10));
          if (secured != null) {
            request.header("Authorization", secured.harnessAuthorization());
          }
          HttpResponse<String> response =
              http.send(request.build(), HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200) {
            JsonNode health = new ObjectMapper().readTree(response.body());
            String status = health.path("status").asText();
            if (status.equals("green") || status.equals("yellow")) {
              return url;
            }
            lastProblem = "cluster status " + status;
          } else {
            lastProblem = "cluster health answered " + response.statusCode();
          }
        } catch (IOException e) {
          lastProblem = "cluster health: " + e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while starting " + version.id(), e);
        }
      }
      sleep(250);
    }
    throw new IllegalStateException(
        version.id()
            + " did not become healthy within "
            + timeout.toSeconds()
            + " s ("
            + lastProblem
            + ")"
            + logTail(console, logs));
  }

  private static URI readPort(Path portsFile, String scheme) {
    try {
      for (String line : Files.readAllLines(portsFile, StandardCharsets.UTF_8)) {
        String address = line.trim();
        if (!address.isEmpty()) {
          return URI.create(scheme + "://" + address);
        }
      }
    } catch (IOException e) {
      // Written by a rename, so a partial file cannot be seen; retry on the next poll anyway.
    }
    return null;
  }

  /**
   * Null while the node runs; once it has exited (an {@code OutOfMemoryError} makes Elasticsearch
   * exit), why: its exit code and the end of its logs.
   */
  String deathNotice() {
    if (process.isAlive()) {
      return null;
    }
    return version.id() + " exited during the tests with code " + process.exitValue() + logTail();
  }

  /** The end of the console output and of the server's own log, for failure messages. */
  String logTail() {
    return logTail(console, home.resolve("logs"));
  }

  static String logTail(Path console, Path logs) {
    StringBuilder tail = new StringBuilder();
    tail.append("\n--- last lines of ").append(console).append(" ---\n");
    tail.append(lastLines(console, 60));
    try (Stream<Path> files = Files.list(logs)) {
      Path serverLog =
          files
              .filter(p -> p.getFileName().toString().startsWith("sightline-it-"))
              .filter(p -> p.getFileName().toString().endsWith(".log"))
              .findFirst()
              .orElse(null);
      if (serverLog != null) {
        tail.append("--- last lines of ").append(serverLog).append(" ---\n");
        tail.append(lastLines(serverLog, 40));
      }
    } catch (IOException e) {
      // No log directory: the console is all there is.
    }
    return tail.toString();
  }

  private static String lastLines(Path file, int count) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()))
          + "\n";
    } catch (IOException | UncheckedIOException e) {
      return "(unreadable: " + e.getMessage() + ")\n";
    }
  }

  @Override
  public void close() {
    stop(process);
  }

  /** Closes the watchdog's stdin (it stops the node), then waits; kills what is left. */
  private static void stop(Process process) {
    try (OutputStream stdin = process.getOutputStream()) {
      // Closing is the signal.
    } catch (IOException e) {
      // Already closed.
    }
    try {
      if (!process.waitFor(40, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static void unpack(Path zip, Path home) {
    try {
      if (Files.exists(home)) {
        try (Stream<Path> old = Files.walk(home)) {
          for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(home);
      try (ZipFile archive = new ZipFile(zip.toFile())) {
        for (ZipEntry entry : archive.stream().toList()) {
          String name = entry.getName();
          int slash = name.indexOf('/');
          String relative = slash < 0 ? "" : name.substring(slash + 1); // drop the top directory
          if (relative.isEmpty()) {
            continue;
          }
          Path target = home.resolve(relative).normalize();
          if (!target.startsWith(home)) {
            throw new IOException("zip entry outside its directory: " + name);
          }
          if (entry.isDirectory()) {
            Files.createDirectories(target);
            continue;
          }
          Files.createDirectories(target.getParent());
          try (InputStream in = archive.getInputStream(entry)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
          }
          // Zip entries lose their mode here; the scripts must be executable.
          if (relative.startsWith("bin/") || relative.contains("/bin/")) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot unpack " + zip + " into " + home, e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
