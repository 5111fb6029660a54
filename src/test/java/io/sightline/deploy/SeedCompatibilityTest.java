package io.sightline.deploy;

import static io.sightline.deploy.Manifests.containerPort;
import static io.sightline.deploy.Manifests.name;
import static io.sightline.deploy.Manifests.podTemplate;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed setup (jaeger chart 3.4.1, Elasticsearch over TLS with a private CA and basic auth,
 * Traefik in front) with Sightline's image in place of jaeger-query: the chart with {@code
 * examples/seed-values.yaml} must hand the container exactly the environment, Secret references, CA
 * file and ports that jaeger-query had there. The reference is that jaeger-query Deployment and
 * Service, kept verbatim in {@code seed-jaeger-query.yaml}.
 */
class SeedCompatibilityTest {

  private static Manifests seed;
  private static Manifests rendered;
  private static Node seedContainer;
  private static Node container;

  @BeforeAll
  static void render() {
    try (InputStream in =
        SeedCompatibilityTest.class.getResourceAsStream("seed-jaeger-query.yaml")) {
      seed = Manifests.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    seedContainer =
        podTemplate(seed.one("Deployment")).get("spec", "containers").require("jaeger-query");
    rendered = HelmChart.template(HelmChart.DIR.resolve("examples/seed-values.yaml"));
    container =
        podTemplate(rendered.one("Deployment")).get("spec", "containers").require("sightline");
  }

  @Test
  void theEnvironmentIsExactlyTheSeeds() {
    Map<String, Object> expected = new HashMap<>();
    for (Node variable : seedContainer.get("env").items()) {
      Node valueFrom = variable.get("valueFrom");
      expected.put(
          variable.get("name").str(),
          valueFrom.exists() ? valueFrom.value() : variable.get("value").str());
    }
    // Spelled out as well, so that a change to the reference file cannot go unnoticed.
    assertThat(expected)
        .containsOnlyKeys(
            "SPAN_STORAGE_TYPE",
            "ES_SERVER_URLS",
            "ES_TLS_SKIP_HOST_VERIFY",
            "ES_USERNAME",
            "ES_PASSWORD",
            "ES_TLS_ENABLED",
            "ES_TLS_CA",
            "QUERY_BASE_PATH",
            "JAEGER_AGENT_PORT");

    assertThat(rendered.effectiveEnv(container)).isEqualTo(expected);
  }

  @Test
  void thePasswordComesFromTheJaegerChartsSecret() {
    Node ref = container.get("env").require("ES_PASSWORD").get("valueFrom", "secretKeyRef");
    assertThat(ref.strings())
        .containsEntry("name", "jaeger-elasticsearch")
        .containsEntry("key", "password");
    // The Secret already exists (the jaeger chart keeps it); this chart must not create one.
    assertThat(rendered.all("Secret")).isEmpty();
  }

  @Test
  void theCaCertificateIsMountedWhereEsTlsCaPoints() {
    Node seedMount = seedContainer.get("volumeMounts").items().get(0);
    String seedSecret =
        podTemplate(seed.one("Deployment"))
            .get("spec", "volumes")
            .require(seedMount.get("name").str())
            .get("secret", "secretName")
            .str();

    Node mount =
        container.get("volumeMounts").items().stream()
            .filter(m -> m.get("mountPath").str().equals(seedMount.get("mountPath").str()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no mount at " + seedMount));
    assertThat(mount.get("subPath").str()).isEqualTo(seedMount.get("subPath").str());
    assertThat(mount.get("readOnly").bool()).isTrue();
    Node volume =
        podTemplate(rendered.one("Deployment"))
            .get("spec", "volumes")
            .require(mount.get("name").str());
    assertThat(volume.get("secret", "secretName").str()).isEqualTo(seedSecret);
    // The key is listed, so a Secret without it fails the pod loudly instead of mounting an
    // empty directory at the subPath.
    assertThat(volume.get("secret", "items").items())
        .extracting(i -> i.get("key").str(), i -> i.get("path").str())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                mount.get("subPath").str(), mount.get("subPath").str()));

    assertThat(rendered.effectiveEnv(container).get("ES_TLS_CA"))
        .isEqualTo(mount.get("mountPath").str())
        .isEqualTo("/es-tls/ca.crt");
  }

  @Test
  void thePortsAreJaegerQuerys() {
    Map<String, Integer> seedPorts =
        seedContainer.get("ports").items().stream()
            .collect(
                Collectors.toMap(p -> p.get("name").str(), p -> p.get("containerPort").integer()));
    assertThat(seedPorts).containsEntry("grpc", 16685);
    Set<Integer> ours =
        container.get("ports").items().stream()
            .map(p -> p.get("containerPort").integer())
            .collect(Collectors.toSet());
    assertThat(ours)
        .containsExactlyInAnyOrder(
            seedPorts.get("query"), seedPorts.get("grpc"), seedPorts.get("admin"));

    // jaeger-query's probes hit the admin port; so do Sightline's (with Actuator's paths).
    for (String probe : List.of("livenessProbe", "readinessProbe")) {
      int seedPort =
          containerPort(seedContainer, seedContainer.get(probe, "httpGet", "port").value());
      int port = containerPort(container, container.get(probe, "httpGet", "port").value());
      assertThat(port).as(probe).isEqualTo(seedPort).isEqualTo(16687);
    }

    // The Service keeps the seed's admin port; in-cluster users of the UI port see
    // docs/DEPLOYMENT.md.
    Node seedAdmin = seed.one("Service").get("spec", "ports").require("admin");
    Node admin = rendered.one("Service").get("spec", "ports").require("admin");
    assertThat(admin.get("port").integer()).isEqualTo(seedAdmin.get("port").integer());
  }

  @Test
  void traefikRoutesTheWebEntryPointToTheUiPort() {
    Node route = rendered.one("IngressRoute");
    assertThat(route.get("apiVersion").str()).isEqualTo("traefik.io/v1alpha1");
    assertThat(route.get("spec", "entryPoints").items())
        .extracting(Node::str)
        .containsExactly("web");
    Node rule = route.get("spec", "routes").items().get(0);
    assertThat(rule.get("kind").str()).isEqualTo("Rule");
    assertThat(rule.get("match").str()).isEqualTo("Host(`jaeger.cuiliangblog.cn`)");
    Node target = rule.get("services").items().get(0);
    Node service = rendered.one("Service");
    assertThat(target.get("name").str()).isEqualTo(name(service)).isEqualTo("jaeger-query");
    // Same Service port as the seed's jaeger-query Service (80), which leads to the UI port.
    int seedQueryPort =
        seed.one("Service").get("spec", "ports").require("query").get("port").integer();
    assertThat(target.get("port").integer()).isEqualTo(seedQueryPort).isEqualTo(80);
    Node servicePort =
        service.get("spec", "ports").items().stream()
            .filter(p -> p.get("port").integer() == seedQueryPort)
            .findFirst()
            .orElseThrow();
    assertThat(containerPort(container, servicePort.get("targetPort").value())).isEqualTo(16686);
  }

  @Test
  void theSeedValuesAreConsistentAndLockedDown() {
    ChartAssertions.assertConsistent(rendered);
    assertThat(container.get("securityContext", "readOnlyRootFilesystem").bool()).isTrue();
    assertThat(name(rendered.one("Deployment"))).isEqualTo("jaeger-query");
  }
}
