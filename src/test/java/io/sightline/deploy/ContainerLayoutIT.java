package io.sightline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.deploy.Dockerfile.Instruction;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code docker build} and {@code docker run} would do, without a Docker engine: the packaged
 * jar is split by the Dockerfile's own extraction command, the layers are copied in the
 * Dockerfile's COPY order into one directory (the image's WORKDIR), and the Dockerfile's ENTRYPOINT
 * is executed there, with arguments as {@code docker run}/Kubernetes would append them. Runs after
 * {@code package} (failsafe).
 */
class ContainerLayoutIT {

  private static final Duration STARTUP = Duration.ofMinutes(2);

  private static Dockerfile dockerfile;
  private static Path jar;
  private static String java;

  @BeforeAll
  static void findJar() throws IOException {
    dockerfile = Dockerfile.read();
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      List<Path> jars =
          files
              .filter(p -> p.getFileName().toString().matches("sightline-.*\\.jar"))
              .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
              .toList();
      assertThat(jars).as("the packaged jar in target/ (run mvn package first)").hasSize(1);
      jar = jars.get(0);
    }
    java = findJava().resolve("bin").resolve("java").toString();
    System.out.println("ContainerLayoutIT runs the layout with " + java);
  }

  /** The COPY sources of the runtime stage, e.g. [dependencies, spring-boot-loader, …]. */
  private static List<String> copiedLayers() {
    return dockerfile.runtime().all("COPY").stream()
        .map(Instruction::words)
        .map(words -> Path.of(words.get(0)).getFileName().toString())
        .toList();
  }

  @Test
  void theDockerfileCopiesEveryLayerOfTheJarInTheJarsOrder() throws Exception {
    List<String> layers =
        List.of(
            run(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "list-layers"))
                .strip()
                .split("\\s+"));
    assertThat(layers).contains("dependencies", "application");
    // Spring Boot lists layers least-often-changed first: the order the image must stack them.
    assertThat(copiedLayers()).containsExactlyElementsOf(layers);
  }

  @Test
  void theExtractedLayoutStartsAsTheEntrypointDoesAndStopsGracefullyOnSigterm(@TempDir Path work)
      throws Exception {
    Path layers = work.resolve("layers");
    Path app = work.resolve("app");
    extractAsTheDockerfileDoes(layers);
    stackLayersAsTheDockerfileDoes(layers, app);

    Path launcher = app.resolve("org/springframework/boot/loader/launch/JarLauncher.class");
    assertThat(launcher).isRegularFile();
    try (InputStream in = Files.newInputStream(app.resolve("META-INF/MANIFEST.MF"))) {
      assertThat(new Manifest(in).getMainAttributes().getValue("Start-Class"))
          .isEqualTo("io.sightline.SightlineApplication");
    }
    assertThat(app.resolve("BOOT-INF/classes/io/sightline/SightlineApplication.class"))
        .isRegularFile();
    try (Stream<Path> libs = Files.list(app.resolve("BOOT-INF/lib"))) {
      assertThat(libs.filter(p -> p.toString().endsWith(".jar")).count()).isGreaterThan(10);
    }

    int httpPort = freePort();
    int adminPort = freePort();
    List<String> command =
        new ArrayList<>(dockerfile.runtime().last("ENTRYPOINT").orElseThrow().execForm());
    command.add("--server.port=" + httpPort); // docker run IMAGE ARGS… / Kubernetes args
    ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile());
    Map<String, String> env = builder.environment();
    env.keySet()
        .removeIf(
            k ->
                k.equals("SPAN_STORAGE_TYPE")
                    || k.startsWith("ES_")
                    || k.equals("JDK_JAVA_OPTIONS")
                    || k.equals("JAVA_TOOL_OPTIONS"));
    Path runtimeJava = Path.of(java());
    env.put("PATH", runtimeJava.getParent() + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    // The JAVA_OPTS hook: the admin port arrives only through it.
    env.put("JAVA_OPTS", "-Dmanagement.server.port=" + adminPort + " -Xss1m");
    Path log = work.resolve("sightline.log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());

    Process process = builder.start();
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      Map<String, Object> values = HelmChart.readYaml(HelmChart.DIR.resolve("values.yaml"));
      Node probes = Node.root(values).get("probes");
      String liveness = probes.get("liveness", "path").str();
      String readiness = probes.get("readiness", "path").str();

      // The chart's probe paths, on the admin port, as the kubelet would call them.
      HttpResponse<String> live = awaitResponse(client, adminPort, liveness, process, log);
      assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
      assertThat(live.body()).contains("\"status\":\"UP\"");
      // The shell exec'd itself into java: in a container, java is PID 1 and gets SIGTERM.
      ProcessHandle.Info info = process.info();
      assertThat(info.command().map(Path::of).map(Path::getFileName).map(Path::toString))
          .as("process %d (%s)", process.pid(), info.commandLine().orElse("?"))
          .contains("java");
      List<String> arguments = List.of(info.arguments().orElse(new String[0]));
      assertThat(arguments)
          .containsSubsequence(
              "-XX:MaxRAMPercentage=75.0",
              "-Dmanagement.server.port=" + adminPort,
              DockerfileTest.LAUNCHER,
              "--server.port=" + httpPort);

      // Like the kubelet, probe again until ready: the embedded store is seeded before the
      // application accepts traffic.
      HttpResponse<String> ready = awaitResponse(client, adminPort, readiness, process, log);
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      // The UI/API port answers HTTP.
      HttpResponse<String> ui = get(client, httpPort, "/");
      assertThat(ui.statusCode()).isBetween(200, 499);

      process.destroy(); // SIGTERM, as docker stop / the kubelet send it
      assertThat(process.waitFor(40, TimeUnit.SECONDS)).as("stopped within 40 s").isTrue();
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as(output).isEqualTo(143); // 128 + SIGTERM
      assertThat(output).contains("Commencing graceful shutdown", "Graceful shutdown complete");
    } finally {
      process.destroyForcibly();
    }
  }

  /** Runs the Dockerfile's extraction command, with this build's jar and a local destination. */
  private static void extractAsTheDockerfileDoes(Path destination) throws Exception {
    List<String> words = new ArrayList<>(dockerfile.extractCommand(dockerfile.stage("build")));
    assertThat(words.get(0)).isEqualTo("java");
    words.set(0, java());
    words.set(words.indexOf("-jar") + 1, jar.toString());
    words.set(words.indexOf("--destination") + 1, destination.toString());
    run(words);
    for (String layer : copiedLayers()) {
      assertThat(destination.resolve(layer)).as("layer %s", layer).isDirectory();
    }
  }

  /** COPY --from=build <layer>/ ./ for each layer in order, into the WORKDIR. */
  private static void stackLayersAsTheDockerfileDoes(Path layers, Path app) throws IOException {
    Map<Path, String> owner = new HashMap<>();
    for (String layer : copiedLayers()) {
      Path source = layers.resolve(layer);
      try (Stream<Path> tree = Files.walk(source)) {
        for (Path file : (Iterable<Path>) tree::iterator) {
          Path relative = source.relativize(file);
          Path target = app.resolve(relative.toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(target);
            continue;
          }
          // Layers must be disjoint: a later COPY silently overwriting a file would hide a bug.
          String previous = owner.put(relative, layer);
          assertThat(previous).as("%s in both %s and %s", relative, previous, layer).isNull();
          Files.copy(file, target);
        }
      }
    }
  }

  private static HttpResponse<String> awaitResponse(
      HttpClient client, int port, String path, Process process, Path log) throws Exception {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "Sightline exited with "
                + process.exitValue()
                + ":\n"
                + Files.readString(log, StandardCharsets.UTF_8));
      }
      try {
        HttpResponse<String> response = get(client, port, path);
        // 503: still starting (liveness is BROKEN until started, readiness REFUSING until ready).
        if (response.statusCode() != 503) {
          return response;
        }
      } catch (IOException notYetListening) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "no answer but 503 on port " + port + " within " + STARTUP + ":\n" + Files.readString(log));
  }

  private static HttpResponse<String> get(HttpClient client, int port, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("%s:\n%s", command, output).isZero();
    return output;
  }

  /**
   * The java to run the layout with: a JDK of the runtime image's major version when this machine
   * has one (the image's {@code eclipse-temurin:NN-jre}), otherwise the JDK running the tests.
   * {@code -Dsightline.it.java.home} overrides both.
   */
  private static String java() {
    return java;
  }

  private static Path findJava() {
    String configured = System.getProperty("sightline.it.java.home");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Matcher major = Pattern.compile(":(\\d+)-jre").matcher(dockerfile.runtime().image());
    if (major.find()) {
      Optional<Path> sameMajor = jdkOfMajor(major.group(1));
      if (sameMajor.isPresent()) {
        return sameMajor.get();
      }
    }
    return Path.of(System.getProperty("java.home"));
  }

  private static Optional<Path> jdkOfMajor(String major) {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    Pattern version = Pattern.compile("^JAVA_VERSION=\"" + Pattern.quote(major) + "[.\"]");
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes
          .sorted()
          .filter(home -> Files.isExecutable(home.resolve("bin/java")))
          .filter(
              home -> {
                try {
                  Path release = home.resolve("release");
                  return Files.isRegularFile(release)
                      && Files.readAllLines(release).stream()
                          .anyMatch(line -> version.matcher(line).find());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
