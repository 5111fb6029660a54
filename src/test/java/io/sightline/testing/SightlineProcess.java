package io.sightline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged application ({@code target/sightline-*.jar}, built by {@code package} before the
 * integration tests) run as a child process with exactly the environment a test gives it — nothing
 * inherited but {@code PATH} — as a container would run it. Its UI and admin ports are free ports
 * passed as arguments (container args, not environment), and its output goes to a file.
 */
public final class SightlineProcess implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final int uiPort;
  private final int adminPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private SightlineProcess(Process process, Path log, int uiPort, int adminPort) {
    this.process = process;
    this.log = log;
    this.uiPort = uiPort;
    this.adminPort = adminPort;
  }

  /**
   * Starts the jar.
   *
   * @param environment the whole environment (besides {@code PATH})
   * @param jvmOptions options before {@code -jar}, e.g. {@code -Djdk.net.hosts.file=…}
   * @param log where its standard output and error go
   */
  public static SightlineProcess start(
      Map<String, String> environment, List<String> jvmOptions, Path log) {
    int ui = freePort();
    int admin = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.addAll(jvmOptions);
    command.addAll(
        List.of(
            "-jar", jar().toString(), "--server.port=" + ui, "--management.server.port=" + admin));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    String path = env.getOrDefault("PATH", "/usr/bin:/bin");
    env.clear();
    env.put("PATH", path);
    env.putAll(environment);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    try {
      return new SightlineProcess(builder.start(), log, ui, admin);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The packaged jar in {@code target/}. */
  public static Path jar() {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      List<Path> jars =
          files
              .filter(p -> p.getFileName().toString().matches("sightline-.*\\.jar"))
              .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
              .toList();
      if (jars.size() != 1) {
        throw new IllegalStateException("expected one packaged jar in target/, found " + jars);
      }
      return jars.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int uiPort() {
    return uiPort;
  }

  public int adminPort() {
    return adminPort;
  }

  /** Everything it has written so far. */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until the admin port answers this path with 200 (e.g. the liveness probe). */
  public void awaitAdmin(String path, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("Sightline exited with " + process.exitValue() + ":\n" + output());
      }
      try {
        if (admin(path).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no 200 from admin " + path + " within " + timeout + ":\n" + output());
  }

  /** Waits until a line holding this text appears in the output; returns that line. */
  public String awaitLine(String text, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      for (String line : output().split("\n")) {
        if (line.contains(text)) {
          return line;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no line with '" + text + "' within " + timeout + ":\n" + output());
  }

  /** Waits for the process to end by itself; returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + timeout + ":\n" + output());
    }
    return process.exitValue();
  }

  /** GET on the UI/API port. */
  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(uiPort, path);
  }

  /** GET on the admin port. */
  public HttpResponse<String> admin(String path) throws IOException, InterruptedException {
    return send(adminPort, path);
  }

  private HttpResponse<String> send(int port, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** SIGTERM, then SIGKILL if it does not stop within 40 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(40, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
