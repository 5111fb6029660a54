package io.sightline.deploy;

import static io.sightline.deploy.Manifests.labels;
import static io.sightline.deploy.Manifests.name;
import static io.sightline.deploy.Manifests.podTemplate;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Invariants every render of the chart must keep, whatever the values. */
final class ChartAssertions {

  private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

  private ChartAssertions() {}

  static void assertConsistent(Manifests rendered) {
    Map<String, Object> chart = HelmChart.readYaml(HelmChart.DIR.resolve("Chart.yaml"));
    for (Node object : rendered.all()) {
      String name = name(object);
      assertThat(name).as("name of %s", object.get("kind").str()).matches(DNS_LABEL);
      assertThat(name.length()).as("length of %s", name).isLessThanOrEqualTo(63);
      Map<String, String> labels = labels(object);
      assertThat(labels)
          .as("standard labels of %s %s", object.get("kind").str(), name)
          .containsEntry("app.kubernetes.io/name", "sightline")
          .containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE)
          .containsEntry("app.kubernetes.io/managed-by", "Helm")
          .containsEntry("helm.sh/chart", "sightline-" + chart.get("version"))
          .containsKeys("app.kubernetes.io/version", "app.kubernetes.io/component");
      labels.values().forEach(v -> assertThat(v.length()).isLessThanOrEqualTo(63));
    }

    Node deployment = rendered.one("Deployment");
    Map<String, String> selector = deployment.get("spec", "selector", "matchLabels").strings();
    assertThat(selector)
        .containsOnlyKeys(
            "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component")
        .containsEntry("app.kubernetes.io/component", "query");
    assertThat(labels(podTemplate(deployment))).containsAllEntriesOf(selector);

    Node container = podTemplate(deployment).get("spec", "containers").require("sightline");
    Node service = rendered.one("Service");
    assertThat(service.get("spec", "selector").strings()).isEqualTo(selector);
    Set<String> containerPortNames =
        container.get("ports").items().stream()
            .map(p -> p.get("name").str())
            .collect(Collectors.toSet());
    for (Node port : service.get("spec", "ports").items()) {
      assertThat(containerPortNames).contains(port.get("targetPort").str());
    }

    assertWorkloadReferences(rendered, deployment, container);
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      Node httpGet = container.get(probe, "httpGet");
      if (httpGet.exists()) {
        assertThat(httpGet.get("port").value()).as(probe).isEqualTo("admin");
        assertThat(httpGet.get("path").str()).as(probe).startsWith("/actuator/health/");
      }
    }

    for (Node hpa : rendered.all("HorizontalPodAutoscaler")) {
      assertThat(hpa.get("spec", "scaleTargetRef").strings())
          .containsEntry("kind", "Deployment")
          .containsEntry("name", name(deployment));
      assertThat(deployment.get("spec", "replicas").exists())
          .as("replicas are the HPA's business")
          .isFalse();
    }
    for (Node pdb : rendered.all("PodDisruptionBudget")) {
      assertThat(pdb.get("spec", "selector", "matchLabels").strings()).isEqualTo(selector);
    }
    Set<String> servicePortNames =
        service.get("spec", "ports").items().stream()
            .map(p -> p.get("name").str())
            .collect(Collectors.toSet());
    for (Node ingress : rendered.all("Ingress")) {
      for (Node rule : ingress.get("spec", "rules").items()) {
        for (Node path : rule.get("http", "paths").items()) {
          Node backend = path.get("backend", "service");
          assertThat(backend.get("name").str()).isEqualTo(name(service));
          assertThat(servicePortNames).contains(backend.get("port", "name").str());
        }
      }
    }
    for (Node route : rendered.all("IngressRoute")) {
      assertThat(route.get("apiVersion").str()).isEqualTo("traefik.io/v1alpha1");
      for (Node r : route.get("spec", "routes").items()) {
        for (Node target : r.get("services").items()) {
          assertThat(target.get("name").str()).isEqualTo(name(service));
          assertThat(service.get("spec", "ports").items())
              .anySatisfy(
                  p -> assertThat(p.get("port").value()).isEqualTo(target.get("port").value()));
        }
      }
    }
    for (Node cronJob : rendered.all("CronJob")) {
      // A Job's pods are named after the CronJob plus 11 characters, within 63.
      assertThat(name(cronJob).length()).isLessThanOrEqualTo(52);
      Map<String, String> jobLabels = labels(podTemplate(cronJob));
      assertThat(jobLabels.entrySet().containsAll(selector.entrySet()))
          .as("the Service must never route to the job's pods")
          .isFalse();
      Node jobContainer = podTemplate(cronJob).get("spec", "containers").items().get(0);
      assertWorkloadReferences(rendered, cronJob, jobContainer);
    }
  }

  /** Everything a pod refers to by name exists in the render (or is an external Secret). */
  private static void assertWorkloadReferences(Manifests rendered, Node workload, Node container) {
    Node pod = podTemplate(workload).get("spec");
    Set<String> volumes =
        pod.get("volumes").items().stream()
            .map(v -> v.get("name").str())
            .collect(Collectors.toSet());
    for (Node mount : container.get("volumeMounts").items()) {
      assertThat(volumes).as("volume of %s", mount).contains(mount.get("name").str());
    }
    Set<String> configMaps =
        rendered.all("ConfigMap").stream().map(Manifests::name).collect(Collectors.toSet());
    // The chart's own settings come first; user envFrom sources (which may override them) follow.
    Node first = container.get("envFrom").items().get(0);
    assertThat(configMaps).contains(first.get("configMapRef", "name").str());
    String account = pod.get("serviceAccountName").str();
    if (!rendered.all("ServiceAccount").isEmpty()) {
      assertThat(name(rendered.one("ServiceAccount"))).isEqualTo(account);
    }
    for (Node variable : container.get("env").items()) {
      Node ref = variable.get("valueFrom", "secretKeyRef");
      if (!ref.exists()) {
        continue;
      }
      rendered.all("Secret").stream()
          .filter(s -> name(s).equals(ref.get("name").str()))
          .forEach(s -> assertThat(s.get("data").entries()).containsKey(ref.get("key").str()));
    }
  }
}
