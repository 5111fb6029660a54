package io.sightline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** A set of Kubernetes objects parsed from a multi-document YAML stream (helm template output). */
final class Manifests {

  private final List<Node> objects;

  private Manifests(List<Node> objects) {
    this.objects = List.copyOf(objects);
  }

  static Manifests parse(String yaml) {
    List<Node> objects = new ArrayList<>();
    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
      if (document == null) {
        continue; // an empty document: a template whose condition was false
      }
      Node object = Node.root(document);
      assertThat(object.get("apiVersion").str()).as("apiVersion of %s", document).isNotBlank();
      assertThat(object.get("kind").str()).as("kind of %s", document).isNotBlank();
      objects.add(object);
    }
    return new Manifests(objects);
  }

  List<Node> all() {
    return objects;
  }

  List<Node> all(String kind) {
    return objects.stream().filter(o -> kind.equals(o.get("kind").value())).toList();
  }

  /** The only object of a kind; fails when there are none or several. */
  Node one(String kind) {
    List<Node> matches = all(kind);
    assertThat(matches).as("objects of kind %s", kind).hasSize(1);
    return matches.get(0);
  }

  Set<String> kinds() {
    return objects.stream()
        .map(o -> o.get("kind").str())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  static String name(Node object) {
    return object.get("metadata", "name").str();
  }

  static Map<String, String> labels(Node object) {
    return object.get("metadata", "labels").strings();
  }

  /** The pod spec of a Deployment or of a CronJob's job template. */
  static Node podTemplate(Node workload) {
    return switch (workload.get("kind").str()) {
      case "Deployment" -> workload.get("spec", "template");
      case "CronJob" -> workload.get("spec", "jobTemplate", "spec", "template");
      default -> throw new AssertionError("not a workload: " + workload.get("kind").str());
    };
  }

  /**
   * The environment a container really gets: {@code envFrom} ConfigMaps of this render (later
   * sources win), then {@code env} (which wins over envFrom), as Kubernetes resolves it. Values are
   * strings for plain values, the {@code valueFrom} tree otherwise.
   */
  Map<String, Object> effectiveEnv(Node container) {
    Map<String, Object> env = new LinkedHashMap<>();
    for (Node source : container.get("envFrom").items()) {
      Node ref = source.get("configMapRef");
      if (!ref.exists()) {
        continue;
      }
      String name = ref.get("name").str();
      all("ConfigMap").stream()
          .filter(cm -> name(cm).equals(name))
          .findFirst()
          .ifPresent(cm -> env.putAll(cm.get("data").strings()));
    }
    for (Node variable : container.get("env").items()) {
      Node valueFrom = variable.get("valueFrom");
      env.put(
          variable.get("name").str(),
          valueFrom.exists() ? valueFrom.value() : variable.get("value").str());
    }
    return env;
  }

  /** The number behind a container port given by name or number. */
  static int containerPort(Node container, Object port) {
    if (port instanceof Integer number) {
      return number;
    }
    return container.get("ports").require(String.valueOf(port)).get("containerPort").integer();
  }
}
