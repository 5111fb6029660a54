package io.sightline.deploy;

import static io.sightline.deploy.ChartAssertions.assertConsistent;
import static io.sightline.deploy.Manifests.containerPort;
import static io.sightline.deploy.Manifests.labels;
import static io.sightline.deploy.Manifests.name;
import static io.sightline.deploy.Manifests.podTemplate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Helm chart, linted and rendered by a real Helm (helm-java), the output parsed into objects.
 */
class HelmChartTest {

  static List<Path> valuesFiles() {
    return HelmChart.valuesFiles();
  }

  private static Node sightlineContainer(Manifests rendered) {
    return podTemplate(rendered.one("Deployment")).get("spec", "containers").require("sightline");
  }

  private static void assertLintClean(LintResult result) {
    assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
    // --strict already fails on warnings; INFO ("icon is recommended") is all that may remain.
    assertThat(result.getMessages()).allSatisfy(m -> assertThat(m).startsWith("[INFO]"));
  }

  @Test
  void theExampleAndCiValuesFilesAreAllThere() {
    assertThat(valuesFiles())
        .map(p -> HelmChart.DIR.relativize(p).toString().replace('\\', '/'))
        .contains(
            "examples/seed-values.yaml",
            "ci/ingress-values.yaml",
            "ci/ha-values.yaml",
            "ci/dependencies-values.yaml");
  }

  @Test
  void lintsStrictlyWithDefaultValues() {
    assertLintClean(HelmChart.lint());
  }

  @ParameterizedTest
  @MethodSource("valuesFiles")
  void lintsStrictlyWithEveryValuesFile(Path valuesFile, @TempDir Path work) {
    assertLintClean(HelmChart.lint(valuesFile, work));
  }

  @Test
  void lintFailsOnValuesOfTheWrongType(@TempDir Path work) throws IOException {
    Path bad = work.resolve("bad.yaml");
    Files.writeString(bad, "replicaCount: two\n", StandardCharsets.UTF_8);
    LintResult result = HelmChart.lint(bad, Files.createDirectories(work.resolve("chart")));
    assertThat(result.isFailed()).isTrue();
    assertThat(result.getMessages()).anySatisfy(m -> assertThat(m).contains("replicaCount"));
  }

  @Test
  void defaultsRenderTheEmbeddedStoreAndNothingOptional() {
    Manifests rendered = HelmChart.template(Map.of());
    assertConsistent(rendered);
    assertThat(rendered.kinds())
        .containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Service", "Deployment");

    Node deployment = rendered.one("Deployment");
    assertThat(name(deployment)).isEqualTo("obs-sightline");
    assertThat(deployment.get("spec", "replicas").integer()).isEqualTo(1);
    Node container = sightlineContainer(rendered);
    Map<String, Object> chart = HelmChart.readYaml(HelmChart.DIR.resolve("Chart.yaml"));
    assertThat(container.get("image").str()).isEqualTo("sightline:" + chart.get("appVersion"));
    // No SPAN_STORAGE_TYPE: Sightline starts its embedded demo store; no password anywhere.
    assertThat(rendered.effectiveEnv(container)).isEmpty();
    assertThat(container.get("args").exists()).isFalse();
    assertThat(rendered.one("ServiceAccount").get("automountServiceAccountToken").bool()).isFalse();
  }

  @Test
  void servesHttpAdminGrpcQueryAndOtlpPortsWithTheEmbeddedStore() {
    Manifests rendered = HelmChart.template(Map.of());
    Node container = sightlineContainer(rendered);
    assertThat(container.get("ports").items())
        .extracting(p -> p.get("name").str(), p -> p.get("containerPort").integer())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("http", 16686),
            org.assertj.core.groups.Tuple.tuple("admin", 16687),
            org.assertj.core.groups.Tuple.tuple("grpc", 16685),
            org.assertj.core.groups.Tuple.tuple("otlp-grpc", 4317),
            org.assertj.core.groups.Tuple.tuple("otlp-http", 4318));
    assertThat(rendered.one("Service").get("spec", "ports").items())
        .extracting(p -> p.get("name").str(), p -> p.get("port").integer())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("http", 16686),
            org.assertj.core.groups.Tuple.tuple("admin", 16687),
            org.assertj.core.groups.Tuple.tuple("grpc", 16685),
            org.assertj.core.groups.Tuple.tuple("otlp-grpc", 4317),
            org.assertj.core.groups.Tuple.tuple("otlp-http", 4318));
  }

  @Test
  void otlpPortsFollowTheIngestSwitch() {
    Manifests elasticsearch = HelmChart.template(Map.of("storageType", "elasticsearch"));
    assertThat(elasticsearch.one("Service").get("spec", "ports").items())
        .extracting(p -> p.get("name").str())
        .containsExactly("http", "admin", "grpc");
    Manifests forced =
        HelmChart.template(Map.of("storageType", "elasticsearch", "otlp.enabled", "true"));
    assertThat(forced.one("Service").get("spec", "ports").items())
        .extracting(p -> p.get("name").str())
        .containsExactly("http", "admin", "grpc", "otlp-grpc", "otlp-http");
    assertThat(forced.effectiveEnv(sightlineContainer(forced)))
        .containsEntry("COLLECTOR_OTLP_ENABLED", "true");
    Manifests off = HelmChart.template(Map.of("otlp.enabled", "false"));
    assertThat(sightlineContainer(off).get("ports").items())
        .extracting(p -> p.get("name").str())
        .containsExactly("http", "admin", "grpc");
  }

  @Test
  void probesUseActuatorAvailabilityGroupsOnTheAdminPort() {
    Node container =
        sightlineContainer(HelmChart.template(Map.of("ports.admin", 17687, "ports.http", 17686)));
    assertThat(container.get("livenessProbe", "httpGet", "path").str())
        .isEqualTo("/actuator/health/liveness");
    assertThat(container.get("readinessProbe", "httpGet", "path").str())
        .isEqualTo("/actuator/health/readiness");
    assertThat(container.get("startupProbe", "httpGet", "path").str())
        .isEqualTo("/actuator/health/liveness");
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      Object port = container.get(probe, "httpGet", "port").value();
      assertThat(containerPort(container, port)).as(probe).isEqualTo(17687);
    }
    // Start-up may take up to a minute before liveness takes over.
    Node startup = container.get("startupProbe");
    assertThat(startup.get("periodSeconds").integer() * startup.get("failureThreshold").integer())
        .isGreaterThanOrEqualTo(60);
  }

  @Test
  void podAndContainerRunLockedDown() {
    Manifests rendered = HelmChart.template(Map.of());
    Node pod = podTemplate(rendered.one("Deployment")).get("spec");
    Node container = sightlineContainer(rendered);

    assertThat(pod.get("securityContext", "runAsNonRoot").bool()).isTrue();
    assertThat(pod.get("securityContext", "runAsUser").integer()).isEqualTo(10001);
    assertThat(pod.get("securityContext", "seccompProfile", "type").str())
        .isEqualTo("RuntimeDefault");
    Node security = container.get("securityContext");
    assertThat(security.get("readOnlyRootFilesystem").bool()).isTrue();
    assertThat(security.get("allowPrivilegeEscalation").bool()).isFalse();
    assertThat(security.get("runAsNonRoot").bool()).isTrue();
    assertThat(security.get("capabilities", "drop").items())
        .extracting(Node::str)
        .containsExactly("ALL");
    // A read-only root filesystem needs a writable /tmp (Tomcat, JVM).
    Node tmpMount = container.get("volumeMounts").require("tmp");
    assertThat(tmpMount.get("mountPath").str()).isEqualTo("/tmp");
    assertThat(pod.get("volumes").require("tmp").get("emptyDir").exists()).isTrue();
  }

  @Test
  void resourcesSchedulingAndGracePeriodComeFromValues() {
    Manifests rendered =
        HelmChart.template(
            Map.of(
                "resources.limits.cpu",
                "1500m",
                "nodeSelector.disk",
                "ssd",
                "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight",
                100,
                "terminationGracePeriodSeconds",
                45));
    Node pod = podTemplate(rendered.one("Deployment")).get("spec");
    assertThat(sightlineContainer(rendered).get("resources", "limits").strings())
        .containsEntry("cpu", "1500m")
        .containsEntry("memory", "1Gi");
    assertThat(pod.get("nodeSelector").strings()).containsEntry("disk", "ssd");
    assertThat(pod.get("affinity", "podAntiAffinity").exists()).isTrue();
    assertThat(pod.get("terminationGracePeriodSeconds").integer()).isEqualTo(45);
  }

  @Test
  void theUiConfigIsMountedAsTheFileQueryUiConfigNames(@TempDir Path work) throws IOException {
    String json =
        "{\"menu\":[{\"label\":\"Runbooks\",\"url\":\"https://wiki.example/runbooks\"}],"
            + " \"search\":{\"maxLimit\":500}}";
    Manifests rendered = HelmChart.template(List.of(uiConfigValues(work, json)), Map.of());

    Node configMap =
        rendered.all("ConfigMap").stream()
            .filter(c -> name(c).endsWith("-ui"))
            .findFirst()
            .orElseThrow();
    String mounted = configMap.get("data", "ui-config.json").str();
    assertThat(mounted).isEqualTo(json);
    assertThat(io.sightline.web.UiConfig.parse(mounted).maxLimit()).isEqualTo(500);
    Node container = sightlineContainer(rendered);
    assertThat(rendered.effectiveEnv(container))
        .containsEntry("QUERY_UI_CONFIG", "/etc/sightline/ui/ui-config.json");
    assertThat(container.get("volumeMounts").require("ui-config").get("mountPath").str())
        .isEqualTo("/etc/sightline/ui");
    Node pod = podTemplate(rendered.one("Deployment"));
    assertThat(pod.get("spec", "volumes").require("ui-config").get("configMap", "name").str())
        .isEqualTo(name(configMap));
    // Another file rolls the pods; no file, no ConfigMap, mount or variable.
    String checksum = pod.get("metadata", "annotations", "checksum/ui-config").str();
    Manifests other = HelmChart.template(List.of(uiConfigValues(work, "{\"menu\":[]}")), Map.of());
    assertThat(
            podTemplate(other.one("Deployment"))
                .get("metadata", "annotations", "checksum/ui-config")
                .str())
        .isNotEqualTo(checksum);
    Manifests none = HelmChart.template(Map.of());
    assertThat(none.all("ConfigMap")).extracting(Manifests::name).noneMatch(n -> n.endsWith("-ui"));
    assertThat(none.effectiveEnv(sightlineContainer(none))).doesNotContainKey("QUERY_UI_CONFIG");
  }

  private static Path uiConfigValues(Path work, String json) throws IOException {
    Path file = Files.createTempFile(work, "ui", ".yaml");
    Files.writeString(
        file, "query:\n  uiConfig: '" + json.replace("'", "''") + "'\n", StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void theConfigChecksumChangesExactlyWhenTheConfigMapDoes() {
    String base = checksum(HelmChart.template(Map.of("env.ES_INDEX_PREFIX", "a")));
    assertThat(base).matches("[0-9a-f]{64}");
    assertThat(checksum(HelmChart.template(Map.of("env.ES_INDEX_PREFIX", "a")))).isEqualTo(base);
    assertThat(checksum(HelmChart.template(Map.of("env.ES_INDEX_PREFIX", "b")))).isNotEqualTo(base);
    // A change outside the ConfigMap rolls the pods by itself and leaves the checksum alone.
    assertThat(checksum(HelmChart.template(Map.of("env.ES_INDEX_PREFIX", "a", "replicaCount", 3))))
        .isEqualTo(base);
  }

  private static String checksum(Manifests rendered) {
    return podTemplate(rendered.one("Deployment"))
        .get("metadata", "annotations", "checksum/config")
        .str();
  }

  @ParameterizedTest
  @MethodSource("valuesFiles")
  void everyValuesFileRendersConsistentObjects(Path valuesFile) {
    assertConsistent(HelmChart.template(valuesFile));
  }

  @Test
  void ingressValuesRenderAnIngressAndAChartOwnedPasswordSecret() {
    Manifests rendered = HelmChart.template(HelmChart.DIR.resolve("ci/ingress-values.yaml"));
    assertThat(rendered.kinds()).contains("Ingress", "Secret").doesNotContain("IngressRoute");

    Node ingress = rendered.one("Ingress");
    assertThat(ingress.get("spec", "ingressClassName").str()).isEqualTo("nginx");
    Node rule = ingress.get("spec", "rules").items().get(0);
    assertThat(rule.get("host").str()).isEqualTo("traces.example.com");
    Node path = rule.get("http", "paths").items().get(0);
    assertThat(path.get("path").str()).isEqualTo("/jaeger");
    assertThat(path.get("backend", "service", "port", "name").str()).isEqualTo("http");
    assertThat(ingress.get("spec", "tls").items().get(0).get("secretName").str())
        .isEqualTo("traces-example-tls");

    Node container = sightlineContainer(rendered);
    Map<String, Object> env = rendered.effectiveEnv(container);
    assertThat(env)
        .containsEntry("SPAN_STORAGE_TYPE", "opensearch")
        .containsEntry("QUERY_BASE_PATH", "/jaeger")
        .containsEntry("ES_INDEX_PREFIX", "prod")
        .containsEntry("ES_USE_ALIASES", "true")
        .containsEntry("ES_MAX_DOC_COUNT", "10000")
        .containsEntry("JAVA_OPTS", "-XX:MaxRAMPercentage=60.0")
        .containsKey("POD_NAME")
        .doesNotContainKeys("ES_TLS_ENABLED", "ES_TLS_CA");

    Node secret = rendered.one("Secret");
    Node passwordRef = container.get("env").require("ES_PASSWORD").get("valueFrom", "secretKeyRef");
    assertThat(passwordRef.get("name").str()).isEqualTo(name(secret));
    String encoded = secret.get("data", passwordRef.get("key").str()).str();
    assertThat(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8))
        .isEqualTo("not-a-real-password");
    // The password is in the Secret only, never in the ConfigMap.
    assertThat(rendered.one("ConfigMap").get("data").strings().values())
        .doesNotContain("not-a-real-password");
    assertThat(podTemplate(rendered.one("Deployment")).get("metadata", "annotations").entries())
        .containsKey("checksum/secret");
  }

  @Test
  void haValuesRenderAutoscalingADisruptionBudgetAndSpread() {
    Manifests rendered = HelmChart.template(HelmChart.DIR.resolve("ci/ha-values.yaml"));
    Node hpa = rendered.one("HorizontalPodAutoscaler");
    assertThat(hpa.get("apiVersion").str()).isEqualTo("autoscaling/v2");
    assertThat(hpa.get("spec", "minReplicas").integer()).isEqualTo(2);
    assertThat(hpa.get("spec", "maxReplicas").integer()).isEqualTo(6);
    assertThat(hpa.get("spec", "metrics").items())
        .extracting(
            m -> m.get("resource", "name").str(),
            m -> m.get("resource", "target", "averageUtilization").integer())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cpu", 70),
            org.assertj.core.groups.Tuple.tuple("memory", 80));

    Node pdb = rendered.one("PodDisruptionBudget");
    assertThat(pdb.get("apiVersion").str()).isEqualTo("policy/v1");
    assertThat(pdb.get("spec", "minAvailable").integer()).isEqualTo(1);
    assertThat(pdb.get("spec", "maxUnavailable").exists()).isFalse();

    Node deployment = rendered.one("Deployment");
    Node pod = podTemplate(deployment).get("spec");
    Node spread = pod.get("topologySpreadConstraints").items().get(0);
    assertThat(spread.get("topologyKey").str()).isEqualTo("topology.kubernetes.io/zone");
    assertThat(spread.get("labelSelector", "matchLabels").strings())
        .isEqualTo(deployment.get("spec", "selector", "matchLabels").strings());
    assertThat(pod.get("tolerations").items().get(0).get("key").str()).isEqualTo("dedicated");
    assertThat(pod.get("priorityClassName").str()).isEqualTo("observability");
    Node container = sightlineContainer(rendered);
    assertThat(container.get("image").str())
        .isEqualTo(
            "registry.example.com/observability/sightline@sha256:"
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    assertThat(container.get("lifecycle", "preStop", "sleep", "seconds").integer()).isEqualTo(5);
  }

  @Test
  void aDisruptionBudgetWithoutSettingsAllowsOnePodDown() {
    Node pdb =
        HelmChart.template(Map.of("podDisruptionBudget.enabled", true)).one("PodDisruptionBudget");
    assertThat(pdb.get("spec", "maxUnavailable").integer()).isEqualTo(1);
    assertThat(pdb.get("spec", "minAvailable").exists()).isFalse();
  }

  @Test
  void dependenciesValuesRenderADailyCronJobWithTheSameStorageAccess() {
    Manifests rendered = HelmChart.template(HelmChart.DIR.resolve("ci/dependencies-values.yaml"));
    Node cronJob = rendered.one("CronJob");
    assertThat(cronJob.get("apiVersion").str()).isEqualTo("batch/v1");
    assertThat(cronJob.get("spec", "schedule").str()).isEqualTo("10 0 * * *");
    assertThat(cronJob.get("spec", "timeZone").str()).isEqualTo("Etc/UTC");
    assertThat(cronJob.get("spec", "concurrencyPolicy").str()).isEqualTo("Forbid");
    assertThat(labels(cronJob)).containsEntry("app.kubernetes.io/component", "dependencies");

    Node pod = podTemplate(cronJob).get("spec");
    assertThat(pod.get("restartPolicy").str()).isEqualTo("OnFailure");
    Node job = pod.get("containers").require("dependencies");
    assertThat(job.get("image").str())
        .isEqualTo("ghcr.io/jaegertracing/spark-dependencies/spark-dependencies:latest");
    Map<String, Object> env = rendered.effectiveEnv(job);
    assertThat(env)
        .containsEntry("STORAGE", "elasticsearch")
        .containsEntry("ES_NODES", "https://elasticsearch-client.elasticsearch.svc:9200")
        .containsEntry("ES_SERVER_URLS", "https://elasticsearch-client.elasticsearch.svc:9200")
        .containsEntry("ES_TLS_CA", "/es-tls/ca.crt");
    assertThat(job.get("env").require("ES_PASSWORD").get("valueFrom", "secretKeyRef").strings())
        .containsEntry("name", "jaeger-elasticsearch")
        .containsEntry("key", "password");
    Node caMount = job.get("volumeMounts").require("es-tls-ca");
    assertThat(caMount.get("mountPath").str()).isEqualTo("/es-tls/ca.crt");
    assertThat(pod.get("volumes").require("es-tls-ca").get("secret", "secretName").str())
        .isEqualTo("es-tls-secret");
    assertThat(job.get("resources", "limits", "memory").str()).isEqualTo("2Gi");
  }

  @Test
  void elasticsearchStorageGetsSightlinesOwnDependenciesJobByDefault() {
    Manifests rendered =
        HelmChart.template(
            Map.of(
                "storageType",
                "opensearch",
                "elasticsearch.serverUrls",
                "http://opensearch:9200",
                "image.tag",
                "1.2.3"));
    Node cronJob = rendered.one("CronJob");
    assertThat(cronJob.get("spec", "schedule").str()).isEqualTo("10 0 * * *");
    assertThat(cronJob.get("spec", "concurrencyPolicy").str()).isEqualTo("Forbid");
    Node job = podTemplate(cronJob).get("spec", "containers").require("dependencies");
    Node server = podTemplate(rendered.one("Deployment")).get("spec", "containers").items().get(0);
    assertThat(job.get("image").str()).isEqualTo(server.get("image").str()).endsWith(":1.2.3");
    assertThat(job.get("args").items()).extracting(Node::str).containsExactly("dependencies");
    assertThat(rendered.effectiveEnv(job))
        .containsEntry("SPAN_STORAGE_TYPE", "opensearch")
        .containsEntry("ES_SERVER_URLS", "http://opensearch:9200");

    assertThat(HelmChart.template(Map.of()).all("CronJob")).as("embedded store").isEmpty();
    assertThat(
            HelmChart.template(
                    Map.of(
                        "storageType",
                        "elasticsearch",
                        "elasticsearch.serverUrls",
                        "http://es:9200",
                        "dependencies.enabled",
                        false))
                .all("CronJob"))
        .isEmpty();
  }

  @Test
  void theIngressRouteFollowsTheServicePort() {
    Manifests rendered =
        HelmChart.template(
            Map.of(
                "ingressRoute.enabled",
                true,
                "ingressRoute.match",
                "Host(`traces.example.com`)",
                "service.ports.http",
                80));
    Node target =
        rendered
            .one("IngressRoute")
            .get("spec", "routes")
            .items()
            .get(0)
            .get("services")
            .items()
            .get(0);
    assertThat(target.get("port").integer()).isEqualTo(80);
    Node servicePort = rendered.one("Service").get("spec", "ports").require("http");
    assertThat(servicePort.get("port").integer()).isEqualTo(80);
    // …and the Service still delivers to the container's UI port.
    assertThat(containerPort(sightlineContainer(rendered), servicePort.get("targetPort").value()))
        .isEqualTo(16686);
  }

  @Test
  void longReleaseNamesAreTruncatedToKubernetesLimits() {
    // Helm's longest release name (53); with "-sightline" the full name needs truncating.
    String release = "a-long-release-name-".repeat(3).substring(0, 53);
    Manifests rendered =
        Manifests.parse(
            HelmChart.templateText(
                release,
                List.of(HelmChart.DIR.resolve("ci/dependencies-values.yaml")),
                Map.of("elasticsearch.existingSecret", "", "elasticsearch.password", "x")));
    for (Node object : rendered.all()) {
      assertThat(name(object).length()).as(name(object)).isLessThanOrEqualTo(63);
      assertThat(name(object)).doesNotEndWith("-");
      labels(object).values().forEach(v -> assertThat(v.length()).isLessThanOrEqualTo(63));
    }
    assertThat(name(rendered.one("CronJob")).length()).isLessThanOrEqualTo(52);
    assertThat(name(rendered.one("CronJob"))).endsWith("-dependencies");
    assertThat(name(rendered.one("Secret"))).endsWith("-elasticsearch");
  }

  @Test
  void theNotesTellHowToReachTheUiAndWarnAboutTheDemoStore() {
    String defaults = HelmChart.notes(List.of());
    assertThat(defaults)
        .contains("port-forward svc/obs-sightline 16686:16686")
        .contains("embedded in-memory demo store");
    String seed = HelmChart.notes(List.of(HelmChart.DIR.resolve("examples/seed-values.yaml")));
    assertThat(seed)
        .contains("Host(`jaeger.cuiliangblog.cn`)")
        .contains("svc/jaeger-query")
        .doesNotContain("demo store");
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("replicaCount", "three", "replicaCount"),
        Arguments.of("ports.admin", 70000, "ports.admin"),
        Arguments.of("storageType", "cassandra", "storageType"),
        Arguments.of("elasticsearch.tls.enabled", "yes", "elasticsearch.tls.enabled"),
        Arguments.of("elasticsearch.tls.caMountPath", "relative/ca.crt", "caMountPath"),
        Arguments.of("query.basePath", "jaeger", "query.basePath"),
        Arguments.of("replicas", 2, "replicas"),
        Arguments.of("service.type", "Headless", "service.type"),
        Arguments.of("podDisruptionBudget.maxUnavailable", "half", "maxUnavailable"),
        Arguments.of("image.digest", "latest", "image.digest"));
  }

  @ParameterizedTest
  @MethodSource("badValues")
  void theSchemaRejectsBadValues(String key, Object value, String reported) {
    assertThatThrownBy(() -> HelmChart.template(Map.of(key, value)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("schema")
        .hasMessageContaining(reported);
  }

  @Test
  void theSchemaRejectsNonScalarEnvironmentValues(@TempDir Path work) throws IOException {
    Path values = work.resolve("values.yaml");
    Files.writeString(
        values, "env:\n  ES_SERVER_URLS:\n    - a\n    - b\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> HelmChart.template(values))
        .hasMessageContaining("schema")
        .hasMessageContaining("ES_SERVER_URLS");
  }

  @Test
  void requiredSettingsFailWithAnExplanation() {
    assertThatThrownBy(() -> HelmChart.template(Map.of("ingressRoute.enabled", true)))
        .hasMessageContaining("ingressRoute.match is required");
    assertThatThrownBy(
            () ->
                HelmChart.template(
                    Map.of(
                        "dependencies.enabled",
                        true,
                        "dependencies.image.repository",
                        "ghcr.io/jaegertracing/spark-dependencies/spark-dependencies")))
        .hasMessageContaining("dependencies.image.tag is required");
    assertThatThrownBy(
            () ->
                HelmChart.template(
                    Map.of(
                        "podDisruptionBudget.enabled", true,
                        "podDisruptionBudget.minAvailable", 1,
                        "podDisruptionBudget.maxUnavailable", 1)))
        .hasMessageContaining("not both");
  }
}
