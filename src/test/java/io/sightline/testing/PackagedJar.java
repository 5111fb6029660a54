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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged jar ({@code target/sightline-*.jar}, built by {@code package} before the failsafe
 * ITs run) started as a separate process, exactly as a user starts it: {@code java -jar …}. The
 * child gets this JVM's environment without any Sightline, Jaeger or Spring setting ({@code
 * SPAN_STORAGE_TYPE}, {@code ES_*}, {@code QUERY_*}, {@code SIGHTLINE_*}, {@code SPRING_*}, …),
 * plus what the test passes.
 */
public final class PackagedJar {

  private static final List<String> CONFIGURATION_PREFIXES =
      List.of("SPAN_STORAGE_TYPE", "ES_", "QUERY_", "SIGHTLINE_", "SPRING_", "MEMORY_", "ADMIN_");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PackagedJar() {}

  /** The packaged jar; fails the test when {@code package} has not run. */
  public static Path jar() {
    Path target = Path.of(System.getProperty("sightline.test.work.dir", "target"));
    try (Stream<Path> files = Files.list(target)) {
      List<Path> jars =
          files
              .filter(p -> p.getFileName().toString().matches("sightline-.*\\.jar"))
              .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
              .toList();
      if (jars.size() != 1) {
        throw new IllegalStateException(
            "expected one packaged jar in " + target + " (run mvn package first), found " + jars);
      }
      return jars.get(0).toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The java launcher of the JVM running the tests. */
  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A free TCP port on the loopback interface (free now; the child binds it moments later). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a finished process left: its exit status and its whole output. */
  public record Result(int exitCode, String stdout, String stderr) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  /**
   * Runs {@code java -jar <jar> args…} to completion.
   *
   * @param env extra environment variables
   * @throws IllegalStateException when it does not end within the timeout (it is killed)
   */
  public static Result run(Map<String, String> env, Duration timeout, List<String> args)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("sightline-run");
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    ProcessBuilder builder = builder(env, List.of(), args);
    builder.redirectOutput(stdout.toFile());
    builder.redirectError(stderr.toFile());
    Process process = builder.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(
            "java -jar … "
                + String.join(" ", args)
                + " did not end within "
                + timeout
                + "\n"
                + Files.readString(stdout)
                + Files.readString(stderr));
      }
      return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
      Files.deleteIfExists(dir);
    }
  }

  /**
   * Starts the server on free ports ({@code --server.port}, {@code --management.server.port}, the
   * gRPC query port) and waits until its readiness probe answers 200.
   */
  public static Server startServer(Map<String, String> env, Duration startup)
      throws IOException, InterruptedException {
    return startServer(env, startup, 0, 0);
  }

  /**
   * As {@link #startServer(Map, Duration)}, with the OTLP receivers (when switched on) on the given
   * ports of the loopback interface (0: any free port, not told).
   */
  public static Server startServer(
      Map<String, String> env, Duration startup, int otlpGrpcPort, int otlpHttpPort)
      throws IOException, InterruptedException {
    int port = freePort();
    int adminPort = freePort();
    int grpcPort = freePort();
    Path log = Files.createTempFile("sightline-server", ".log");
    ProcessBuilder builder =
        builder(
            env,
            List.of("-Xmx512m"),
            List.of(
                "--server.port=" + port,
                "--management.server.port=" + adminPort,
                // OTLP ingest (on with the embedded store) on free ports, beside other builds.
                "--sightline.ingest.otlp.grpc-host-port=127.0.0.1:" + otlpGrpcPort,
                "--sightline.ingest.otlp.http-host-port=127.0.0.1:" + otlpHttpPort,
                "--sightline.query.grpc.host-port=127.0.0.1:" + grpcPort));
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    Server server = new Server(builder.start(), port, adminPort, grpcPort, log);
    server.awaitReady(startup);
    return server;
  }

  private static ProcessBuilder builder(
      Map<String, String> env, List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment
        .keySet()
        .removeIf(
            name ->
                CONFIGURATION_PREFIXES.stream()
                    .anyMatch(p -> name.toUpperCase(Locale.ROOT).startsWith(p)));
    environment.putAll(env);
    return builder;
  }

  /** A running server process. */
  public static final class Server implements AutoCloseable {
    private final Process process;
    private final int port;
    private final int adminPort;
    private final int grpcPort;
    private final Path log;

    Server(Process process, int port, int adminPort, int grpcPort, Path log) {
      this.process = process;
      this.port = port;
      this.adminPort = adminPort;
      this.grpcPort = grpcPort;
      this.log = log;
    }

    /** The gRPC query port (16685's role). */
    public int grpcPort() {
      return grpcPort;
    }

    public int port() {
      return port;
    }

    public int adminPort() {
      return adminPort;
    }

    /** {@code GET http://127.0.0.1:<port><pathAndQuery>}. */
    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
      return get(port, pathAndQuery);
    }

    /** {@code GET} on the admin port. */
    public HttpResponse<String> getAdmin(String pathAndQuery)
        throws IOException, InterruptedException {
      return get(adminPort, pathAndQuery);
    }

    private static HttpResponse<String> get(int port, String pathAndQuery)
        throws IOException, InterruptedException {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
              .timeout(Duration.ofSeconds(60))
              .build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    void awaitReady(Duration startup) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + startup.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the server exited with " + process.exitValue() + " while starting:\n" + output());
        }
        try {
          if (getAdmin("/actuator/health/readiness").statusCode() == 200) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(250);
      }
      close();
      throw new IllegalStateException(
          "the server was not ready within " + startup + ":\n" + output());
    }

    /** Everything the server printed so far. */
    public String output() throws IOException {
      return Files.readString(log);
    }

    /**
     * Stops the server as a container runtime or systemd does (SIGTERM) and waits for it.
     *
     * @return its exit status (143 = ended by SIGTERM after a clean shutdown)
     */
    public int stop(Duration timeout) throws InterruptedException {
      process.destroy(); // SIGTERM on Unix
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(
            "the server did not stop within " + timeout + " of SIGTERM");
      }
      return process.exitValue();
    }

    @Override
    public void close() throws IOException {
      if (process.isAlive()) {
        process.destroyForcibly();
        try {
          process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      Files.deleteIfExists(log);
    }
  }

  /** Runs with no extra environment. */
  public static Result run(Duration timeout, String... args)
      throws IOException, InterruptedException {
    return run(new HashMap<>(), timeout, List.of(args));
  }
}
