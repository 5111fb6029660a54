package io.sightline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.deploy.Dockerfile.Instruction;
import io.sightline.deploy.Dockerfile.Stage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile's promises, checked statically (there is no Docker engine in CI). {@link
 * ContainerLayoutIT} checks the layer names against the packaged jar and runs the ENTRYPOINT.
 */
class DockerfileTest {

  /** The class Spring Boot's launcher starts from an extracted layout. */
  static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

  private final Dockerfile dockerfile = Dockerfile.read();

  @Test
  void buildsOnAJdk17AndRunsOnAJre() {
    assertThat(dockerfile.stages()).hasSize(2);
    Stage build = dockerfile.stage("build");
    assertThat(build.image()).startsWith("eclipse-temurin:17-jdk");
    assertThat(dockerfile.runtime().image()).matches("eclipse-temurin:\\d+-jre(-\\w+)?");
    assertThat(dockerfile.runtime().image()).doesNotContain("latest");
  }

  @Test
  void buildsWithTheWrapperAndACachedRepository() {
    Instruction run = dockerfile.stage("build").all("RUN").get(0);
    assertThat(run.flags()).containsEntry("mount", "type=cache,target=/root/.m2");
    assertThat(run.arguments()).startsWith("./mvnw ").contains(" package ");
  }

  @Test
  void extractsTheLayersWithTheLauncher() {
    List<String> extract = dockerfile.extractCommand(dockerfile.stage("build"));
    assertThat(extract.subList(0, 3)).containsExactly("java", "-Djarmode=tools", "-jar");
    assertThat(extract).contains("extract", "--layers", "--launcher", "--destination");
  }

  @Test
  void copiesOnlyExtractedLayersIntoTheWorkdir() {
    String destination =
        Dockerfile.optionValue(
            dockerfile.extractCommand(dockerfile.stage("build")), "--destination");
    Stage runtime = dockerfile.runtime();
    assertThat(runtime.last("WORKDIR").orElseThrow().arguments()).isEqualTo("/app");
    List<Instruction> copies = runtime.all("COPY");
    assertThat(copies).isNotEmpty();
    for (Instruction copy : copies) {
      assertThat(copy.flags()).containsEntry("from", "build");
      List<String> words = copy.words();
      assertThat(words).hasSize(2);
      assertThat(Path.of(words.get(0)).getParent()).isEqualTo(Path.of(destination));
      assertThat(words.get(0)).endsWith("/");
      assertThat(words.get(1)).isEqualTo("./");
    }
    assertThat(runtime.all("ADD")).isEmpty();
  }

  @Test
  void runsAsANumericNonRootUser() {
    String user = dockerfile.runtime().last("USER").orElseThrow().arguments();
    assertThat(user).matches("\\d+(:\\d+)?");
    for (String id : user.split(":", -1)) {
      assertThat(Integer.parseInt(id)).isGreaterThanOrEqualTo(1000);
    }
    // The chart runs the pod as the same user.
    Map<String, Object> values = HelmChart.readYaml(HelmChart.DIR.resolve("values.yaml"));
    Object podUser = ((Map<?, ?>) values.get("podSecurityContext")).get("runAsUser");
    assertThat(String.valueOf(podUser)).isEqualTo(user.split(":", -1)[0]);
  }

  @Test
  void exposesThePortsTheApplicationListensOn() {
    List<String> exposed =
        dockerfile.runtime().all("EXPOSE").stream().flatMap(i -> i.words().stream()).toList();
    Map<String, Object> config =
        HelmChart.readYaml(Path.of("src", "main", "resources", "application.yml"));
    Object serverPort = ((Map<?, ?>) config.get("server")).get("port");
    Object adminPort =
        ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) config.get("management")).get("server")))
            .get("port");
    Map<?, ?> sightline = (Map<?, ?>) config.get("sightline");
    Map<?, ?> otlp = (Map<?, ?>) ((Map<?, ?>) sightline.get("ingest")).get("otlp");
    Map<?, ?> query = (Map<?, ?>) ((Map<?, ?>) sightline.get("query")).get("grpc");
    String grpcQuery =
        String.valueOf(query.get("host-port")).replaceAll(".*:", "").replace("}", "");
    String grpc = String.valueOf(otlp.get("grpc-host-port")).replaceAll(".*:", "").replace("}", "");
    String http = String.valueOf(otlp.get("http-host-port")).replaceAll(".*:", "").replace("}", "");
    assertThat(exposed)
        .containsExactly(
            String.valueOf(serverPort), String.valueOf(adminPort), grpcQuery, grpc, http)
        .containsExactly("16686", "16687", "16685", "4317", "4318");
  }

  @Test
  void entrypointExecsJavaWithContainerAwareMemoryAndTheJavaOptsHook() {
    List<String> entrypoint = dockerfile.runtime().last("ENTRYPOINT").orElseThrow().execForm();
    assertThat(entrypoint).hasSize(4);
    assertThat(entrypoint.subList(0, 2)).containsExactly("/bin/sh", "-c");
    List<String> script = List.of(entrypoint.get(2).split("\\s+"));
    // The shell replaces itself with java (PID 1, receives SIGTERM).
    int exec = script.indexOf("exec");
    assertThat(exec).isNotNegative();
    assertThat(script.get(exec + 1)).isEqualTo("java");
    int heap = script.indexOf("-XX:MaxRAMPercentage=75.0");
    int hook = script.indexOf("$JAVA_OPTS");
    int main = script.indexOf(LAUNCHER);
    assertThat(script).contains("-XX:+ExitOnOutOfMemoryError");
    // Defaults first, so that JAVA_OPTS can override them; options before the main class.
    assertThat(heap).isGreaterThan(exec).isLessThan(hook);
    assertThat(hook).isLessThan(main);
    assertThat(script.get(script.size() - 1)).isEqualTo("\"$@\"");
    assertThat(main).isEqualTo(script.size() - 2);
  }
}
