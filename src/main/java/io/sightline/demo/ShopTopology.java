package io.sightline.demo;

import io.sightline.trace.KeyValue;
import io.sightline.trace.TracedProcess;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deployment of the demo shop: every service runs as a few Kubernetes pods, and each pod is a
 * distinct Jaeger process (its own host name, IP and pod name). One catalog pod runs a canary
 * version, as in a rolling deployment.
 */
final class ShopTopology {

  /** The Kubernetes-safe alphabet of generated pod-name suffixes. */
  private static final String POD_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private static final int NODES = 5;
  private static final String NAMESPACE = "shop";
  private static final String CANARY_VERSION = "4.3.0-rc.1";

  /**
   * One pod of a service.
   *
   * @param service the service
   * @param process its Jaeger process (service name and resource attributes)
   * @param ip the pod IP
   * @param peerAddress {@code network.peer.address} pointing at this pod, shared by every span
   */
  record Pod(ShopService service, TracedProcess process, String ip, KeyValue peerAddress) {}

  private final Map<ShopService, List<Pod>> pods = new EnumMap<>(ShopService.class);

  ShopTopology(long seed, DemoProfile profile) {
    DemoRandom random = DemoRandom.forStream(seed, 0x70b0L);
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      nodes.add(
          "ip-10-0-" + random.between(1, 3) + "-" + random.between(10, 250) + ".ec2.internal");
    }
    Set<String> usedIps = new HashSet<>();
    for (ShopService service : ShopService.values()) {
      if (!profile.services.contains(service)) {
        continue;
      }
      String replicaSet = random.chars(10, POD_ALPHABET);
      List<Pod> servicePods = new ArrayList<>();
      for (int i = 0; i < service.replicas; i++) {
        boolean canary = service == ShopService.CATALOG && i == service.replicas - 1;
        String podName =
            service.serviceName
                + "-"
                + (canary ? random.chars(10, POD_ALPHABET) : replicaSet)
                + "-"
                + random.chars(5, POD_ALPHABET);
        int node = random.nextInt(NODES);
        String ip;
        do {
          ip = "10.42." + node + "." + random.between(2, 250);
        } while (!usedIps.add(ip));
        List<KeyValue> tags =
            List.of(
                KeyValue.string("host.name", podName),
                KeyValue.string("ip", ip),
                KeyValue.string("k8s.deployment.name", service.serviceName),
                KeyValue.string("k8s.namespace.name", NAMESPACE),
                KeyValue.string("k8s.node.name", nodes.get(node)),
                KeyValue.string("k8s.pod.name", podName),
                KeyValue.string("service.instance.id", uuid(random)),
                KeyValue.string("service.namespace", NAMESPACE),
                KeyValue.string("service.version", canary ? CANARY_VERSION : service.version),
                KeyValue.string("telemetry.sdk.language", service.sdk.language),
                KeyValue.string("telemetry.sdk.name", "opentelemetry"),
                KeyValue.string("telemetry.sdk.version", service.sdk.version));
        servicePods.add(
            new Pod(
                service,
                new TracedProcess(service.serviceName, tags),
                ip,
                KeyValue.string("network.peer.address", ip)));
      }
      pods.put(service, List.copyOf(servicePods));
    }
  }

  boolean has(ShopService service) {
    return pods.containsKey(service);
  }

  /** A pod of the service, chosen as a load balancer would (at random). */
  Pod pick(ShopService service, DemoRandom random) {
    List<Pod> servicePods = pods.get(service);
    if (servicePods == null) {
      throw new IllegalStateException(service.serviceName + " is not part of this profile");
    }
    return servicePods.get(random.nextInt(servicePods.size()));
  }

  /** All pods, service by service. */
  List<Pod> pods() {
    List<Pod> all = new ArrayList<>();
    pods.values().forEach(all::addAll);
    return all;
  }

  static String uuid(DemoRandom random) {
    String hex = random.hex(32);
    return hex.substring(0, 8)
        + "-"
        + hex.substring(8, 12)
        + "-4"
        + hex.substring(13, 16)
        + "-"
        + "89ab".charAt(random.nextInt(4))
        + hex.substring(17, 20)
        + "-"
        + hex.substring(20, 32);
  }
}
